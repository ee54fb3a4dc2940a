// Hostile HTTP clients against a real `guard serve-http` (issue 17): a deeply nested body, a body
// trickled a byte at a time (with and without a credential), too many connections from one address,
// and a guard run out of file descriptors. Each gets its answer or its connection closed; the guard
// goes on serving everyone else.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type HttpGuardProcess, initBody, mcpHeaders, startHttpGuard } from './guard-http-harness.ts';
import { guardDir } from './servers/harness.ts';

/** A backend that answers any line with an initialize result for id 1: a session costs one `sh`. */
const TINY_BACKEND = `
servers:
  tiny:
    command: sh
    args: ["-c", "while read -r line; do echo '{\\"jsonrpc\\":\\"2.0\\",\\"id\\":1,\\"result\\":{\\"protocolVersion\\":\\"2025-06-18\\",\\"capabilities\\":{},\\"serverInfo\\":{\\"name\\":\\"tiny\\",\\"version\\":\\"1\\"}}}'; done"]
`;

/** A raw TCP connection to the guard: what it received, and whether the guard closed it. */
function raw(port: number): Promise<{ socket: Socket; data: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('connect', () => resolve({ socket, data: () => text, closed }));
    socket.once('error', reject);
  });
}

const within = (ms: number, p: Promise<unknown>) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('deep nesting over HTTP', () => {
  const g = guardDir(`
auth:
  mode: none
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('a body nested 5,000 levels deep is -32602 on /rpc and /mcp; every session goes on', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"a":${deep}}}}`;
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const rpc = (text: string) =>
      fetch(`${guard.base}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
    assert.equal((await rpc(ping)).status, 200);
    for (const url of [`${guard.base}/rpc`, guard.mcp]) {
      const res = await fetch(url, { method: 'POST', headers: mcpHeaders(), body });
      assert.equal(res.status, 400, url);
      const reply = (await res.json()) as { id: unknown; error: { code: number; message: string } };
      assert.equal(reply.id, 7);
      assert.equal(reply.error.code, -32602);
      assert.match(reply.error.message, /nested deeper than 64 levels \(limits\.max_depth\)/);
    }
    const again = await rpc(ping);
    assert.equal(again.status, 200);
    assert.equal(guard.child.exitCode, null);
  });
});

describe('slow and numerous connections', () => {
  const g = guardDir(`
auth:
  mode: api_key
  keys: { alice: alice-http-key-0123456789 }
http:
  headers_timeout_ms: 1000
  request_timeout_ms: 1500
  max_connections_per_address: 6
${TINY_BACKEND}`);
  let guard: HttpGuardProcess;
  before(async () => {
    guard = await startHttpGuard(g.config);
  });
  after(async () => {
    await guard?.stop();
  });

  test('a body trickled a byte at a time is cut off at http.request_timeout_ms', async () => {
    const c = await raw(guard.port);
    c.socket.write(
      'POST /rpc HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: alice-http-key-0123456789\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n',
    );
    const trickle = setInterval(() => c.socket.writable && c.socket.write(' '), 200);
    try {
      assert.ok(await within(5000, c.closed), 'the trickling connection is still open after 5 s');
    } finally {
      clearInterval(trickle);
    }
  });

  test('unauthenticated, the 401 comes at once and the connection is closed', async () => {
    const c = await raw(guard.port);
    c.socket.write(
      'POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{',
    );
    assert.ok(await within(1000, c.closed), 'the connection stayed open after its 401');
    assert.match(c.data(), /^HTTP\/1\.1 401/);
    assert.match(c.data(), /connection: close/i);
  });

  test('past http.max_connections_per_address a new connection gets 429 and is closed', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => raw(guard.port)));
    const extra = await raw(guard.port);
    assert.ok(await within(1000, extra.closed));
    assert.match(extra.data(), /^HTTP\/1\.1 429/);
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    // Once they are gone (the guard sees them close a moment later), the address may connect again.
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(`${guard.base}/health`)).status;
    }
    assert.equal(status, 200);
  });
});

describe('out of file descriptors', () => {
  test('sessions are capped to what `ulimit -n` holds; a backend that cannot start fails its session only', async () => {
    const g = guardDir(`
auth:
  mode: none
http:
  max_connections_per_address: 1000
${TINY_BACKEND}`);
    // 160 descriptors: (160 - 64 reserved) / 4 per session (a connection and three pipes) = 24 sessions.
    const guard = await startHttpGuard(g.config, [], {}, undefined, ['prlimit', '--nofile=160:160']);
    const { child, base } = guard;
    const stderr = guard.stderr();
    const port = Number(new URL(base).port);
    const sockets: Awaited<ReturnType<typeof raw>>[] = [];
    try {
      assert.match(stderr, /max_sessions 1000 lowered to 24: the process may open 160 files/);
      const init = (c: Awaited<ReturnType<typeof raw>>) => {
        const body = initBody();
        const before = c.data().length;
        c.socket.write(
          `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        return async () => {
          const deadline = Date.now() + 10_000;
          while (!/\r\n\r\n/.test(c.data().slice(before)) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 20));
          return Number(/^HTTP\/1\.1 (\d+)/.exec(c.data().slice(before))?.[1]);
        };
      };
      // One connection kept for later, then idle connections until the guard has no descriptor left
      // (libuv then accepts and drops new ones at once). All within the 10 s headers timeout.
      const keeper = await raw(port);
      sockets.push(...(await Promise.all(Array.from({ length: 200 }, () => raw(port)))));
      await new Promise((r) => setTimeout(r, 500));
      const dropped = await Promise.all(sockets.map((c) => within(1, c.closed)));
      assert.ok(dropped.some(Boolean), 'no connection was dropped: the guard never ran out of descriptors');
      const starved = await init(keeper)();
      assert.ok([502, 503].includes(starved), `status ${starved}`);
      assert.match(keeper.data(), /out of file descriptors|too many sessions|cannot start/);
      assert.equal(child.exitCode, null, 'the guard died');
      for (const c of sockets) c.socket.destroy();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await init(keeper)(), 200);
      keeper.socket.destroy();
    } finally {
      for (const c of sockets) c.socket.destroy();
      await guard.stop();
    }
  });
});
