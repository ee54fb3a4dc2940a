// The one place findings are filtered: the project config (rules off, severities changed, ignores by
// rule + path glob + server), inline `mcp-guard-ignore` comments, a baseline, and --min-severity.
import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { z } from 'zod';
import { formatPath, parseDocument, toPlain } from '../config/document.ts';
import { locateIssue } from '../config/issues.ts';
import type { ClientConfig } from '../config/types.ts';
import type { Finding } from './finding.ts';
import { legacyFingerprint } from './fingerprint.ts';
import { SEVERITIES, type Severity } from './severity.ts';

/** The scanner's project config file name, looked for at the scan root. */
export const PROJECT_CONFIG_NAME = '.mcp-guard-scan.yaml';

const severity = z.enum(SEVERITIES);
const ProjectConfigSchema = z
  .object({
    rules: z
      .record(
        z.string().regex(/^MG\d{3}$/, 'rule codes look like MG301'),
        z.union([
          z.literal('off'),
          severity,
          z.object({ severity: severity.optional(), enabled: z.boolean().optional() }),
        ]),
      )
      .optional(),
    ignore: z
      .array(
        z
          .object({
            rule: z.string().regex(/^(MG\d{3}|\*)$/, 'use a rule code such as MG301, or *'),
            path: z.string().optional(),
            server: z.string().optional(),
            reason: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** The scanner's project config, validated. */
export interface ProjectConfig {
  disabled: Set<string>;
  severities: Map<string, Severity>;
  ignores: { rule: string; path?: (file: string) => boolean; server?: string }[];
}

/** Thrown for a bad project config or baseline: a usage error (exit 2) naming the file and line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** An empty project config. */
export function emptyProjectConfig(): ProjectConfig {
  return { disabled: new Set(), severities: new Map(), ignores: [] };
}

/** Loads and validates a project config; errors name the file, line and key. */
export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ConfigError(`${file}: cannot read: ${e.message}`);
  });
  const doc = parseDocument(text, file.endsWith('.json') ? 'jsonc' : 'yaml');
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${file}:${e.line}:${e.column}: ${e.message}`);
  }
  const parsed = ProjectConfigSchema.safeParse(toPlain(doc.root) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = locateIssue(doc, issue.path as (string | number)[]);
    throw new ConfigError(
      `${file}:${at.line}:${at.column}: ${formatPath(issue.path as (string | number)[]) || '(root)'}: ${issue.message}`,
    );
  }
  const config = emptyProjectConfig();
  for (const [code, setting] of Object.entries(parsed.data.rules ?? {})) {
    if (setting === 'off' || (typeof setting === 'object' && setting.enabled === false))
      config.disabled.add(code);
    else if (typeof setting === 'string') config.severities.set(code, setting);
    else if (setting.severity) config.severities.set(code, setting.severity);
  }
  for (const ig of parsed.data.ignore ?? []) {
    config.ignores.push({
      rule: ig.rule,
      path: ig.path ? picomatch(ig.path, { dot: true }) : undefined,
      server: ig.server,
    });
  }
  return config;
}

/**
 * Applies the project config's severity overrides and ignores; returns the kept findings. (Rules it
 * switches off never run: `scan()` leaves them out of the rules it hands the engine.)
 */
export function applyProjectConfig(findings: Finding[], config: ProjectConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const ignored = config.ignores.some(
      (ig) =>
        (ig.rule === '*' || ig.rule === f.ruleId) &&
        (!ig.path || ig.path(f.file)) &&
        (ig.server === undefined || ig.server === f.server),
    );
    if (ignored) continue;
    const sev = config.severities.get(f.ruleId);
    out.push(sev ? { ...f, severity: sev } : f);
  }
  return out;
}

const INLINE = /mcp-guard-ignore\s+((?:MG\d{3}|\*)(?:\s*,\s*(?:MG\d{3}|\*))*)/;

/** Drops findings silenced by an `mcp-guard-ignore MG301 <reason>` comment on their line or the line above. */
export function applyInlineIgnores(findings: Finding[], config: ClientConfig): Finding[] {
  const byLine = new Map<number, Set<string>>();
  for (const c of config.document.comments) {
    const m = INLINE.exec(c.text);
    if (!m) continue;
    const codes = new Set(m[1].split(',').map((s) => s.trim()));
    // A comment covers its own line and the next one.
    for (const line of [c.line, c.line + 1]) {
      const set = byLine.get(line) ?? new Set<string>();
      for (const code of codes) set.add(code);
      byLine.set(line, set);
    }
  }
  if (byLine.size === 0) return findings;
  return findings.filter((f) => {
    const codes = byLine.get(f.line);
    return !(codes?.has(f.ruleId) || codes?.has('*'));
  });
}

/** The baseline file: fingerprints of accepted findings. */
export interface Baseline {
  version: 1;
  fingerprints: string[];
}

/** Reads a baseline written by `--write-baseline`. */
export async function loadBaseline(file: string): Promise<Set<string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read baseline: ${(error as Error).message}`);
  }
  const parsed = z.object({ version: z.literal(1), fingerprints: z.array(z.string()) }).safeParse(data);
  if (!parsed.success)
    throw new ConfigError(`${file}: not an mcp-guard baseline (expected {"version":1,"fingerprints":[...]})`);
  return new Set(parsed.data.fingerprints);
}

/**
 * Whether a baseline holds `f`: by its fingerprint, or by the one mcp-guard 0.1 computed, so a baseline
 * written before fingerprints followed moved servers keeps working.
 */
export function inBaseline(baseline: ReadonlySet<string>, f: Finding): boolean {
  return baseline.has(f.fingerprint) || baseline.has(legacyFingerprint(f));
}

/** Builds the baseline document for a set of findings. */
export function makeBaseline(findings: readonly Finding[]): Baseline {
  return { version: 1, fingerprints: [...new Set(findings.map((f) => f.fingerprint))].sort() };
}
