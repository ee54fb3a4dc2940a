// The scanner's pipeline, end to end: discover -> load (parse + normalise) -> rules -> locate ->
// filter. The rules are the caller's (the CLI and the Action hand over the catalogue, a test its own
// few), and so is formatting (see src/output/).
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Platform } from '../config/clients.ts';
import { type Candidate, discoverMachine, discoverRepo, type MachineContext } from './discover.ts';
import { prepareRules, runRules, runScanRules, type ScannedFile } from './engine.ts';
import {
  applyInlineIgnores,
  applyProjectConfig,
  emptyProjectConfig,
  inBaseline,
  loadBaseline,
  loadProjectConfig,
  PROJECT_CONFIG_NAME,
  type ProjectConfig,
} from './filter.ts';
import type { Finding, ScanResult } from './finding.ts';
import { loadConfigFile } from './load.ts';
import type { Rule } from './rule.ts';
import { atLeast, type Severity } from './severity.ts';

/** What to scan and how to filter. */
export interface ScanOptions {
  /** Files or folders; empty means the machine's own config locations plus the current folder. */
  paths?: string[];
  /** The working folder (default `process.cwd()`). */
  cwd?: string;
  /** For machine scans: the platform, home and environment (default: this machine's). */
  machine?: Partial<MachineContext>;
  /** The rules to run: the CLI and the Action pass the catalogue (`RULES` from rules/index.ts). */
  rules: readonly Rule[];
  /** A project config file; default `.mcp-guard-scan.yaml` at the scan root when present. */
  config?: string;
  /** Hide findings below this severity. */
  minSeverity?: Severity;
  /** Report only findings whose fingerprint is not in this baseline file. */
  baseline?: string;
}

const CONCURRENCY = 16;

/** Scans and returns the filtered findings with the files read. Throws `ConfigError` on bad options. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = (options.paths ?? []).map((p) => resolve(cwd, p));
  let root = cwd;
  const candidates: Candidate[] = [];
  const result: ScanResult = {
    root,
    rules: [],
    findings: [],
    files: [],
    searched: [],
    errors: [],
    suppressed: 0,
  };
  let mode: 'machine' | 'repo' = 'repo';

  if (paths.length === 0) {
    mode = 'machine';
    const machine: MachineContext = {
      platform: (options.machine?.platform ?? process.platform) as Platform,
      home: options.machine?.home ?? homedir(),
      env: options.machine?.env ?? process.env,
    };
    const found = await discoverMachine(machine);
    candidates.push(...found.found);
    result.searched = found.searched;
    candidates.push(...(await discoverRepo(cwd)));
  } else {
    if (paths.length === 1 && (await isDirectory(paths[0]))) root = paths[0];
    for (const p of paths) {
      const info = await stat(p).catch((e: NodeJS.ErrnoException) => e);
      if (info instanceof Error) {
        const message =
          info.code === 'ELOOP' ? 'symbolic link loop; not scanned' : 'no such file or directory';
        result.errors.push({ file: display(root, p), message });
      } else if (info.isDirectory()) candidates.push(...(await discoverRepo(p)));
      else candidates.push({ file: p, scope: 'project' });
    }
  }
  result.root = root;

  const projectConfigFile = options.config ?? resolve(root, PROJECT_CONFIG_NAME);
  const project: ProjectConfig =
    options.config || (await isFile(projectConfigFile))
      ? await loadProjectConfig(projectConfigFile)
      : emptyProjectConfig();
  const baseline = options.baseline ? await loadBaseline(options.baseline) : undefined;
  // Rules switched off do not run at all, and outputs (SARIF `rules[]`) list only the ones that did.
  const rules = options.rules.filter((r) => !project.disabled.has(r.code));
  result.rules = rules;

  const unique = await dedupe(candidates);
  const perFile: Finding[][] = new Array(unique.length);
  const scanned: (ScannedFile | undefined)[] = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      const one = await scanOne(unique[i], root, mode, rules, result);
      perFile[i] = one.findings;
      scanned[i] = one.file;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
  perFile.push(
    acrossFiles(
      scanned.filter((f) => f !== undefined),
      rules,
      mode,
      result,
    ),
  );

  const all = perFile.flat();
  const total = all.length;
  let findings = applyProjectConfig(all, project);
  if (baseline) findings = findings.filter((f) => !inBaseline(baseline, f));
  if (options.minSeverity) findings = findings.filter((f) => atLeast(f.severity, options.minSeverity!));
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
  result.suppressed += total - findings.length;
  result.findings = findings;
  result.files.sort((a, b) => a.file.localeCompare(b.file));
  return result;
}

async function scanOne(
  c: Candidate,
  root: string,
  mode: 'machine' | 'repo',
  rules: readonly Rule[],
  result: ScanResult,
): Promise<{ findings: Finding[]; file?: ScannedFile }> {
  const displayFile = display(root, c.file);
  const loaded = await loadConfigFile(c.file, c.client, c.scope);
  if (!loaded.ok) {
    result.errors.push({ file: displayFile, message: loaded.message });
    return { findings: [] };
  }
  const { config } = loaded;
  result.files.push({
    file: displayFile,
    client: config.client,
    scope: config.scope,
    servers: config.servers.length,
  });
  await prepareRules(config, rules);
  const findings = runRules(config, { rules, mode, displayFile, stat: loaded.stat });
  const kept = applyInlineIgnores(findings, config);
  result.suppressed += findings.length - kept.length;
  return { findings: kept, file: { config, displayFile } };
}

/** The rules that look across files (`checkScan`), over every file read, in file order; inline ignores apply. */
function acrossFiles(
  files: ScannedFile[],
  rules: readonly Rule[],
  mode: 'machine' | 'repo',
  result: ScanResult,
): Finding[] {
  if (!rules.some((r) => r.checkScan)) return [];
  files.sort((a, b) => a.displayFile.localeCompare(b.displayFile));
  const findings = runScanRules(files, { rules, mode });
  const kept = files.flatMap(({ config }) =>
    applyInlineIgnores(
      findings.filter((f) => f.absFile === config.file),
      config,
    ),
  );
  result.suppressed += findings.length - kept.length;
  return kept;
}

/** Paths in output: relative to the root with forward slashes, absolute when outside it. */
export function display(root: string, file: string): string {
  const rel = relative(root, file);
  const out = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  return out.replace(/\\/g, '/');
}

async function dedupe(candidates: Candidate[]): Promise<Candidate[]> {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    const key = await realpath(c.file).catch(() => c.file);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}
