// SARIF 2.1.0 output, shaped for GitHub code scanning: one run, the rules in effect in catalogue order
// with their docs and `security-severity`, results located relative to `%SRCROOT%`, and a fingerprint
// of our own (GitHub computes `primaryLocationLineHash` itself; faking it would break its matching).
// Compared with a base commit, each result carries its `baselineState` (`new` or `unchanged`).
// Validated against the vendored OASIS schema in test/sarif.test.ts.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, ScanResult } from '../scan/finding.ts';
import type { RuleMeta } from '../scan/rule.ts';
import type { Severity } from '../scan/severity.ts';
import { PROJECT_URL, VERSION } from '../version.ts';

/** The schema URI written into `$schema`: the OASIS errata-01 schema. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Where the project lives (SARIF `informationUri`). */
export const INFORMATION_URI = PROJECT_URL;
/**
 * The key of our fingerprint in `partialFingerprints`, versioned with the hash: v2 follows a server
 * across list positions and its client's files (src/scan/fingerprint.ts); v1 did not.
 */
export const FINGERPRINT_KEY = 'mcpGuardFindingHash/v2';
/** The base id relative artifact URIs are resolved against. */
export const SRCROOT = '%SRCROOT%';

/** GitHub's `security-severity` scores (strings, as GitHub expects): they map to its own bands. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** SARIF result levels: GitHub shows `error` and `warning` prominently, `note` quietly. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * Renders the scan as a SARIF 2.1.0 log (pretty-printed JSON). `rules[]` lists the rules in effect
 * (`result.rules`), so the CLI and the Action write the same list for the same scan.
 */
export function formatSarif(result: ScanResult): string {
  const rules = result.rules;
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mcp-guard',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(result.root) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file) } }],
            })),
          },
        ],
        results: result.findings.map((f) => sarifResult(f, index)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleMeta) {
  const tags = rule.tags.includes('security') ? rule.tags : ['security', ...rule.tags];
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\n${rule.help}\n\nFix: ${rule.fix}`,
      markdown: `**${rule.code} ${rule.name}**\n\n${rule.description}\n\n${rule.help}\n\n[Documentation](${rule.helpUri})`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: rule.precision,
      tags,
    },
  };
}

function sarifResult(f: Finding, index: ReadonlyMap<string, number>) {
  return {
    ruleId: f.ruleId,
    // A finding of a rule outside the list (a custom rule set) still validates without an index.
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.server ? `${f.server}: ${f.message}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file),
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
        },
      },
    ],
    // Where the same server was first launched (MG407), and other places a rule relates to the finding.
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            physicalLocation: {
              artifactLocation: artifactLocation(r.file),
              region: { startLine: Math.max(1, r.line), startColumn: Math.max(1, r.column) },
            },
            message: { text: r.message },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.status ? { baselineState: f.status === 'new' ? 'new' : 'unchanged' } : {}),
    properties: { severity: f.severity, client: f.client, server: f.server ?? '' },
  };
}

/**
 * A file as a SARIF artifact location: relative to `%SRCROOT%` (each segment percent-encoded, since
 * the schema wants a URI reference), or an absolute `file://` URI for machine files outside the root.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return { uri: fileUri(file) };
  const uri = file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

function fileUri(file: string): string {
  // A Windows path is turned into a URI by hand so the result does not depend on the host OS.
  if (/^[A-Za-z]:[\\/]/.test(file)) {
    const segments = file.replace(/\\/g, '/').split('/');
    return `file:///${segments[0]}/${segments.slice(1).map(encodeURIComponent).join('/')}`;
  }
  return pathToFileURL(file).href;
}

function directoryUri(dir: string): string {
  const uri = fileUri(dir);
  return uri.endsWith('/') ? uri : `${uri}/`;
}
