// Human-readable renderings for the guard admin commands: the effective policy (`guard check`, never
// a secret), one approval per line, one audit record per line.
import type { GuardConfig } from '../config/guard.ts';
import type { AuditRecord } from '../guard/audit/record.ts';
import type { Approval } from '../guard/store/types.ts';

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : '(none)');
const SECRET_FLAG = /^--?[\w-]*(token|secret|key|password|passwd|auth)[\w-]*$/i;
/** Argv with values of secret-looking flags masked: `check` output is often pasted into tickets. */
function maskArgs(words: string[]): string[] {
  return words.map((w, i) => {
    const eq = /^(--?[\w-]+)=/.exec(w);
    if (eq && SECRET_FLAG.test(eq[1])) return `${eq[1]}=***`;
    return i > 0 && SECRET_FLAG.test(words[i - 1]) && !w.startsWith('-') ? '***' : w;
  });
}
const money = (n: number | undefined) => (n === undefined ? 'no limit' : String(n));

/** The effective policy of a config, as `guard check` prints it. */
export function describeGuardConfig(c: GuardConfig): string {
  const out: string[] = [`${c.file}: ok`, ''];
  const a = c.auth;
  if (a.mode === 'none') out.push('auth: none (every client is trusted)');
  else if (a.mode === 'api_key') out.push(`auth: api_key, agents: ${list(a.keys.map((k) => k.agent))}`);
  else if (a.mode === 'oauth') {
    out.push(
      `auth: oauth resource server (${list(a.algorithms)}; JWKS ${a.jwksUrl}; agent claim ${a.agentClaim})`,
      `  issuers: ${list(a.issuers)}`,
      `  audience: ${c.http.publicUrl ?? `http://${c.http.host}:${c.http.port}/mcp`}`,
    );
    if (a.scopes.length) out.push(`  scopes: ${list(a.scopes)}`);
    for (const [glob, scopes] of Object.entries(a.toolScopes)) out.push(`  tool ${glob}: ${list(scopes)}`);
  } else {
    const key = a.secret
      ? 'shared secret'
      : a.publicKey
        ? 'public key'
        : a.jwksFile
          ? `JWKS file ${a.jwksFile}`
          : `JWKS ${a.jwksUrl}`;
    out.push(
      `auth: jwt (${list(a.algorithms)}; ${key}; agent claim ${a.agentClaim}; clock tolerance ${a.clockToleranceSec}s)`,
    );
    if (a.issuer) out.push(`  issuer: ${a.issuer}`);
    if (a.audience) out.push(`  audience: ${list(a.audience)}`);
  }
  out.push('', 'servers:');
  for (const s of Object.values(c.servers)) {
    const launch =
      s.url ??
      maskArgs([s.command ?? '', ...s.args])
        .map((w) => (/[\s"']/.test(w ?? '') ? JSON.stringify(w) : w))
        .join(' ');
    const env = Object.keys(s.env);
    out.push(
      `  ${s.name}: ${launch}${env.length ? ` (env: ${env.join(', ')})` : ''}${s.cwd ? ` (cwd: ${s.cwd})` : ''}`,
    );
  }
  out.push('', 'routes:');
  if (c.routes.length === 0) {
    const names = Object.keys(c.servers);
    out.push(
      names.length === 1
        ? `  everything -> ${names[0]}`
        : '  (none: several servers need routes, or serve --server NAME)',
    );
  }
  for (const r of c.routes) {
    const what =
      r.mode === 'tool'
        ? `tool ${r.toolName}`
        : r.mode === 'method'
          ? `method ${r.methodPrefix}*`
          : 'default';
    out.push(`  ${what} -> ${r.target}`);
  }
  const p = c.policies;
  out.push(
    '',
    'policies:',
    `  rate limit: ${p.requestsPerMinute === undefined ? 'none' : `${p.requestsPerMinute} requests/minute per agent`}`,
    `  spend cap per session: ${money(p.maxSpendPerSession)}`,
    `  spend cap per hour: ${money(p.spendPerHourUsd)}`,
    `  approval above: ${p.requireApprovalAbove === undefined ? 'never' : `${p.requireApprovalAbove} (pending approvals expire after ${p.approvalTtlSec}s)`}`,
    `  spend tools: ${list(p.spendTools.map((t) => `${t.name}(${t.amount} ${t.currency})`))}`,
    `  tools allowed: ${p.toolAllowlist.length ? list(p.toolAllowlist) : 'all'}`,
    `  tools denied: ${list(p.toolDenylist)}`,
  );
  for (const [agent, lists] of Object.entries(p.agents)) {
    out.push(
      `  agent ${agent}: allowed ${lists.toolAllowlist ? list(lists.toolAllowlist) : '(global)'}; denied ${lists.toolDenylist ? list(lists.toolDenylist) : '(global)'}`,
    );
  }
  out.push(
    '',
    `audit: ${c.audit.path ?? 'off'}${c.audit.path ? `; arguments ${c.audit.recordArguments ? 'recorded (redacted)' : 'hashed'}` : ''}${c.audit.redact.length ? `; also redacting ${list(c.audit.redact)}` : ''}`,
    `store: sqlite ${c.store.path}`,
    `limits: messages up to ${c.limits.maxMessageBytes} bytes, requests time out after ${c.limits.requestTimeoutMs} ms`,
    '',
  );
  return out.join('\n');
}

/** One approval as a line of `approvals list`. */
export function formatApprovalLine(a: Approval): string {
  const when = new Date(a.createdAt).toISOString();
  const amount = a.amount === undefined ? '' : ` ${a.amount}`;
  const decided = a.decidedBy ? ` by ${a.decidedBy}${a.reason ? ` (${a.reason})` : ''}` : '';
  return `${a.id}  ${a.status.padEnd(8)} ${when}  ${a.agent}  ${a.tool}${amount}  ${a.summary}${decided}`;
}

/** One audit line, readably; lines that are not records are shown as they are. */
export function formatAuditLine(line: string): string {
  let r: AuditRecord;
  try {
    r = JSON.parse(line);
  } catch {
    return `(not a record) ${line}`;
  }
  const parts = [
    r.time,
    `#${r.seq}`,
    String(r.decision).toUpperCase().padEnd(5),
    r.agent ?? '-',
    r.method ?? '-',
  ];
  if (r.tool) parts.push(r.tool);
  if (r.amount !== undefined) parts.push(`amount=${r.amount}`);
  if (r.code !== undefined) parts.push(`code=${r.code}`);
  if (r.latencyMs !== undefined) parts.push(`${r.latencyMs}ms`);
  if (r.backend) parts.push(`-> ${r.backend}`);
  if (r.reason) parts.push(`: ${r.reason}`);
  return parts.join(' ');
}
