// What a rule is: metadata (data) plus a check at the level it needs. Rules report a JSON path and a
// message key; the engine turns paths into places, and formats and filters nothing here. The engine
// never imports a rule: whoever calls it (the CLI, the Action, a test) hands it the rules to run.
import type { JsonPath, Position } from '../config/document.ts';
import type { GuardLint } from '../config/guard-lint.ts';
import type { ClientConfig, ServerSpec } from '../config/types.ts';
import { PROJECT_URL } from '../version.ts';
import type { Severity } from './severity.ts';

export { SEVERITIES, type Severity } from './severity.ts';

/** How often a finding of the rule is a true positive (SARIF `precision`). */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** A rule's identity and documentation; the same object drives docs, SARIF and the CLI. */
export interface RuleMeta<M extends string = string> {
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
  messages: Record<M, string>;
  /** The rule's documentation page, built from its name by {@link defineRule} so the two cannot drift. */
  helpUri: string;
}

/** What a check reports: where (a JSON path in the file) and which message. */
export interface Report<M extends string = string> {
  path: JsonPath;
  /** A place to use instead of the path's (a parse error has a line and column but no path). */
  at?: Position;
  /** Key into the rule's `messages`. */
  message: M;
  data?: Record<string, string | number>;
  /** Overrides the rule's default severity for this finding (e.g. MG210 on loopback). */
  severity?: Severity;
  /** The server a file-level finding is about (a grant that names it), when no `checkServer` says so. */
  server?: string;
  /**
   * Overrides the rule's one-line fix for this finding, when the rule's own is too general to act on
   * (MG202: the safer value of the very setting that was found, `GOOSE_MODE: smart_approve`).
   */
  fix?: string;
}

/** A place in another file (or elsewhere in the same one) that explains a finding. */
export interface RelatedPlace {
  config: ClientConfig;
  path: JsonPath;
  /** What is there, in a few words (`first launched here`). */
  message: string;
}

/** What a check over the whole scan reports: a finding in one of the files, and the places related to it. */
export interface ScanReport<M extends string = string> extends Omit<Report<M>, 'server'> {
  /** The file the finding is in. */
  config: ClientConfig;
  /** The server it is about: its name is the finding's, and a disabled one is judged one severity lower. */
  server?: ServerSpec;
  related?: RelatedPlace[];
}

/** What a check over the whole scan can see besides the files. */
export interface ScanRuleContext<M extends string = string> {
  mode: 'machine' | 'repo';
  /** A file's name as output shows it (relative to the scan root), for messages that name another file. */
  fileName(config: ClientConfig): string;
  report(report: ScanReport<M>): void;
}

/** What a check can see besides its subject. */
export interface RuleContext<M extends string = string> {
  config: ClientConfig;
  /** `machine` when scanning the user's own machine (file permissions matter), `repo` otherwise. */
  mode: 'machine' | 'repo';
  /** POSIX mode bits of the file and of its folder, when known. */
  stat?: { mode: number; dirMode: number };
  report(report: Report<M>): void;
}

/** The checks of a rule, at the levels it needs; the engine walks, the rule only judges. */
export interface RuleChecks<M extends string = string> {
  /**
   * Optional async pre-pass, awaited once per file before any check runs: checks are synchronous, so
   * work that needs an async library (e.g. secretlint's `lintSource`) is done here and cached.
   */
  prepare?(config: ClientConfig): Promise<void>;
  /** Called once per server of every file (a guard config's backends included). */
  checkServer?(server: ServerSpec, ctx: RuleContext<M>): void;
  /** Called once per file. */
  checkFile?(config: ClientConfig, ctx: RuleContext<M>): void;
  /** Called once per mcp-guard config, with what the guard's own loader made of it (lint mode). */
  checkGuard?(guard: GuardLint, ctx: RuleContext<M>): void;
  /**
   * Called once per scan, after every file is loaded, with all of them in file order: for judgements
   * that need several files of one repository or machine (the same server launched two ways). Rare;
   * everything that one file decides belongs in the checks above.
   */
  checkScan?(configs: readonly ClientConfig[], ctx: ScanRuleContext<M>): void;
}

/** A rule: metadata plus one or more checks. */
export interface Rule<M extends string = string> extends RuleMeta<M>, RuleChecks<M> {}

/** What a rule module writes: everything but the derived `helpUri`. */
export type RuleDefinition<M extends string> = Omit<RuleMeta<M>, 'helpUri'> & RuleChecks<M>;

/** The documentation page of a rule, built from its name. */
export function ruleHelpUri(name: string): string {
  return `${PROJECT_URL}/blob/main/rules/${name}.md`;
}

/**
 * Defines a rule, checking the invariants the rest of the program relies on. Message keys are typed
 * from `messages`, so `report({ message })` with a key the rule lacks does not compile (and the engine
 * throws if one slips through a cast).
 */
export function defineRule<const M extends string>(rule: RuleDefinition<M>): Rule<M> {
  if (!/^MG\d{3}$/.test(rule.code)) throw new Error(`bad rule code ${rule.code}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.name)) throw new Error(`bad rule name ${rule.name}`);
  return { ...rule, helpUri: ruleHelpUri(rule.name) };
}

/** Fills `{placeholders}` of a message template. */
export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
