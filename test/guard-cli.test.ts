// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config text holds literal ${VAR} references.
// The guard admin commands through the real CLI (a child process): check, approvals decided from the
// CLI and seen by a Store in this process, audit verify and tail, token minting.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { jwtVerify } from 'jose';
import { AuditLog } from '../src/guard/audit/index.ts';
import { openStore } from '../src/guard/store/index.ts';
import { runCli } from './helpers/cli.ts';

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'guard-cli-'));
}

const CONFIG = `auth:
  mode: api_key
  keys:
    alice: \${ALICE_KEY}
servers:
  wallet:
    command: node wallet.js --api-token hunter2
    env: {WALLET_SECRET: "\${WALLET_SECRET}"}
policies:
  max_spend_per_session: 100
  require_approval_above: 50
  tool_denylist: ["drain*"]
  agents:
    alice: {tool_allowlist: [pay, balance]}
rate_limit: {requests_per_minute: 60}
audit_log: audit.jsonl
store: {path: state/guard.db}
`;
const ENV = { ALICE_KEY: 'alice-very-secret-key', WALLET_SECRET: 'wallet-very-secret' };

describe('guard check', () => {
  test('prints the effective policy without secrets', async () => {
    const d = await dir();
    await writeFile(join(d, 'mcp-guard.yaml'), CONFIG);
    const r = await runCli(['guard', 'check', '--config', join(d, 'mcp-guard.yaml')], { env: ENV });
    assert.equal(r.code, 0, r.stderr);
    for (const want of [
      'auth: api_key, agents: alice',
      'wallet: node wallet.js --api-token *** (env: WALLET_SECRET)',
      'everything -> wallet',
      'rate limit: 60 requests/minute per agent',
      'spend cap per session: 100',
      'approval above: 50 (pending approvals expire after 3600s)',
      'tools denied: drain*',
      'agent alice: allowed pay, balance',
      ', one file per guard process; arguments hashed',
      'limits: messages up to 4194304 bytes and 64 levels deep',
      `store: sqlite ${join(d, 'state/guard.db')}`,
      `replica: ${hostname()} (in every audit record, and the replica label of /metrics)`,
    ])
      assert.ok(r.stdout.includes(want), `missing "${want}" in:\n${r.stdout}`);
    for (const secret of [...Object.values(ENV), 'hunter2']) assert.ok(!r.stdout.includes(secret), secret);
  });

  test('names the audit log serve writes when none is configured (the same function decides)', async () => {
    const d = await dir();
    const file = join(d, 'mcp-guard.yaml');
    const wallet = join(import.meta.dirname, 'servers/wallet.ts');
    await writeFile(
      file,
      `auth: {mode: none}\nservers:\n  w: {command: "${process.execPath}", args: ["${wallet}"]}\n`,
    );
    const check = await runCli(['guard', 'check', '--config', file]);
    assert.equal(check.code, 0, check.stderr);
    const printed = /^audit: (\S+)/m.exec(check.stdout)?.[1];
    assert.equal(printed, join(d, '.mcp-guard/audit.jsonl'), check.stdout);
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'balance', arguments: {} } };
    const serve = await runCli(['guard', 'serve', '--config', file], { input: `${JSON.stringify(call)}\n` });
    assert.equal(serve.code, 0, serve.stderr);
    assert.match(serve.stdout, /"paid\\":0/);
    assert.match(await readFile(printed, 'utf8'), /"method":"tools\/call"/);
  });

  test('exit 2 with file, line and key on error', async () => {
    const d = await dir();
    const file = join(d, 'mcp-guard.yaml');
    await writeFile(file, CONFIG.replace('rate_limit:', 'rate_limits:'));
    const r = await runCli(['guard', 'check', '--config', file], { env: ENV });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${file}:15:1: rate_limits: unknown key; did you mean rate_limit\\?`));
    const unset = await runCli(['guard', 'check', '--config', file], { env: { ALICE_KEY: '' } });
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /:4:5: auth\.keys\.alice: environment variable ALICE_KEY is not set/);
  });
});

describe('guard approvals', () => {
  test('a --db that does not exist is an error, and is not created', async () => {
    const d = await dir();
    const db = join(d, 'typo.db');
    for (const args of [
      ['guard', 'approvals', 'list', '--db', db],
      ['approvals', 'list', '--db', db], // the original's spelling
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--db .*typo\.db: no such database/);
    }
    assert.equal(existsSync(db), false);
  });

  test('the original top-level commands are listed in --help as aliases', async () => {
    const r = await runCli(['--help']);
    for (const name of ['serve', 'serve-http', 'approvals'])
      assert.match(r.stdout, new RegExp(`^  ${name} .*Alias of \`mcp-guard guard ${name}\``, 'm'));
  });

  test('a call approved from the CLI is seen by a Store in this process, exactly once', async () => {
    const d = await dir();
    await writeFile(join(d, 'mcp-guard.yaml'), CONFIG);
    const store = await openStore({ type: 'sqlite', path: join(d, 'state/guard.db') });
    try {
      const now = Date.now();
      const held = await store.requestApproval({
        agent: 'alice',
        tool: 'pay',
        argsHash: 'h',
        amount: 75,
        summary: 'pay 75 USD to bob',
        ttlSec: 600,
        now,
      });
      const other = await store.requestApproval({
        agent: 'alice',
        tool: 'pay',
        argsHash: 'h2',
        summary: 'other',
        ttlSec: 600,
        now,
      });

      const list = await runCli(['guard', 'approvals', 'list', '--config', join(d, 'mcp-guard.yaml')], {
        env: ENV,
      });
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, new RegExp(`${held.id}  pending .* alice  pay 75  pay 75 USD to bob`));

      let prefix = held.id.slice(0, 1);
      while (other.id.startsWith(prefix)) prefix = held.id.slice(0, prefix.length + 1);
      const ok = await runCli([
        'guard',
        'approvals',
        'approve',
        prefix,
        '--db',
        join(d, 'state/guard.db'),
        '--by',
        'carol',
        '--reason',
        'looks fine',
      ]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, new RegExp(`${held.id} approved by carol`));

      const seen = await store.findApproval('alice', 'pay', 'h', Date.now());
      assert.equal(seen?.status, 'approved');
      assert.equal(seen?.decidedBy, 'carol');
      assert.equal(await store.consumeApproval(held.id, Date.now()), true);
      assert.equal(await store.consumeApproval(held.id, Date.now()), false);

      const again = await runCli(['guard', 'approvals', 'deny', held.id, '--db', join(d, 'state/guard.db')]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /is consumed, not pending/);

      const denied = await runCli([
        'guard',
        'approvals',
        'deny',
        other.id,
        '--db',
        join(d, 'state/guard.db'),
        '--reason',
        'no',
      ]);
      assert.equal(denied.code, 0, denied.stderr);
      assert.equal((await store.findApproval('alice', 'pay', 'h2', Date.now()))?.reason, 'no');

      const show = await runCli(['guard', 'approvals', 'show', other.id, '--db', join(d, 'state/guard.db')]);
      assert.equal(JSON.parse(show.stdout).status, 'denied');

      for (const bad of ['', 'zz', '0123456789abcdef0']) {
        const r = await runCli(['guard', 'approvals', 'approve', bad, '--db', join(d, 'state/guard.db')]);
        assert.equal(r.code, 2, `${bad}: ${r.stderr}`);
      }
    } finally {
      await store.close();
    }
  });

  test('needs exactly one of --config and --db', async () => {
    const r = await runCli(['guard', 'approvals', 'list']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /either --config FILE or --db PATH/);
  });
});

