// A supervised child process (`createBackend` for a `command` server) with real child processes: the
// environment a backend gets (configured + safe set only), stderr lines prefixed with the backend
// name, messages both ways, restart delays that grow to the cap (and start over after a stable run),
// and the stop sequence (stdin, SIGTERM, SIGKILL).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GuardServer } from '../../config/guard-types.ts';
import { type BackendOptions, createBackend } from './index.ts';
import type { ProcessConnection } from './process.ts';

/** A backend running `script` with the current node. */
function server(name: string, script: string, env: Record<string, string> = {}): GuardServer {
  return { name, command: process.execPath, args: ['-e', script], env, headers: {} };
}

/** A supervised child process (what the guard builds for a `command` server). */
function backendOf(
  server: GuardServer,
  options: Partial<BackendOptions> & { maxMessageBytes: number; log: (l: string) => void },
) {
  const b = createBackend(server, options as BackendOptions);
  return Object.defineProperty(b, 'pid', {
    get: () => (b.connection as ProcessConnection | undefined)?.pid,
  }) as typeof b & { readonly pid: number | undefined };
}

function collector() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('the backend gets only its configured env plus the safe set; its stderr comes back prefixed', async () => {
  const { lines, log } = collector();
  const backend = backendOf(
    server('envy', 'process.stderr.write(JSON.stringify(process.env) + "\\n"); process.stdin.resume()', {
      CONFIGURED: 'yes',
      PATH: '/configured/bin',
      HTTP_PROXY: '',
    }),
    {
      maxMessageBytes: 1 << 20,
      log,
      parentEnv: {
        PATH: '/usr/bin',
        HOME: '/home/g',
        LC_ALL: 'C',
        MCP_GUARD_API_KEY: 'secret',
        AWS_SECRET: 'x',
        HTTPS_PROXY: 'http://proxy.corp:3128',
        no_proxy: 'localhost,.corp',
        NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem',
        SSL_CERT_FILE: '/etc/ssl/corp-bundle.pem',
        REQUESTS_CA_BUNDLE: '/etc/ssl/corp-bundle.pem',
        HTTP_PROXY: 'http://proxy.corp:3128',
      },
    },
  );
  await backend.start();
  try {
    await until(() => lines.some((l) => l.startsWith('[envy] {')));
    const env = JSON.parse(lines.find((l) => l.startsWith('[envy] {'))!.slice('[envy] '.length));
    // node may add a few variables of its own at start; none of the guard's others get through.
    assert.equal(env.CONFIGURED, 'yes');
    assert.equal(env.PATH, '/configured/bin', 'configured env wins over the safe set');
    assert.equal(env.HOME, '/home/g');
    assert.equal(env.LC_ALL, 'C');
    assert.equal(env.MCP_GUARD_API_KEY, undefined);
    assert.equal(env.AWS_SECRET, undefined);
    // Proxy and CA settings pass, so a backend behind a corporate proxy or CA can reach the network.
    assert.equal(env.HTTPS_PROXY, 'http://proxy.corp:3128');
    assert.equal(env.no_proxy, 'localhost,.corp');
    assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/corp-ca.pem');
    assert.equal(env.SSL_CERT_FILE, '/etc/ssl/corp-bundle.pem');
    assert.equal(env.REQUESTS_CA_BUNDLE, '/etc/ssl/corp-bundle.pem');
    assert.equal(env.HTTP_PROXY, '', 'a configured value (empty: no proxy) wins');
    assert.deepEqual(backend.stderrTail().length, 1, 'the last stderr lines are kept');
  } finally {
    await backend.stop();
  }
});

