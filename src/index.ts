// The programmatic API of mcp-guard: the scanner (`scan`, `RULES`), the guard's config loader, the
// guard itself (`startGuard` with defaults, `createGuard` for full control) and `createJwt`. Nothing
// here loads node:sqlite until a guard is started.
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
export type { Finding, ScanResult } from './scan/finding.ts';
export type { Rule, Severity } from './scan/rule.ts';
export { type ScanOptions, scan } from './scan/scan.ts';