describe('guard audit', () => {
  test('verify passes, then finds the edited record; tail prints readable lines', async () => {
    const d = await dir();
    const file = join(d, 'audit.jsonl');
    const log = await AuditLog.open(file);
    for (let i = 0; i < 6; i++)
      log.append({
        decision: i === 3 ? 'deny' : 'allow',
        agent: 'alice',
        method: 'tools/call',
        tool: 'pay',
        amount: i,
        code: i === 3 ? -32002 : undefined,
      });
    log.close();
    const good = await runCli(['guard', 'audit', 'verify', file]);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /^ok: 6 record\(s\), chain intact: .*audit\.jsonl$/m);

    const tail = await runCli(['guard', 'audit', 'tail', file, '-n', '3']);
    assert.equal(tail.code, 0, tail.stderr);
    const lines = tail.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /#4 DENY {2}alice tools\/call pay amount=3 code=-32002/);

    const text = (await readFile(file, 'utf8')).replace('"amount":2', '"amount":0.5');
    await writeFile(file, text);
    const bad = await runCli(['guard', 'audit', 'verify', file]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, new RegExp(`BROKEN at ${file}:3 \\(seq 3\\): content does not match its hash`));
  });
});

describe('guard token', () => {
  const SECRET = 's'.repeat(40);
  test('mints an HS256 token that verifies', async () => {
    const r = await runCli(
      [
        'guard',
        'token',
        '--secret-env',
        'TOKEN_SECRET',
        '--agent',
        'alice',
        '--ttl',
        '2h',
        '--issuer',
        'me',
        '--audience',
        'mcp',
      ],
      {
        env: { TOKEN_SECRET: SECRET },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const { payload, protectedHeader } = await jwtVerify(r.stdout.trim(), new TextEncoder().encode(SECRET), {
      issuer: 'me',
      audience: 'mcp',
    });
    assert.equal(protectedHeader.alg, 'HS256');
    assert.equal(payload.sub, 'alice');
    assert.equal(payload.exp! - payload.iat!, 7200);
  });

  test('refuses a short secret or an unset variable', async () => {
    const short = await runCli(['guard', 'token', '--secret-env', 'TOKEN_SECRET', '--agent', 'a'], {
      env: { TOKEN_SECRET: 'short' },
    });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /5 bytes; use at least 32/);
    const unset = await runCli(['guard', 'token', '--secret-env', 'NOPE_UNSET_VAR', '--agent', 'a']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /NOPE_UNSET_VAR is not set/);
  });
});
