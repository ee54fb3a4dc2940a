// Unit tests of the wire checks: loopback detection, the Host check (DNS rebinding) and the Origin
// allowlist, and credentials in query strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GuardHttp } from '../../config/guard-types.ts';
import { isLoopback, queryCredential, splitHost, WireGuard } from './security.ts';

const http = (over: Partial<GuardHttp> = {}): GuardHttp => ({
  host: '127.0.0.1',
  port: 8080,
  allowedOrigins: [],
  allowedHosts: [],
  maxBodyBytes: 1024,
  headersTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  maxConnectionsPerAddress: 10,
  sessionIdleSec: 60,
  maxSessions: 10,
  maxSessionsPerPrincipal: 5,
  backendMode: 'per_session',
  shutdownGraceMs: 1000,
  metrics: { enabled: true, agentLabels: false },
  ...over,
});

test('isLoopback: 127/8, ::1, localhost; not 0.0.0.0 or a LAN address', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
    assert.ok(isLoopback(h), h);
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) assert.ok(!isLoopback(h), h);
});

test('splitHost separates the name and port, IPv6 in brackets', () => {
  assert.deepEqual(splitHost('LocalHost:8080'), { name: 'localhost', port: '8080' });
  assert.deepEqual(splitHost('[::1]:9'), { name: '[::1]', port: '9' });
  assert.deepEqual(splitHost('example.com'), { name: 'example.com', port: undefined });
});

test('bound to loopback: only loopback names on our port (or listed hosts) pass', () => {
  const w = new WireGuard(http({ allowedHosts: ['mcp.internal'] }), '127.0.0.1');
  w.port = 8080;
  for (const h of [
    '127.0.0.1:8080',
    'localhost:8080',
    '[::1]:8080',
    'localhost',
    'mcp.internal',
    'MCP.internal:8080',
  ])
    assert.ok(w.hostAllowed(h), h);
  for (const h of ['evil.example:8080', '127.0.0.1:9999', '', undefined])
    assert.ok(!w.hostAllowed(h), String(h));
});

test('bound elsewhere: any Host unless allowed_hosts is set', () => {
  const open = new WireGuard(http({ host: '0.0.0.0' }), '0.0.0.0');
  assert.ok(open.hostAllowed('anything.example:1'));
  const listed = new WireGuard(http({ host: '0.0.0.0', allowedHosts: ['mcp.example.com'] }), '0.0.0.0');
  assert.ok(listed.hostAllowed('mcp.example.com'));
  assert.ok(!listed.hostAllowed('evil.example'));
});

test('Origin: absent passes; listed passes; the guard own origin passes; anything else fails', () => {
  const w = new WireGuard(http({ allowedOrigins: ['https://app.example.com'] }), '127.0.0.1');
  w.port = 8080;
  assert.ok(w.originAllowed(undefined, '127.0.0.1:8080'));
  assert.ok(w.originAllowed('https://app.example.com', '127.0.0.1:8080'));
  assert.ok(w.originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080'));
  assert.ok(!w.originAllowed('http://evil.example', '127.0.0.1:8080'));
  assert.ok(
    !w.originAllowed('http://evil.example:8080', 'evil.example:8080'),
    'same-origin of a rebound name',
  );
  assert.ok(!w.originAllowed('null', '127.0.0.1:8080'));
  assert.ok(!w.originAllowed('file://', '127.0.0.1:8080'));
});

test('queryCredential names token-like parameters, case-insensitively', () => {
  assert.equal(queryCredential(new URL('http://h/mcp?access_token=x')), 'access_token');
  assert.equal(queryCredential(new URL('http://h/mcp?API_KEY=x')), 'API_KEY');
  assert.equal(queryCredential(new URL('http://h/mcp?page=2')), undefined);
});
