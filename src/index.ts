// The programmatic API of mcp-guard: the scanner (`scan`, `RULES`), the guard's config loader, the
// guard itself (`startGuard` with defaults, `createGuard` for full control) and `createJwt`. Nothing
// here loads node:sqlite until a guard is started.
import { RULES } from '../rules/index.ts';
import type { ScanResult } from './scan/finding.ts';
import { type ScanOptions, scan as scanWith } from './scan/scan.ts';

export { RULES } from '../rules/index.ts';
export {
  type GuardConfig,
  GuardConfigError,
  type GuardConfigInput,
  loadGuardConfig,
  parseGuardConfig,
} from './config/guard.ts';
export type { ClientConfig, ServerSpec, SValue } from './config/types.ts';
export type { AuditSink } from './guard/context.ts';
export { createGuard, type Guard, type GuardDeps } from './guard/guard.ts';
export { type CreateJwtOptions, createJwt, JwtOptionsError } from './guard/jwt.ts';
export { GuardStartError, type RunningGuard, type StartGuardOptions, startGuard } from './guard/start.ts';
export type { Store } from './guard/store/types.ts';
export type { Finding, FindingStatus, ScanDiff, ScanResult } from './scan/finding.ts';
export type { Rule } from './scan/rule.ts';
export type { ScanOptions } from './scan/scan.ts';
export type { Severity } from './scan/severity.ts';

/** Scans as `mcp-guard scan` does: with the whole catalogue unless `rules` names the rules to run. */
export function scan(
  options: Omit<ScanOptions, 'rules'> & { rules?: ScanOptions['rules'] } = {},
): Promise<ScanResult> {
  return scanWith({ ...options, rules: options.rules ?? RULES });
}
