// The JSON output. Schema version 1 is frozen: fields may be added in a new version, never changed.
// A scan compared with a base commit (`--diff-base`) writes version 2: version 1 with each finding's
// `status`, the `fixed` findings and the `diff` block. Documented in docs/json-output.md.
import type { Finding, ScanResult } from '../scan/finding.ts';
import { VERSION } from '../version.ts';

function finding(f: Finding, withStatus: boolean) {
  return {
    ruleId: f.ruleId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    client: f.client,
    server: f.server,
    fingerprint: f.fingerprint,
    ...(withStatus ? { status: f.status } : {}),
  };
}

/** Renders the scan as the version-1 JSON document, or version 2 when it was compared with a base. */
export function formatJson(result: ScanResult): string {
  const { diff } = result;
  const doc = {
    version: diff ? 2 : 1,
    tool: { name: 'mcp-guard', version: VERSION },
    findings: result.findings.map((f) => finding(f, diff !== undefined)),
    files: result.files.map((f) => ({ file: f.file, client: f.client, servers: f.servers })),
    searched: result.searched,
    errors: result.errors,
    ...(diff
      ? {
          fixed: diff.fixed.map((f) => finding(f, true)),
          diff: { base: diff.base, commit: diff.commit, changed: diff.changed },
        }
      : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
