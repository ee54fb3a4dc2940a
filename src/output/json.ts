// The JSON output, schema version 1. Frozen: fields may be added in a new version, never changed.
// Documented in docs/json-output.md.
import type { ScanResult } from '../scan/finding.ts';
import { VERSION } from '../version.ts';

/** Renders the scan as the version-1 JSON document. */
export function formatJson(result: ScanResult): string {
  const doc = {
    version: 1,
    tool: { name: 'mcp-guard', version: VERSION },
    findings: result.findings.map((f) => ({
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
    })),
    files: result.files.map((f) => ({ file: f.file, client: f.client, servers: f.servers })),
    searched: result.searched,
    errors: result.errors,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
