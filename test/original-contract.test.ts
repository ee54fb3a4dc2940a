// The original mcp-guard's contract (bonanza-mcp-guard 0.1.4, ../shared/guide/original-readme.txt):
// its quick-start config, loaded unchanged but for the backend and the paths, and its command lines
// as its README writes them (`mcp-guard serve --config F`, `serve-http --config F --port P`,
// `approvals list --db PATH`, `approvals approve ID --by admin`), driven by the SDK client. Its spending
// tools are capped, held for approval and rate limited, with its error codes; a cap over tools no
// backend offers is reported instead of silently capping nothing. Its OAuth2 section (`mode: oauth2`,
// `client_id`) is the guard's own authorization server with that public client, as `guard check` says.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { hashPassword } from '../src/guard/web/passwords.ts';
import { CLI, EVERYTHING, NODE, ROOT, WALLET } from './servers/harness.ts';
import { freePort } from './servers/remote-http.ts';

/** The original README's quick-start `mcp-guard.yaml`, with `{{SERVER}}` and `{{DIR}}` for what must change. */
const QUICK_START = `auth:
  mode: api_key
  keys:
    - "sk-agent-1"
    - "sk-agent-2"

servers:
  filesystem:
    command: {{SERVER}}

policies:
  max_spend_per_session: 10.00
  audit_log: {{DIR}}/mcp-guard.jsonl
  rate_limit:
    requests_per_minute: 100
    spend_per_hour_usd: 50.00
`;

/** Writes the config in a fresh folder; the backend is the wallet server unless `server` says otherwise. */
function quickStart(edit: (yaml: string) => string = (y) => y, server = `${NODE} ${WALLET}`) {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-guard-original-'));
  const config = join(dir, 'mcp-guard.yaml');
  writeFileSync(config, edit(QUICK_START).replaceAll('{{SERVER}}', server).replaceAll('{{DIR}}', dir));
  return { dir, config };
}

