// What the parsers of document.ts share: the limits on what a config file may hold (nesting depth, YAML
// alias expansion), the error that reports a file over one, and the scan for `#` comments (YAML, TOML).
import type { ParsedDocument } from './document-tree.ts';

/**
 * The deepest nesting of arrays and objects a config file may have. Real configs nest a handful of
 * levels; the parsers' tree walks recurse, and a file of ten thousand `[` must be an error, not a crash.
 */
export const MAX_DOCUMENT_DEPTH = 200;
/**
 * Values YAML aliases may expand to in one file. Ten lines of aliases to aliases ("billion laughs")
 * would otherwise expand to 10^9 values; an honest file reuses a few blocks.
 */
export const MAX_ALIAS_NODES = 10_000;

/** A file over one of the parser's limits, at the offset where it was found. */
export class LimitError extends Error {
  /** Where in the text the limit was crossed. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** The message for a file nested deeper than {@link MAX_DOCUMENT_DEPTH}. */
export const tooDeep = () => `nested deeper than ${MAX_DOCUMENT_DEPTH} levels`;

/** `#` comments (YAML and TOML), found by a light scan that skips quoted strings. */
export function collectHashComments(text: string, doc: ParsedDocument): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let quote = '';
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#') {
        doc.comments.push({ line: i + 1, text: line.slice(j) });
        break;
      }
    }
  }
}
