// Unit tests for the listen-address check: the unspecified address must never pass for loopback, since
// `guard serve-http` refuses an unauthenticated guard elsewhere and MG210 raises its severity there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackListen } from './listen.ts';

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
