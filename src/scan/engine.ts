// Runs the rules it is handed over one loaded file and turns their reports into located findings. The
// engine walks files, servers and guard configs; rules never walk, format or filter.
import { type JsonPath, offsetOf, type Position } from '../config/document.ts';
import type { ClientConfig } from '../config/types.ts';
import type { Finding } from './finding.ts';
import { fingerprint } from './fingerprint.ts';
import { type Rule, type RuleContext, renderMessage } from './rule.ts';
import { lowerSeverity, type Severity } from './severity.ts';

/** Inputs the engine needs besides the file. */
export interface EngineOptions {
  rules: readonly Rule[];
  mode: 'machine' | 'repo';
  /** The file's name as it appears in output (relative to the scan root, forward slashes). */
  displayFile: string;
  stat?: { mode: number; dirMode: number };
}

/** Awaits every rule's `prepare` pre-pass for `config`; call it before {@link runRules}. */
export async function prepareRules(config: ClientConfig, rules: readonly Rule[]): Promise<void> {
  await Promise.all(rules.map((r) => r.prepare?.(config)));
}

/** Runs every rule on `config`; findings come back in rule order, then file order. */
export function runRules(config: ClientConfig, opts: EngineOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of opts.rules) {
    let server: { name: string; disabled: boolean; path: JsonPath } | null = null;
    const ctx: RuleContext = {
      config,
      mode: opts.mode,
      stat: opts.stat,
      report: (r) => {
        const template = rule.messages[r.message];
        // Message keys are typed through defineRule; a key that slips through a cast is a bug in the rule.
        if (template === undefined)
          throw new Error(`rule ${rule.code} reported message "${r.message}", which it does not define`);
        let severity: Severity = r.severity ?? rule.severity;
        if (server?.disabled) severity = lowerSeverity(severity);
        findings.push(
          makeFinding(config, opts.displayFile, rule, {
            path: r.path,
            message: renderMessage(template, r.data),
            severity,
            server: server?.name ?? null,
            serverPath: server?.path,
            at: r.at,
          }),
        );
      },
    };
    if (rule.checkFile) {
      server = null;
      rule.checkFile(config, ctx);
    }
    if (rule.checkGuard && config.guard) {
      server = null;
      rule.checkGuard(config.guard, ctx);
    }
    if (rule.checkServer) {
      for (const s of config.servers) {
        server = s;
        rule.checkServer(s, ctx);
      }
    }
  }
  return findings;
}

/** Builds a finding, locating its JSON path in the file (or using the place given). */
export function makeFinding(
  config: ClientConfig,
  displayFile: string,
  rule: Pick<Rule, 'code' | 'name' | 'fix' | 'helpUri'>,
  report: {
    path: JsonPath;
    message: string;
    severity: Severity;
    server: string | null;
    /** The server entry's JSON path: its findings keep their fingerprint when it moves (fingerprint.ts). */
    serverPath?: JsonPath;
    at?: Position;
  },
): Finding {
  const { path, message, severity, server, serverPath } = report;
  const place = report.at ?? config.document.position(offsetOf(config.document.root, path));
  const finding = {
    ruleId: rule.code,
    rule: rule.name,
    fix: rule.fix,
    helpUri: rule.helpUri,
    severity,
    message,
    file: displayFile,
    line: place.line,
    column: place.column,
    client: config.client,
    server,
    path,
    ...(serverPath ? { serverPath } : {}),
    absFile: config.file,
  };
  return { ...finding, fingerprint: fingerprint(finding) };
}
