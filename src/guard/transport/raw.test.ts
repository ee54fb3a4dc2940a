// Raw forwarding: a message one NDJSON transport received goes out of the client's transport
// (`sendRaw`) as the text it came as while nobody changed it; a transport without `sendRaw` (a
// backend's: the client's requests), a message forgotten (changed in place) and a short one (cheaper to
// serialize again than to remember) are serialized again.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { RpcMessage } from '../jsonrpc.ts';
import { NdjsonTransport, RAW_MIN_BYTES } from './ndjson.ts';
import { forgetRaw, rawOf } from './raw.ts';

/** A transport reading `lines` (the backend's side), and the messages it parsed. */
async function received(lines: string[]): Promise<RpcMessage[]> {
  const input = new PassThrough();
  const t = new NdjsonTransport(input, new PassThrough());
  const out: RpcMessage[] = [];
  t.onmessage = (m) => out.push(m);
  await t.start();
  input.write(lines.map((l) => `${l}\n`).join(''));
  await new Promise((r) => setImmediate(r));
  return out;
}

/** What a transport with these options writes for `messages`. */
async function written(messages: RpcMessage[], sendRaw: boolean): Promise<string> {
  const output = new PassThrough();
  const t = new NdjsonTransport(new PassThrough(), output, { sendRaw });
  let text = '';
  output.on('data', (d: Buffer) => {
    text += d.toString('utf8');
  });
  for (const m of messages) await t.send(m);
  await new Promise((r) => setImmediate(r));
  return text;
}

test('a received message goes out as it came, unless the sender does not send raw or it was forgotten', async () => {
  const long = 'é'.repeat(RAW_MIN_BYTES);
  const lines = [
    `{ "result": {"content": [{"type":"text","text":"${long}"}], "isError" : false}, "id": 7, "jsonrpc": "2.0" }`,
    `{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":0.50,"message":"${long}"}}`,
  ];
  const messages = await received(lines);
  assert.equal(messages.length, 2);
  assert.equal(rawOf(messages[0]), lines[0]);
  assert.equal(await written(messages, true), `${lines[0]}\n${lines[1]}\n`);
  // The backend's transport (no sendRaw) serializes what the guard parsed.
  assert.equal(await written(messages, false), `${messages.map((m) => JSON.stringify(m)).join('\n')}\n`);
  // Changed in place (a list filtered by a policy) and forgotten: serialized again, as it is now.
  (messages[0] as { result: Record<string, unknown> }).result.isError = true;
  forgetRaw(messages[0]);
  assert.equal(await written([messages[0]], true), `${JSON.stringify(messages[0])}\n`);
  // A short line is not remembered: serializing it again costs less.
  const [short] = await received(['{ "jsonrpc": "2.0", "id": 8, "result": {} }']);
  assert.equal(rawOf(short), undefined);
  assert.equal(await written([short], true), '{"jsonrpc":"2.0","id":8,"result":{}}\n');
  // A message made in the guard was never received: serialized.
  const own: RpcMessage = { jsonrpc: '2.0', id: 1, result: {} };
  assert.equal(await written([own], true), '{"jsonrpc":"2.0","id":1,"result":{}}\n');
});
