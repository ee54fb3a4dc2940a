// A parsed config file as one position-keeping tree, whatever its format (JSON, JSONC, YAML, TOML).
// Everything downstream (normalisation, rules, the guard config loader) reads this tree, so a value
// can always be traced back to its file, JSON path, line and column. The tree and its navigation are in
// document-tree.ts, one parser per format in document-json.ts, document-yaml.ts and document-toml.ts
// (their shared limits in document-parse.ts); this module is the entry the rest of the code imports.
import { parseJson } from './document-json.ts';
import { LimitError, tooDeep } from './document-parse.ts';
import { parseToml } from './document-toml.ts';
import type { Format, ParsedDocument, Position } from './document-tree.ts';
import { parseYaml } from './document-yaml.ts';

export { MAX_ALIAS_NODES, MAX_DOCUMENT_DEPTH } from './document-parse.ts';
export {
  type Format,
  formatPath,
  type JsonPath,
  member,
  nodeAt,
  offsetOf,
  type ParsedDocument,
  type ParseProblem,
  type PathSegment,
  type PEntry,
  type PNode,
  type Position,
  setMember,
  toPlain,
} from './document-tree.ts';

/** Builds an offset-to-position function over `text` (binary search over line starts). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** Guesses the format from a file name: `.toml`, `.yaml`/`.yml`, JSONC-flavoured names, else JSON. */
export function formatForPath(path: string): Format {
  const lower = path.toLowerCase();
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return 'jsonc';
}

/** Parses `text` in `format` into a tree. Never throws: failures land in `errors`. */
export function parseDocument(text: string, format: Format): ParsedDocument {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // keep offsets stable
  const position = lineIndex(body);
  const doc: ParsedDocument = { format, text: body, root: undefined, errors: [], comments: [], position };
  try {
    if (format === 'yaml') parseYaml(body, doc);
    else if (format === 'toml') parseToml(body, doc);
    else parseJson(body, doc);
  } catch (error) {
    doc.root = undefined;
    if (error instanceof LimitError) {
      doc.errors.unshift({ ...doc.position(error.offset), message: error.message });
    } else if (error instanceof RangeError) {
      // A parser library recursing past the stack: the file nests far deeper than the limit.
      doc.errors.unshift({ line: 1, column: 1, message: tooDeep() });
    } else {
      doc.errors.push({ line: 1, column: 1, message: `cannot parse: ${(error as Error).message}` });
    }
  }
  return doc;
}
