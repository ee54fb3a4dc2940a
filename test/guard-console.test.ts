// The console through `guard serve-http` at the HTTP level: who may use it (no cookie is sent to sign
// in; the agents' API key opens nothing; wrong passwords are rate limited), CSRF (a change without the
// token, or from another origin, is refused), the JSON API with its event stream, decisions in the
// audit log with who made them, and the webhooks (signed JSON with links into the console) told
// about held and decided calls, with their counts in /metrics.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { hashPassword, parsePasswordHash, verifyPassword } from '../src/guard/web/passwords.ts';
import { type HttpGuardProcess, startHttpGuard } from './guard-http-harness.ts';
import { CLI_DIST, runCli } from './helpers/cli.ts';
import { guardDir } from './servers/harness.ts';

const AGENT_KEY = 'agent-key-0123456789abcdef0123456789';
const SECRET = 'webhook-secret-0123456789abcdef0123456789';
const PASSWORD = 'correct horse battery staple';

describe('console over HTTP', () => {
  const hooks: { headers: Record<string, unknown>; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let guard: HttpGuardProcess;
  let g: ReturnType<typeof guardDir>;
  before(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const hash = await hashPassword(PASSWORD, { ln: 14, r: 8, p: 1 });
    g = guardDir(`
auth:
  mode: api_key
  keys: {bot: "${AGENT_KEY}"}
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
    env: {WALLET_LOG: "{{WALLET_LOG}}"}
policies:
  require_approval_above: 10
  spend: {tools: [{name: pay, amount: amount}]}
approvals:
  notify: [{url: "${hookUrl}", format: json, secret: "${SECRET}"}]
console:
  enabled: true
  users: [{name: alice, password_hash: "${hash}"}]
  login_attempts_per_minute: 3
`);
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
    receiver.closeAllConnections();
    receiver.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${guard.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const res = await post('/console/api/login', { user: 'alice', password: PASSWORD });
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.match(cookie, /Path=\/console/);
    const { csrf_token } = (await res.json()) as { csrf_token: string };
    return { cookie: cookie.split(';')[0], csrf: csrf_token };
  }

  const hold = (amount: number) =>
    fetch(`${guard.base}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': AGENT_KEY },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: amount,
        method: 'tools/call',
        params: { name: 'pay', arguments: { amount, to: 'erin' } },
      }),
    }).then(
      (r) =>
        r.json() as Promise<{ error?: { code: number; data: { approval_id: string; console?: string } } }>,
    );

  test('pages send a visitor without a session to sign in; the agent key opens nothing', async () => {
    const page = await fetch(`${guard.base}/console/audit?agent=bot`, { redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.equal(
      page.headers.get('location'),
      `/console/login?next=${encodeURIComponent('/console/audit?agent=bot')}`,
    );
    const login = await fetch(`${guard.base}/console/login`);
    assert.equal(login.status, 200);
    const csp = login.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    for (const headers of [{ authorization: `Bearer ${AGENT_KEY}` }, { 'x-api-key': AGENT_KEY }]) {
      const api = await fetch(`${guard.base}/console/api/approvals`, { headers });
      assert.equal(api.status, 401);
    }
    const asPage = await fetch(`${guard.base}/console/approvals`, {
      headers: { authorization: `Bearer ${AGENT_KEY}` },
      redirect: 'manual',
    });
    assert.equal(asPage.status, 303);
  });

  test('a held call: webhook with links, live event, API decision recorded with who made it', async () => {
    const { cookie, csrf } = await signIn();
    const stream = await fetch(`${guard.base}/console/api/events`, { headers: { cookie } });
    assert.equal(stream.headers.get('content-type'), 'text/event-stream');
    const reader = stream.body!.getReader();
    await reader.read(); // the stream is open
    const held = await hold(50);
    assert.equal(held.error?.code, -32004);
    const id = held.error!.data.approval_id;
    assert.equal(held.error!.data.console, `${guard.base}/console/approvals/${id}`);
    let seen = '';
    while (!seen.includes(id)) seen += new TextDecoder().decode((await reader.read()).value);
    assert.match(seen, /event: approval\ndata: .*"status":"pending"/);
    await reader.cancel();

    // A change without the CSRF token, or from another origin, is refused.
    const noToken = await post(`/console/api/approvals/${id}/approve`, {}, { cookie });
    assert.equal(noToken.status, 403);
    const foreign = await post(
      `/console/api/approvals/${id}/approve`,
      {},
      {
        cookie,
        'x-csrf-token': csrf,
        origin: 'http://evil.example',
      },
    );
    assert.equal(foreign.status, 403);
    const form = await fetch(`${guard.base}/console/approvals/${id}/approve`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=x',
    });
    assert.equal(form.status, 403);

    const ok = await post(
      `/console/api/approvals/${id}/approve`,
      { reason: 'fine' },
      { cookie, 'x-csrf-token': csrf },
    );
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { approval: { decided_by: string } }).approval.decided_by, 'alice');
    const again = await post(`/console/api/approvals/${id}/deny`, {}, { cookie, 'x-csrf-token': csrf });
    assert.equal(again.status, 409);
    assert.equal((await hold(50)).error, undefined, 'the retry passes once');
    const decision = g.records().find((r) => r.method === 'approvals/decide');
    assert.equal(decision?.decision, 'approved');
    assert.equal(decision?.by, 'alice');
    assert.equal(decision?.approval, id);

    for (let i = 0; i < 100 && hooks.length < 2; i++) await delay(20);
    const events = hooks.map((h) => JSON.parse(h.body));
    assert.deepEqual(
      events.map((e) => e.type),
      ['approval.held', 'approval.approved'],
    );
    assert.equal(events[0].links.approve, `${guard.base}/console/approvals/${id}?action=approve`);
    const [t, v1] = String(hooks[0].headers['x-mcp-guard-signature'])
      .split(',')
      .map((p) => p.split('=')[1]);
    assert.equal(v1, createHmac('sha256', SECRET).update(`${t}.${hooks[0].body}`).digest('hex'));
    const metrics = await (await fetch(`${guard.base}/metrics`)).text();
    assert.match(metrics, /mcp_guard_webhook_deliveries_total\{format="json"[^}]*\} 2/);
    assert.match(metrics, /mcp_guard_webhook_failures_total\{format="json"[^}]*\} 0/);
  });

  test('audit API pages and filters; the chain is reported intact', async () => {
    const { cookie } = await signIn();
    const res = await fetch(`${guard.base}/console/api/audit?decision=held&limit=5`, { headers: { cookie } });
    const page = (await res.json()) as {
      records: { at: number; record: { decision: string; tool: string } }[];
    };
    assert.ok(page.records.length >= 1);
    assert.ok(page.records.every((r) => r.record.decision === 'held' && r.record.tool === 'pay'));
    const one = await fetch(`${guard.base}/console/api/audit/record?at=${page.records[0].at}`, {
      headers: { cookie },
    });
    assert.deepEqual(((await one.json()) as { record: unknown }).record, page.records[0].record);
    const chain = (await (
      await fetch(`${guard.base}/console/api/audit/chain`, { headers: { cookie } })
    ).json()) as {
      ok: boolean;
    };
    assert.equal(chain.ok, true);
  });

  test('wrong passwords are rate limited, even when the right one follows', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await post('/console/api/login', { user: 'alice', password: `wrong-${i}` })).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
    const right = await post('/console/api/login', { user: 'alice', password: PASSWORD });
    assert.equal(right.status, 429);
    assert.ok(Number(right.headers.get('retry-after')) > 0);
    const failed = g.records().filter((r) => r.method === 'console/signin' && r.decision === 'deny');
    assert.ok(failed.length >= 5);
  });
});

/** Runs `guard console hash-password` of the bundle at a terminal (a pty from util-linux `script`), typing `lines`. */
async function hashAtTerminal(lines: string[]): Promise<{ code: number | null; screen: string }> {
  const command = `${process.execPath} ${CLI_DIST} guard console hash-password`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (const [i, line] of lines.entries()) {
    const prompt = i === 0 ? 'Password (not shown): ' : 'Again: ';
    for (let t = 0; t < 500 && !screen.includes(prompt); t++) await delay(20);
    assert.ok(screen.includes(prompt), screen);
    child.stdin.write(line);
  }
  const code = await exited;
  return { code, screen };
}

test('at a terminal, hash-password asks twice and never shows what is typed', async () => {
  assert.ok(
    spawnSync('script', ['--version']).status === 0,
    'util-linux script(1) gives the test its terminal',
  );
  // typed with an arrow key (ignored) and a backspace: "secret-pass" each time
  const made = await hashAtTerminal(['sec\x1b[Dret-pass\x7fs\r', 'secret-pass\r']);
  assert.equal(made.code, 0, made.screen);
  assert.ok(!made.screen.includes('secret') && !made.screen.includes('pass\r'), made.screen);
  const hash = /\$scrypt\$\S+/.exec(made.screen)?.[0] ?? '';
  assert.equal(await verifyPassword('secret-pass', parsePasswordHash(hash)), true);
  const differ = await hashAtTerminal(['secret-pass\r', 'secret-past\r']);
  assert.equal(differ.code, 2);
  assert.match(differ.screen, /the two passwords differ/);
  assert.doesNotMatch(differ.screen, /\$scrypt\$/);
});

test('the bundled CLI hashes a password from stdin and serves the console with its assets', async () => {
  const made = await runCli(['guard', 'console', 'hash-password'], {
    entry: CLI_DIST,
    input: `${PASSWORD}\n`,
  });
  assert.equal(made.code, 0, made.stderr);
  const hash = made.stdout.trim();
  assert.equal(await verifyPassword(PASSWORD, parsePasswordHash(hash)), true);
  const empty = await runCli(['guard', 'console', 'hash-password'], { entry: CLI_DIST, input: '' });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no password on standard input/);

  const g = guardDir(`
auth: {mode: none}
servers: {wallet: {command: "{{NODE}}", args: ["{{WALLET}}"]}}
console: {enabled: true, users: [{name: alice, password_hash: "${hash}"}]}
`);
  const guard = await startHttpGuard(g.config, [], {}, CLI_DIST);
  try {
    for (let i = 0; i < 50 && !guard.stderr().includes('console on'); i++) await delay(20);
    assert.match(guard.stderr(), /console on http:\/\/127\.0\.0\.1:\d+\/console/);
    const login = await (await fetch(`${guard.base}/console/login`)).text();
    const script = /src="(\/console\/assets\/console\.js\?v=\w+)"/.exec(login)?.[1];
    assert.ok(script, 'the page names its script');
    const res = await fetch(`${guard.base}${script}`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /EventSource/);
  } finally {
    await guard.stop();
  }
});
