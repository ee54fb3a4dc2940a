// Unit tests for the guard-config helpers: listen-address classification is where MG210's severity
// comes from, and the unspecified address must never pass for loopback here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../config/document.ts';
import type { ClientConfig } from '../config/types.ts';
import { guardRoot, isLoopbackListen, listenAddress, scalarText } from './guard-config.ts';

function config(text: string, client = 'mcp-guard'): ClientConfig {
  return {
    file: '/repo/mcp-guard.yaml',
    client,
    scope: 'project',
    document: parseDocument(text, 'yaml'),
    servers: [],
    switches: [],
  };
}

function listen(text: string) {
  const root = guardRoot(config(text));
  assert.ok(root, 'a guard config');
  return listenAddress(root);
}

describe('isLoopbackListen', () => {
  it('accepts loopback addresses and names', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      'LOCALHOST',
      'api.localhost',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ])
      assert.equal(isLoopbackListen(h), true, h);
  });
  it('rejects every-interface, LAN, public and named addresses', () => {
    for (const h of [
      '0.0.0.0',
      '::',
      '[::]',
      '',
      '*',
      '192.168.1.10',
      '10.0.0.5',
      '203.0.113.7',
      'guard.example.com',
      'guard',
    ])
      assert.equal(isLoopbackListen(h), false, h);
  });
});

describe('listenAddress', () => {
  it('is stdio without an http section (or with http: null / false)', () => {
    assert.deepEqual(listen('servers: {}\n'), { kind: 'stdio' });
    assert.deepEqual(listen('http:\nservers: {}\n'), { kind: 'stdio' });
    assert.deepEqual(listen('http: false\n'), { kind: 'stdio' });
  });
  it('defaults a missing host to loopback', () => {
    assert.deepEqual(listen('http: {port: 8080}\n'), { kind: 'loopback', host: '127.0.0.1' });
  });
  it('classifies literal hosts', () => {
    assert.deepEqual(listen('http: {host: 0.0.0.0}\n'), { kind: 'exposed', host: '0.0.0.0' });
    assert.deepEqual(listen('http: {host: "::"}\n'), { kind: 'exposed', host: '::' });
    assert.deepEqual(listen('http: {host: "::1"}\n'), { kind: 'loopback', host: '::1' });
    assert.deepEqual(listen('http: {host: localhost}\n'), { kind: 'loopback', host: 'localhost' });
  });
  it('judges the default of a referenced host, and leaves a bare reference unknown', () => {
    assert.equal(listen(`http: {host: "\${HOST:-0.0.0.0}"}\n`).kind, 'exposed');
    assert.equal(listen(`http: {host: "\${HOST:-127.0.0.1}"}\n`).kind, 'loopback');
    assert.equal(listen(`http: {host: "\${HOST}"}\n`).kind, 'unknown');
  });
});

describe('guardRoot', () => {
  it('only returns the root of an mcp-guard config that has guard keys', () => {
    assert.ok(guardRoot(config('auth: {mode: none}\n')));
    assert.equal(guardRoot(config('auth: {mode: none}\n', 'cursor')), undefined);
    assert.equal(guardRoot(config('name: something else\n')), undefined);
    assert.equal(guardRoot(config('- a list\n')), undefined);
  });
});

describe('scalarText', () => {
  it('reads strings and numbers as text', () => {
    const root = guardRoot(config('auth: {a: abc, b: 12345, c: true}\n'));
    const auth = root?.entries[0].value;
    assert.ok(auth?.kind === 'object');
    assert.deepEqual(
      auth.entries.map((e) => scalarText(e.value)),
      ['abc', '12345', undefined],
    );
  });
});
