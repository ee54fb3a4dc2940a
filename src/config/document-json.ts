// JSON and JSONC into the config model's tree (`jsonc-parser`): comments and trailing commas accepted,
// the nesting depth checked before the (recursive) tree parser runs, and an object or array left open
// reported at its opening bracket rather than at the end of the file. Split from document.ts.
import * as jsonc from 'jsonc-parser';
import { LimitError, MAX_DOCUMENT_DEPTH, tooDeep } from './document-parse.ts';
import type { ParsedDocument, PNode } from './document-tree.ts';

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read; its stable values:
const TOKEN_OPEN_BRACE = 1;
const TOKEN_CLOSE_BRACE = 2;
const TOKEN_OPEN_BRACKET = 3;
const TOKEN_CLOSE_BRACKET = 4;
const TOKEN_LINE_COMMENT = 12;
const TOKEN_BLOCK_COMMENT = 13;
const TOKEN_EOF = 17;

/** Parses JSON or JSONC `text` into `doc` (its tree, errors and comments); throws a `LimitError`. */
export function parseJson(text: string, doc: ParsedDocument): void {
  // One pass with the (iterative) scanner first: the comments, and the nesting depth, checked before
  // the (recursive) tree parser sees the text.
  const scanner = jsonc.createScanner(text, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== TOKEN_EOF; kind = scanner.scan()) {
    if (kind === TOKEN_OPEN_BRACE || kind === TOKEN_OPEN_BRACKET) {
      if (++depth > MAX_DOCUMENT_DEPTH) throw new LimitError(tooDeep(), scanner.getTokenOffset());
    } else if (kind === TOKEN_CLOSE_BRACE || kind === TOKEN_CLOSE_BRACKET) depth = Math.max(0, depth - 1);
    else if (kind === TOKEN_LINE_COMMENT || kind === TOKEN_BLOCK_COMMENT) {
      doc.comments.push({
        line: doc.position(scanner.getTokenOffset()).line,
        text: scanner.getTokenValue().trim(),
      });
    }
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  // An object or array left open is reported by the parser at the end of the file, which says
  // nothing about where the mistake is: point at the `{` or `[` that is never closed instead.
  const end = text.trimEnd().length;
  const unclosed = errors.some((e) => e.offset >= end && isUnclosedError(e)) ? unclosedOpeners(text) : [];
  for (const e of errors) {
    // JSON (not JSONC) clients still usually tolerate comments and trailing commas badly; we accept
    // them everywhere because a scanner should judge what it can read rather than stop.
    const message = readableJsonError(jsonc.printParseErrorCode(e.error));
    const opener = e.offset >= end && isUnclosedError(e) ? unclosed.shift() : undefined;
    if (opener) {
      const what = opener.kind === 'object' ? 'object' : 'array';
      doc.errors.push({
        ...doc.position(opener.offset),
        message: `${message}: this ${what} is never closed`,
      });
    } else doc.errors.push({ ...doc.position(e.offset), message });
  }
  doc.root = tree ? fromJsonc(tree) : undefined;
}

function isUnclosedError(e: jsonc.ParseError): boolean {
  const code = jsonc.printParseErrorCode(e.error);
  return code === 'CloseBraceExpected' || code === 'CloseBracketExpected';
}

/**
 * The objects and arrays of `text` that are never closed, the likeliest culprit first. Brackets are
 * matched by token; where a closing bracket that starts its line is indented less than the line of
 * the innermost open one, that one is taken as the unclosed one (people indent what they mean), so
 * `"b": { "command": "y"` followed by the `}` of the enclosing map points at `"b"`, not at the first
 * line. What is still open at the end follows, innermost first.
 */
function unclosedOpeners(text: string): { offset: number; kind: 'object' | 'array' }[] {
  const indentOf = (offset: number) => {
    const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const line = text.slice(start, offset);
    return { indent: line.length - line.trimStart().length, first: line.trim() === '' };
  };
  const stack: { offset: number; kind: 'object' | 'array'; indent: number }[] = [];
  const suspects: { offset: number; kind: 'object' | 'array' }[] = [];
  const scanner = jsonc.createScanner(text, true);
  for (let kind = scanner.scan(); kind !== TOKEN_EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (kind === TOKEN_OPEN_BRACE || kind === TOKEN_OPEN_BRACKET) {
      stack.push({
        offset,
        kind: kind === TOKEN_OPEN_BRACE ? 'object' : 'array',
        indent: indentOf(offset).indent,
      });
    } else if (kind === TOKEN_CLOSE_BRACE || kind === TOKEN_CLOSE_BRACKET) {
      const at = indentOf(offset);
      const want = kind === TOKEN_CLOSE_BRACE ? 'object' : 'array';
      // An inner opener indented deeper than this closer, with an outer one that matches it: unclosed.
      while (
        at.first &&
        stack.length > 1 &&
        stack[stack.length - 1].indent > at.indent &&
        stack.some((o) => o.kind === want && o.indent === at.indent)
      ) {
        const { offset: o, kind: k } = stack.pop()!;
        suspects.push({ offset: o, kind: k });
      }
      stack.pop();
    }
  }
  return [...suspects, ...stack.reverse().map(({ offset, kind }) => ({ offset, kind }))];
}

/** `CommaExpected` -> `comma expected`: jsonc-parser's codes, as words. */
function readableJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fromJsonc(node: jsonc.Node): PNode {
  const { offset, length } = node;
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        offset,
        length,
        entries: (node.children ?? [])
          .filter((p) => p.children?.[0] && p.children[1])
          .map((p) => ({
            key: String(p.children![0].value),
            keyOffset: p.children![0].offset,
            value: fromJsonc(p.children![1]),
          })),
      };
    case 'array':
      return { kind: 'array', offset, length, items: (node.children ?? []).map(fromJsonc) };
    case 'string':
      return { kind: 'string', offset, length, value: String(node.value) };
    case 'number':
      return { kind: 'number', offset, length, value: Number(node.value) };
    case 'boolean':
      return { kind: 'boolean', offset, length, value: Boolean(node.value) };
    default:
      return { kind: 'null', offset, length, value: null };
  }
}
