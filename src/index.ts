// The programmatic API of mcp-guard.
export { RULES } from '../rules/index.ts';
export { type GuardConfig, loadGuardConfig } from './config/guard.ts';
export type { ClientConfig, ServerSpec, SValue } from './config/types.ts';
export { createGuard, type Guard, type GuardDeps } from './guard/guard.ts';
export type { Finding, ScanResult } from './scan/finding.ts';
export type { Rule, Severity } from './scan/rule.ts';
export { type ScanOptions, scan } from './scan/scan.ts';