test('messages flow both ways over the child stdio; invalid output lines are logged, not relayed', async () => {
  const { lines, log } = collector();
  const backend = backendOf(
    server(
      'echo',
      `require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => {
         const m = JSON.parse(l);
         process.stdout.write('not json\\n');
         process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { got: m.method } }) + '\\n');
       })`,
    ),
    { maxMessageBytes: 1 << 20, log },
  );
  await backend.start();
  try {
    assert.equal(backend.state, 'up');
    const answer = await backend.request({ jsonrpc: '2.0', id: 7, method: 'ping' });
    assert.deepEqual(answer, { jsonrpc: '2.0', id: 7, result: { got: 'ping' } });
    assert.ok(lines.some((l) => l.startsWith('[echo] guard: ignored output line')));
  } finally {
    await backend.stop();
  }
  assert.equal(backend.state, 'stopped');
  await assert.rejects(backend.send({ jsonrpc: '2.0', method: 'x' }), /backend echo is stopped/);
});

test('a crash loop restarts with doubling delays up to the cap; a stable run starts over', async () => {
  const delays = (lines: string[]) =>
    lines.flatMap((l) => /restarting in (\d+) ms/.exec(l)?.slice(1) ?? []).map(Number);
  const crashy = collector();
  const crashes: string[] = [];
  const backend = backendOf(server('crashy', 'process.exit(3)'), {
    maxMessageBytes: 1 << 20,
    log: crashy.log,
    initialBackoffMs: 20,
    maxBackoffMs: 80,
  });
  backend.oncrash = (reason: string) => crashes.push(reason);
  await backend.start();
  await until(() => delays(crashy.lines).length >= 5);
  await backend.stop();
  assert.deepEqual(delays(crashy.lines).slice(0, 5), [20, 40, 80, 80, 80]);
  assert.match(crashes[0], /backend crashy exited \(code 3\)/);

  // With every run counted as stable, each crash is a first crash again.
  const stable = collector();
  const again = backendOf(server('stable', 'process.exit(3)'), {
    maxMessageBytes: 1 << 20,
    log: stable.log,
    initialBackoffMs: 20,
    maxBackoffMs: 80,
    stableAfterMs: 0,
  });
  await again.start();
  await until(() => delays(stable.lines).length >= 3);
  await again.stop();
  assert.deepEqual(delays(stable.lines).slice(0, 3), [20, 20, 20]);
});

test('retryInMs tells how long until the next restart while down', async () => {
  const backend = backendOf(server('later', 'process.exit(1)'), {
    maxMessageBytes: 1 << 20,
    log: () => {},
    initialBackoffMs: 5_000,
  });
  await backend.start();
  await until(() => backend.state === 'down');
  assert.ok(backend.retryInMs > 4_000 && backend.retryInMs <= 5_000);
  await backend.stop();
  assert.equal(backend.state, 'stopped');
});

test('stop: a backend that exits when stdin closes stops at once; a stubborn one is SIGTERMed, then SIGKILLed', async () => {
  const polite = backendOf(
    server('polite', 'process.stdin.resume(); process.stdin.on("end", () => process.exit(0))'),
    { maxMessageBytes: 1 << 20, log: () => {}, shutdownGraceMs: 2_000 },
  );
  await polite.start();
  const politePid = polite.pid!;
  let began = Date.now();
  await polite.stop();
  assert.ok(Date.now() - began < 1_500, 'stopped at the end of stdin, without waiting for the grace period');
  assert.equal(alive(politePid), false);

  const { lines, log } = collector();
  const stubborn = backendOf(
    server(
      'stubborn',
      'process.on("SIGTERM", () => console.error("SIGTERM ignored")); process.stdin.resume(); setInterval(() => {}, 1000)',
    ),
    { maxMessageBytes: 1 << 20, log, shutdownGraceMs: 200 },
  );
  await stubborn.start();
  const pid = stubborn.pid!;
  began = Date.now();
  await stubborn.stop();
  const took = Date.now() - began;
  assert.ok(took >= 390, `two grace periods before SIGKILL (took ${took} ms)`);
  assert.equal(alive(pid), false);
  assert.ok(lines.includes('[stubborn] SIGTERM ignored'), 'SIGTERM came first');
  // A stopped backend is not restarted.
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(stubborn.state, 'stopped');
  assert.ok(!lines.some((l) => /restarting/.test(l)));
});
