// The webhook notifier against a real local HTTP server: signed JSON a receiver can verify, Slack
// messages with escaped text and console links, retries after a 500 with the same delivery id, a
// timeout, no retry on a 4xx, and `notify` never waiting for the network.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import type { GuardWebhook } from '../../config/guard-types.ts';
import type { Approval } from '../store/types.ts';
import { Notifier } from './notify.ts';

const SECRET = 'a-webhook-secret-of-at-least-32-bytes!!';
const approval: Approval = {
  id: 'abc123',
  agent: 'bot <!channel>',
  tool: 'pay',
  argsHash: 'h',
  amount: 75,
  summary: 'bot calls pay for 75',
  status: 'pending',
  createdAt: Date.parse('2026-01-01T00:00:00Z'),
  expiresAt: Date.parse('2026-01-01T01:00:00Z'),
  backend: 'wallet',
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(answer: (n: number, req: IncomingMessage, res: ServerResponse) => void) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      answer(got.length, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

/** What a receiver does (docs/guard-console.md): recompute the HMAC over "<t>.<body>", check the age. */
function verify(secret: string, header: string, body: string, nowSec: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSec - t) > 300) return false;
  const want = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === want.length && timingSafeEqual(given, want);
}

const hook = (url: string, more: Partial<GuardWebhook> = {}): GuardWebhook => ({
  url,
  format: 'json',
  secret: SECRET,
  timeoutMs: 2000,
  retries: 3,
  ...more,
});

test('signed JSON: retried after a 500 with the same delivery id, and verifiable', async () => {
  const r = await receiver((n, _req, res) => res.writeHead(n === 1 ? 500 : 204).end());
  const notifier = new Notifier([hook(r.url)], {
    backoffMs: 20,
    links: (id) => ({
      console: `https://g/console/approvals/${id}`,
      approve: 'https://g/a',
      deny: 'https://g/d',
    }),
  });
  // notify returns at once: nothing has been sent yet when it returns (no timing to assert on).
  assert.equal(notifier.notify('approval.held', approval), undefined);
  assert.equal(r.got.length, 0);
  await notifier.idle();
  assert.equal(r.got.length, 2);
  const [first, second] = r.got;
  assert.equal(first.headers['x-mcp-guard-delivery'], second.headers['x-mcp-guard-delivery']);
  assert.equal(second.headers['x-mcp-guard-event'], 'approval.held');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(verify(SECRET, String(second.headers['x-mcp-guard-signature']), second.body, now));
  assert.ok(
    !verify(
      'another-secret-of-at-least-32-bytes!!!',
      String(second.headers['x-mcp-guard-signature']),
      second.body,
      now,
    ),
  );
  assert.ok(
    !verify(SECRET, String(second.headers['x-mcp-guard-signature']), second.body.replace('75', '76'), now),
  );
  const event = JSON.parse(second.body);
  assert.equal(event.type, 'approval.held');
  assert.equal(event.approval.id, 'abc123');
  assert.equal(event.approval.amount, 75);
  assert.equal(event.links.console, 'https://g/console/approvals/abc123');
  assert.deepEqual(notifier.stats(), [{ format: 'json', delivered: 1, failed: 0 }]);
});

test('Slack: escaped text, approve and deny links; a 4xx is not retried and counts as a failure', async () => {
  const r = await receiver((_n, _req, res) => res.writeHead(404).end());
  const logs: string[] = [];
  const notifier = new Notifier([hook(r.url, { format: 'slack', secret: undefined })], {
    backoffMs: 20,
    log: (l) => logs.push(l),
    links: (id) => ({
      console: `https://g/c/${id}`,
      approve: `https://g/c/${id}?action=approve`,
      deny: `https://g/c/${id}?action=deny`,
    }),
  });
  notifier.notify('approval.held', approval);
  await notifier.idle();
  assert.equal(r.got.length, 1);
  const msg = JSON.parse(r.got[0].body);
  assert.match(msg.text, /bot &lt;!channel&gt;/);
  assert.doesNotMatch(msg.text, /<!channel>/);
  const buttons = msg.blocks[1].elements.map((e: { url: string }) => e.url);
  assert.deepEqual(buttons.slice(0, 2), [
    'https://g/c/abc123?action=approve',
    'https://g/c/abc123?action=deny',
  ]);
  assert.equal(r.got[0].headers['x-mcp-guard-signature'], undefined);
  assert.deepEqual(notifier.stats(), [{ format: 'slack', delivered: 0, failed: 1 }]);
  assert.match(logs[0], /HTTP 404/);
});

test('a receiver that never answers: each attempt times out, then the delivery is given up', async () => {
  const r = await receiver(() => {});
  const logs: string[] = [];
  const notifier = new Notifier([hook(r.url, { timeoutMs: 100, retries: 1 })], {
    backoffMs: 10,
    log: (l) => logs.push(l),
  });
  notifier.notify('approval.denied', { ...approval, status: 'denied', decidedBy: 'ops' });
  await notifier.idle();
  assert.equal(r.got.length, 2);
  assert.match(logs[0], /not delivered: no answer in 100 ms/);
  assert.equal(notifier.stats()[0].failed, 1);
});
