// Output formats are pure functions of the scan result; this picks one by name.
import type { ScanResult } from '../scan/finding.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatMarkdown } from './markdown.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';

/** The formats `--format` accepts. */
export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Options shared by the formats; each reads the ones it needs. */
export interface RenderOptions {
  /** Colour text output (the caller decides: TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
  /** Text output: list files read and locations looked at. */
  verbose?: boolean;
}

/** Renders `result` in `format`. */
export function render(result: ScanResult, format: OutputFormat, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'text':
      return formatText(result, opts);
    case 'sarif':
      return formatSarif(result);
    case 'github':
      return formatGithub(result);
    case 'markdown':
      return formatMarkdown(result);
  }
}
