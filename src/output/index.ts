// Output formats are pure functions of the scan result; this picks one by name.
import type { ScanResult } from '../scan/finding.ts';
import { formatJson } from './json.ts';
import { formatText } from './text.ts';

/** The formats `--format` accepts. */
export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Renders `result` in `format`. */
export function render(
  result: ScanResult,
  format: OutputFormat,
  opts: { color: boolean; verbose?: boolean },
): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'text':
      return formatText(result, opts);
    default:
      throw new Error(`format ${format} is not implemented yet`);
  }
}
