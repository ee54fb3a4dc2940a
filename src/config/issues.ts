// Maps a validation issue's path (from zod) back to a line and column in the source file, so config
// errors can name the file, the line and the key.
import { type JsonPath, offsetOf, type ParsedDocument, type Position } from './document.ts';

/** The position of the deepest node along `path` (the key itself when the last step is a key). */
export function locateIssue(doc: ParsedDocument, path: JsonPath): Position {
  return doc.position(offsetOf(doc.root, path));
}