/** `mcp-guard serve --config F`, the original's command line, as a client launches it. */
async function serveOriginal(config: string, env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: NODE,
    args: [CLI, 'serve', '--config', config],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MCP_GUARD_API_KEY: 'sk-agent-1',
      ...env,
    },
    stderr: 'pipe',
    cwd: ROOT,
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client({ name: 'original-agent', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** A call the way the original README writes it: the key in `_meta.api_key`. */
const call = (client: Client, name: string, amount: number) =>
  client.callTool({ name, arguments: { amount }, _meta: { api_key: 'sk-agent-1' } });

const refusal = async (p: Promise<unknown>) => {
  const e = (await p.then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => error,
  )) as { code?: number; data?: Record<string, unknown>; message: string };
  return e;
};

const cli = (args: string[]) => execFileSync(NODE, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

test('the quick-start config caps the original spending tools: 1.5 + 5 pass, 50 is -32002, the cap is met exactly', async () => {
  const { dir, config } = quickStart();
  const { client, stderr } = await serveOriginal(config);
  try {
    await call(client, 'wallet_request', 1.5);
    await call(client, 'wallet_pay', 5);
    const blocked = await refusal(call(client, 'x402_pay', 50));
    assert.equal(blocked.code, -32002, blocked.message);
    assert.equal(blocked.data?.remaining, 3.5);
    await call(client, 'x402_pay', 3.5);
    assert.equal((await refusal(call(client, 'wallet_request', 0.01))).code, -32002);
    const balance = await client.callTool({ name: 'balance', arguments: {} });
    assert.match(JSON.stringify(balance.content), /\\"paid\\":10\b/);
  } finally {
    await client.close();
  }
  assert.doesNotMatch(stderr(), /no backend offers a spend tool/);
  // The audit log went where the original's key says.
  const audit = cli(['guard', 'audit', 'verify', join(dir, 'mcp-guard.jsonl')]);
  assert.match(audit, /^ok: \d+ record\(s\), chain intact/);
});

test('require_approval_above holds the call (-32004); approvals list --db and approve --by admin let the retry pass once', async () => {
  const { dir, config } = quickStart((y) =>
    y.replace('policies:\n', 'policies:\n  require_approval_above: 5.00\n'),
  );
  const { client } = await serveOriginal(config);
  try {
    await call(client, 'wallet_pay', 2);
    const db = join(dir, '.mcp-guard/state.db');
    // Denied with a reason: the retry is refused and says why.
    const first = await refusal(call(client, 'wallet_pay', 7));
    assert.equal(first.code, -32004, first.message);
    const deniedId = String(first.data?.approval_id);
    cli([
      'approvals',
      'deny',
      deniedId.slice(0, 8),
      '--db',
      db,
      '--by',
      'admin',
      '--reason',
      'vendor untrusted',
    ]);
    const denied = await refusal(call(client, 'wallet_pay', 7));
    assert.equal(denied.code, -32004);
    assert.match(denied.message, /vendor untrusted/);
    // Approved: the retry passes, and the approval is used up.
    const held = await refusal(call(client, 'wallet_pay', 6));
    assert.equal(held.code, -32004, held.message);
    const id = String(held.data?.approval_id);
    assert.match(cli(['approvals', 'list', '--db', db]), new RegExp(`^${id}\\s+pending`, 'm'));
    assert.match(
      cli(['approvals', 'approve', id.slice(0, 8), '--db', db, '--by', 'admin']),
      /approved by admin/,
    );
    await call(client, 'wallet_pay', 6);
    assert.match(cli(['approvals', 'list', '--db', db]), new RegExp(`^${id}\\s+consumed`, 'm'));
    const balance = await client.callTool({ name: 'balance', arguments: {} });
    assert.match(JSON.stringify(balance.content), /\\"paid\\":8\b/);
  } finally {
    await client.close();
  }
});

test('rate_limit.requests_per_minute holds: the request over the limit is -32029 with retry_after_ms', async () => {
  const { config } = quickStart((y) => y.replace('requests_per_minute: 100', 'requests_per_minute: 4'));
  const { client } = await serveOriginal(config);
  try {
    // initialize and tools/list count too; the calls after them run into the limit.
    let limited: { code?: number; data?: Record<string, unknown> } | undefined;
    for (let i = 0; i < 6 && !limited; i++) {
      limited = await call(client, 'wallet_request', 0.1).then(
        () => undefined,
        (e: { code?: number; data?: Record<string, unknown> }) => e,
      );
    }
    assert.equal(limited?.code, -32029);
    assert.ok(Number(limited?.data?.retry_after_ms) > 0);
  } finally {
    await client.close();
  }
});

test('a cap over tools no backend offers is a warning at the first tools/list and in guard check', async () => {
  // The quick-start's own shape: a filesystem-like server with no spending tool behind a spend cap.
  const { config } = quickStart((y) => y, `${NODE} ${EVERYTHING} stdio`);
  const before = spawnCheck(config);
  assert.equal(before.code, 0, before.stderr);
  assert.match(before.stdout, /spend cap per session: 10/);
  assert.match(before.stderr, /the backends' tools are not known yet/);
  const { client, stderr } = await serveOriginal(config);
  try {
    await client.listTools();
    await new Promise((r) => setTimeout(r, 100));
    assert.match(
      stderr(),
      /warning: max_spend_per_session 10, spend_per_hour_usd 50 set, but no backend offers a spend tool .*backends offer: .*echo/,
    );
  } finally {
    await client.close();
  }
  const check = spawnCheck(config);
  assert.equal(check.code, 0);
  assert.match(check.stderr, /warning: .*no backend offers a spend tool/);
});

function spawnCheck(config: string) {
  const r = spawnSync(NODE, [CLI, 'guard', 'check', '--config', config], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('serve-http --config F --port P and POST /rpc with X-API-Key, as the original writes them', async () => {
  const { config } = quickStart();
  const { url, stop } = await serveHttp(config, 0);
  try {
    const rpc = (body: unknown, key?: string) =>
      fetch(`${url}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: JSON.stringify(body),
      });
    const list = await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }, 'sk-agent-1');
    assert.equal(list.status, 200);
    const tools = ((await list.json()) as { result: { tools: { name: string }[] } }).result.tools;
    assert.ok(tools.some((t) => t.name === 'wallet_request'));
    assert.equal((await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} })).status, 401);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
  } finally {
    await stop();
  }
});

/** `mcp-guard serve-http --config F --port P`; the base URL once it listens, and a stop. */
async function serveHttp(config: string, port: number) {
  const child = spawn(NODE, [CLI, 'serve-http', '--config', config, '--port', String(port)], { cwd: ROOT });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/\S+)\/mcp/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve-http exited with ${code}:\n${stderr}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return { url, stop };
}

test("the original's OAuth2 section: mode oauth2 with client_id is the guard's own issuer with that public client", async () => {
  const { config } = quickStart(
    (y) => y.replace(/^auth:\n(?: .*\n)+/, 'auth:\n  mode: oauth2\n  client_id: mcp-agent\n'),
    `${NODE} ${EVERYTHING} stdio`,
  );
  // Someone must sign in to authorize the agent: without users the config is refused, saying why.
  const refused = spawnCheck(config);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /mcp-guard\.yaml:3:\d+: auth\.client_id: mode oauth2 is read as the guard's own authorization server with one public client, mcp-agent; .*add console\.users/,
  );
  const hash = await hashPassword('correct horse battery staple', { ln: 14, r: 8, p: 1 });
  appendFileSync(config, `console:\n  users: [{name: admin, password_hash: "${hash}"}]\n`);
  const check = spawnCheck(config);
  assert.equal(check.code, 0, check.stderr);
  assert.match(
    check.stdout,
    /mapped from the original: mode oauth2 with client_id mcp-agent: the guard's own issuer/,
  );
  assert.match(
    check.stdout,
    /client mcp-agent: public, PKCE; authorization_code, refresh_token, device_code/,
  );

  const port = await freePort();
  const { url, stop } = await serveHttp(config, port);
  try {
    // The original's two flows for mcp-agent: the device grant, and PKCE to a loopback redirect on any port.
    const device = await fetch(`${url}/oauth/device/auth`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'mcp-agent' }),
    });
    assert.equal(device.status, 200);
    const da = (await device.json()) as Record<string, string>;
    assert.equal(da.verification_uri, `${url}/oauth/device`);
    assert.ok(da.user_code && da.device_code);
    const authorize = await fetch(
      `${url}/oauth/authorize?${new URLSearchParams({
        client_id: 'mcp-agent',
        response_type: 'code',
        redirect_uri: 'http://127.0.0.1:53117/callback',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
    await authorize.body?.cancel();
    assert.equal(authorize.status, 303);
    assert.match(authorize.headers.get('location') ?? '', /^\/oauth\/interaction\/[\w-]+$/);
  } finally {
    await stop();
  }
});
