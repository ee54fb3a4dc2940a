// Finding fingerprints: one stable id per finding, used by baselines, SARIF `partialFingerprints` and
// the comparison with a base commit (`--diff-base`, the Action's new-versus-existing). It leaves out
// what does not change the problem: line numbers (a block moved or reformatted), list positions (a
// server moved inside a list, an argument inserted before the bad one), and, for a server's findings,
// which of a client's files in one folder holds the server (a server moved from `.vscode/mcp.json` to
// `.vscode/settings.json`, or a renamed file of the same client). A renamed file of another folder is
// followed by git's rename detection in diff.ts instead.
import { createHash } from 'node:crypto';
import { formatPath, type JsonPath } from '../config/document.ts';

/** What a fingerprint is computed from: a finding, with the JSON path of its server when it has one. */
export interface FingerprintInput {
  ruleId: string;
  client: string;
  /** The file as output shows it (relative to the scan root, forward slashes). */
  file: string;
  server: string | null;
  /** JSON path of the server entry the finding is about; its findings are keyed inside it. */
  serverPath?: JsonPath;
  path: JsonPath;
  message: string;
}

/** 32 hex characters of SHA-256 over the parts, NUL-separated. */
export function hashParts(...parts: (string | null)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The folder a config file configures: its own folder, taken out of any dot-folder it sits in
 * (`apps/web/.vscode/mcp.json` and `apps/web/.kiro/settings/mcp.json` both configure `apps/web`;
 * `~/.cursor/mcp.json` configures `~`). Files of one client for one folder share it.
 */
export function configuredFolder(file: string): string {
  const parts = file.split('/').slice(0, -1);
  const dot = parts.findIndex((p) => p.startsWith('.') && p !== '.' && p !== '..');
  return (dot === -1 ? parts : parts.slice(0, dot)).join('/');
}

/** A JSON path with list positions left out: `args[3]` and `args[4]` are the same place. */
function shape(path: JsonPath): string {
  return formatPath(path.map((seg) => (typeof seg === 'number' ? '*' : seg)));
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

/**
 * The fingerprint. A finding inside a server's entry is keyed by rule, client, configured folder,
 * server name, the path inside the entry and the message; any other finding by rule, file, server,
 * path and message. No line numbers and no list positions.
 */
export function fingerprint(f: FingerprintInput): string {
  if (f.server !== null && f.serverPath && startsWith(f.path, f.serverPath)) {
    const inside = f.path.slice(f.serverPath.length);
    return hashParts(
      '2',
      f.ruleId,
      `${f.client}@${configuredFolder(f.file)}`,
      f.server,
      shape(inside),
      f.message,
    );
  }
  return hashParts('2', f.ruleId, f.file, f.server, shape(f.path), f.message);
}

/**
 * The fingerprint mcp-guard 0.1 wrote (rule, file, server, full JSON path, message): baselines written
 * then still hold these, so a baseline matches a finding by either.
 */
export function legacyFingerprint(
  f: Pick<FingerprintInput, 'ruleId' | 'file' | 'server' | 'path' | 'message'>,
): string {
  return hashParts(f.ruleId, f.file, f.server, formatPath(f.path), f.message);
}
