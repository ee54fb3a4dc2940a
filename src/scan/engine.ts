// Runs the rules it is handed over one loaded file (and, for the few rules that look across files,
// over the whole scan) and turns their reports into located findings. The engine walks files, servers
// and guard configs; rules never walk, format or filter.
import { type JsonPath, offsetOf, type Position } from '../config/document.ts';
import type { ClientConfig } from '../config/types.ts';
import type { Finding, RelatedLocation } from './finding.ts';
import { fingerprint } from './fingerprint.ts';
import { type Report, type Rule, type RuleContext, renderMessage, type ScanRuleContext } from './rule.ts';
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
        findings.push(
          makeFinding(config, opts.displayFile, rule, {
            ...rendered(rule, r, server?.disabled ?? false),
            path: r.path,
            server: server?.name ?? r.server ?? null,
            serverPath: server?.path,
            at: r.at,
            fix: r.fix,
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

/** One loaded file of a scan, with its name as output shows it. */
export interface ScannedFile {
  config: ClientConfig;
  displayFile: string;
}

/**
 * Runs the `checkScan` of every rule that has one over all the files of a scan (in the order given):
 * the one hook that sees several files at once. Findings are located like any other, with the places
 * a report relates to them.
 */
export function runScanRules(
  files: readonly ScannedFile[],
  opts: { rules: readonly Rule[]; mode: 'machine' | 'repo' },
): Finding[] {
  const findings: Finding[] = [];
  const names = new Map(files.map((f) => [f.config, f.displayFile]));
  const configs = files.map((f) => f.config);
  for (const rule of opts.rules) {
    if (!rule.checkScan) continue;
    const ctx: ScanRuleContext = {
      mode: opts.mode,
      fileName: (config) => names.get(config) ?? config.file,
      report: (r) => {
        const displayFile = names.get(r.config);
        if (displayFile === undefined)
          throw new Error(`rule ${rule.code} reported on a file not in the scan`);
        const finding = makeFinding(r.config, displayFile, rule, {
          ...rendered(rule, r, r.server?.disabled ?? false),
          path: r.path,
          server: r.server?.name ?? null,
          serverPath: r.server?.path,
          at: r.at,
          fix: r.fix,
        });
        const related: RelatedLocation[] = (r.related ?? []).map((p) => ({
          file: names.get(p.config) ?? p.config.file,
          ...p.config.document.position(offsetOf(p.config.document.root, p.path)),
          message: p.message,
        }));
        findings.push(related.length > 0 ? { ...finding, related } : finding);
      },
    };
    rule.checkScan(configs, ctx);
  }
  return findings;
}

/** A report's message filled in and its severity, one step lower for a disabled server. */
function rendered(
  rule: Rule,
  r: Pick<Report, 'message' | 'data' | 'severity'>,
  disabled: boolean,
): { message: string; severity: Severity } {
  const template = rule.messages[r.message];
  // Message keys are typed through defineRule; a key that slips through a cast is a bug in the rule.
  if (template === undefined)
    throw new Error(`rule ${rule.code} reported message "${r.message}", which it does not define`);
  const severity = r.severity ?? rule.severity;
  return {
    message: renderMessage(template, r.data),
    severity: disabled ? lowerSeverity(severity) : severity,
  };
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
    /** This finding's fix, when the report gave one; else the rule's. */
    fix?: string;
  },
): Finding {
  const { path, message, severity, server, serverPath } = report;
  const place = report.at ?? config.document.position(offsetOf(config.document.root, path));
  const finding = {
    ruleId: rule.code,
    rule: rule.name,
    fix: report.fix ?? rule.fix,
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
