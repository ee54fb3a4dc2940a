// Fuzzing `guard serve` over stdio: batches of generated NDJSON frames (JSON-RPC requests of every
// method with odd params, notifications, responses, deep nesting, `__proto__` members, invalid JSON,
// invalid UTF-8, huge lines) are written to one guard process. After each batch every request with an
// id gets exactly one answer, the guard answers a ping, and it never reports an internal error. If it
// dies, the failing batch is printed (with the seed) and the next run gets a fresh guard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { guardDir, rawGuard } from '../servers/harness.ts';
import { fuzzParameters, SEED } from './settings.ts';
import { expand, jsonValue, oddKey, oddString } from './values.ts';

const CONFIG = `
auth:
  mode: none
servers:
  wallet:
    command: "{{NODE}}"
    args: ["{{WALLET}}"]
policies:
  spend:
    tools: [{ name: pay, amount: amount }]
  max_spend_per_session: 1000
  require_approval_above: 100
  tool_denylist: ["drain*"]
limits:
  request_timeout_ms: 4000
  max_message_bytes: 65536
`;

const METHODS = [
  'tools/call',
  'tools/list',
  'ping',
  'initialize',
  'resources/read',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'sampling/createMessage',
  'x/unknown',
  'notifications/cancelled',
  '',
];
const params = fc.oneof(
  fc.record(
    {
      name: fc.oneof(fc.constantFrom('pay', 'balance', 'drain_all', 'nope'), oddString),
      arguments: fc.oneof(fc.dictionary(oddKey, jsonValue, { maxKeys: 4 }), jsonValue),
      _meta: fc.oneof(fc.dictionary(oddKey, jsonValue, { maxKeys: 3 }), jsonValue),
      cursor: oddString,
      uri: oddString,
    },
    { requiredKeys: [] },
  ),
  jsonValue,
);

/** One frame: what to write, and the id a reply must carry (when a reply is owed). */
interface Frame {
  line: string;
  owes?: number;
}
const frame = (id: number): fc.Arbitrary<Frame> =>
  fc.oneof(
    fc.tuple(fc.oneof(fc.constant('tools/call'), fc.constantFrom(...METHODS)), params).map(([method, p]) => ({
      line: JSON.stringify({ jsonrpc: '2.0', id, method, params: p }),
      // A method that is not a non-empty string, or params that are not an object, are refused with
      // the id; everything else is answered too. Either way exactly one reply carries this id.
      owes: id,
    })),
    fc
      .tuple(fc.constantFrom(...METHODS), params)
      .map(([method, p]) => ({ line: JSON.stringify({ jsonrpc: '2.0', method, params: p }) })),
    jsonValue.map((result) => ({ line: JSON.stringify({ jsonrpc: '2.0', id: `r${id}`, result }) })),
    jsonValue.map((v) => ({ line: JSON.stringify(v) ?? 'null' })),
    fc.string({ maxLength: 80 }).map((line) => ({ line: line.replaceAll('\n', ' ') })),
    fc.constant({
      line: `{"jsonrpc":"2.0","id":${id},"method":"ping","pad":"__PAD_70000__"}`,
      owes: id,
    }),
    fc.constant({ line: '\u00ff\u00fe{"jsonrpc":"2.0"' }),
    // Shapes that broke the guard before, deep inside otherwise valid calls: nesting in arguments,
    // `__proto__` members, a `_meta` of the wrong type.
    fc
      .tuple(oddKey, fc.integer({ min: 60, max: 20_000 }), fc.constantFrom('pay', 'balance'), jsonValue)
      .map(([key, n, name, meta]) => ({
        line: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name, arguments: { amount: 1, to: 'x', [key]: `__DEEP_${n}__` }, _meta: meta },
        }).replace('"to":"x"', '"to":"x","__proto__":{"amount":1000}'),
        owes: id,
      })),
  );
const batch = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => frame(i + 1))));

test('fuzz: NDJSON frames into guard serve: every request answered once, the guard lives', {
  timeout: 120_000,
}, async (t) => {
  t.diagnostic(`seed ${SEED}`);
  const g = guardDir(CONFIG);
  let guard = rawGuard(g.config);
  let round = 0;
  try {
    await fc.assert(
      fc.asyncProperty(batch, async (frames) => {
        if (guard.child.exitCode !== null) guard = rawGuard(g.config);
        const base = ++round * 1000;
        const lines = frames.map((f) => ({
          line: f.owes === undefined ? f.line : f.line.replace(`"id":${f.owes},`, `"id":${base + f.owes},`),
          owes: f.owes === undefined ? undefined : base + f.owes,
        }));
        const start = guard.out.length;
        guard.write(`${lines.map((l) => expand(l.line)).join('\n')}\n`);
        const sentinel = base + 999;
        guard.send({ jsonrpc: '2.0', id: sentinel, method: 'ping' });
        await guard.response(sentinel, 10_000);
        for (const l of lines) {
          if (l.owes === undefined) continue;
          await guard.response(l.owes, 10_000);
          const replies = guard.out.slice(start).filter((m) => m.id === l.owes && !('method' in m));
          assert.equal(replies.length, 1, `id ${l.owes}: ${replies.length} replies`);
        }
        assert.equal(guard.child.exitCode, null, 'the guard exited');
        assert.doesNotMatch(guard.stderr(), /internal error/);
      }),
      fuzzParameters(25, { endOnFailure: true }),
    );
  } finally {
    guard.child.stdin.end();
    await guard.exited;
  }
});
