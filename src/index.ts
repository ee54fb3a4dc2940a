// The programmatic API of mcp-guard.
import { RULES } from '../rules/index.ts';
import type { ScanResult } from './scan/finding.ts';
import { type ScanOptions, scan as scanWith } from './scan/scan.ts';

export { RULES } from '../rules/index.ts';
export { type GuardConfig, loadGuardConfig } from './config/guard.ts';
export type { ClientConfig, ServerSpec, SValue } from './config/types.ts';
export { createGuard, type Guard, type GuardDeps } from './guard/guard.ts';
export type { Finding, ScanResult } from './scan/finding.ts';
export type { Rule } from './scan/rule.ts';
export type { ScanOptions } from './scan/scan.ts';
export type { Severity } from './scan/severity.ts';

/** Scans as `mcp-guard scan` does: with the whole catalogue unless `rules` names the rules to run. */
export function scan(
  options: Omit<ScanOptions, 'rules'> & { rules?: ScanOptions['rules'] } = {},
): Promise<ScanResult> {
  return scanWith({ ...options, rules: options.rules ?? RULES });
}
