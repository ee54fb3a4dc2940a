// What a rule is: metadata (data) plus a check at the level it needs. Rules report a JSON path and a
// message key; the engine turns paths into places, and formats and filters nothing here.
import type { JsonPath } from '../config/document.ts';
import type { ClientConfig, ServerSpec } from '../config/types.ts';

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How often a finding of the rule is a true positive (SARIF `precision`). */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** A rule's identity and documentation; the same object drives docs, SARIF and the CLI. */
export interface RuleMeta {
  /** Stable code (`MG101`): what users write in ignores, and the SARIF `ruleId`. */
  code: string;
  /** Kebab-case name (`remote-no-auth`): file name, doc page, fixture folder, SARIF `name`. */
  name: string;
  severity: Severity;
  precision: Precision;
  /** One line: what it detects. */
  summary: string;
  /** A paragraph: why it matters. */
  description: string;
  /** Markdown with the remediation (an unsafe snippet and the safe one). */
  help: string;
  /** A one-line fix shown beside each finding in text output. */
  fix: string;
  tags: string[];
  /** Message templates by key; `{name}` placeholders are filled from the report's `data`. */
  messages: Record<string, string>;
}

/** What a check reports: where (a JSON path in the file) and which message. */
export interface Report {
  path: JsonPath;
  /** Key into the rule's `messages`. */
  message: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's default severity for this finding (e.g. MG210 on loopback). */
  severity?: Severity;
}

/** What a check can see besides its subject. */
export interface RuleContext {
  config: ClientConfig;
  /** `machine` when scanning the user's own machine (file permissions matter), `repo` otherwise. */
  mode: 'machine' | 'repo';
  /** POSIX mode bits of the file and of its folder, when known. */
  stat?: { mode: number; dirMode: number };
  report(report: Report): void;
}

/** A rule: metadata plus one or more checks. */
export interface Rule extends RuleMeta {
  /**
   * Optional async pre-pass, awaited once per file before any check runs: checks are synchronous, so
   * work that needs an async library (e.g. secretlint's `lintSource`) is done here and cached.
   */
  prepare?(config: ClientConfig): Promise<void>;
  /** Called once per server of every file (guard configs included). */
  checkServer?(server: ServerSpec, ctx: RuleContext): void;
  /** Called once per file. */
  checkFile?(config: ClientConfig, ctx: RuleContext): void;
}

/** Returns a severity one step lower (low stays low): disabled servers are judged this way. */
export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(s) + 1, SEVERITIES.length - 1)];
}

/** Compares severities: positive when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a);
}

/** Defines a rule, checking the invariants the rest of the program relies on. */
export function defineRule(rule: Rule): Rule {
  if (!/^MG\d{3}$/.test(rule.code)) throw new Error(`bad rule code ${rule.code}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.name)) throw new Error(`bad rule name ${rule.name}`);
  return rule;
}

/** Fills `{placeholders}` of a message template. */
export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
