// Unit tests of the aggregation pieces: exposed names (charset, length cap, hash), cursors that
// encode the backends, the catalogue's collisions and lookups, and the merged initialize answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog, CollisionError, LIST_METHODS } from './catalog.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { commonVersions, mergeDiscover, mergeInitialize } from './initialize.ts';
import { isSafeName, MAX_NAME, prefixedName, splitPrefixed } from './naming.ts';

test('prefixed names: plain when they fit, else charset-cleaned, capped at 64 and hashed', () => {
  assert.equal(prefixedName('everything', 'echo'), 'everything__echo');
  const long = prefixedName('filesystem', 'x'.repeat(80));
  assert.equal(long.length, MAX_NAME);
  assert.ok(isSafeName(long));
  assert.match(long, /^filesystem__x+_[0-9a-f]{8}$/);
  // Two long names that share their first 64 characters stay distinct.
  assert.notEqual(long, prefixedName('filesystem', `${'x'.repeat(79)}y`));
  const odd = prefixedName('my server', 'ask/now');
  assert.ok(isSafeName(odd));
  assert.match(odd, /^my_server__ask_now_[0-9a-f]{8}$/);
  // Cleaning alone never merges two names: `a b` and `a_b` differ by their hash.
  assert.notEqual(prefixedName('s', 'a b'), prefixedName('s', 'a_b'));
  assert.equal(prefixedName('s', 'a b'), prefixedName('s', 'a b'));
  assert.equal(isSafeName(''), false);
  assert.equal(isSafeName('x'.repeat(65)), false);
});

test('splitPrefixed: only the plain form of a known server; longest server name first', () => {
  assert.deepEqual(splitPrefixed('everything__echo', ['fs', 'everything']), {
    server: 'everything',
    name: 'echo',
  });
  assert.deepEqual(splitPrefixed('a__b__c', ['a', 'a__b']), { server: 'a__b', name: 'c' });
  assert.equal(splitPrefixed('other__echo', ['fs']), undefined);
  assert.equal(splitPrefixed('fs__', ['fs']), undefined);
  // A shortened name cannot be split back to its original: the catalogue, filled by lists, knows it.
  const hashed = prefixedName('fs', 'y'.repeat(80));
  assert.notEqual(splitPrefixed(hashed, ['fs'])?.name, 'y'.repeat(80));
  const c = new Catalog('prefix');
  c.absorb(LIST_METHODS['tools/list'], 'fs', [{ name: 'y'.repeat(80) }], true);
  assert.deepEqual(c.tools.get(hashed), { server: 'fs', name: 'y'.repeat(80) });
});

test('cursors carry each backend cursor and refuse anything the guard did not issue', () => {
  assert.equal(encodeCursor({}), undefined);
  const c = encodeCursor({ everything: 'abc', fs: '2' })!;
  assert.match(c, /^mcpg1\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(c, ['everything', 'fs']), { everything: 'abc', fs: '2' });
  assert.throws(() => decodeCursor(c, ['fs']), /unknown server everything/);
  assert.throws(() => decodeCursor('abc', ['fs']), /unknown cursor/);
  assert.throws(() => decodeCursor('mcpg1.!!!', ['fs']), /unreadable/);
  assert.throws(
    () => decodeCursor(encodeCursor({ fs: 3 as unknown as string }), ['fs']),
    /unknown server fs/,
  );
  assert.throws(() => decodeCursor(42, ['fs']), /unknown cursor/);
});

test('catalogue: prefix renames and remembers; none keeps names and reports a collision naming both', () => {
  const tools = LIST_METHODS['tools/list'];
  const prefix = new Catalog('prefix');
  const out = prefix.absorb(tools, 'fs', [{ name: 'read', description: 'd' }], true);
  assert.deepEqual(out, [{ name: 'fs__read', description: 'd' }]);
  prefix.absorb(tools, 'everything', [{ name: 'read' }], true);
  assert.deepEqual(prefix.tools.get('fs__read'), { server: 'fs', name: 'read' });
  assert.deepEqual(prefix.tools.get('everything__read'), { server: 'everything', name: 'read' });

  const none = new Catalog('none');
  none.absorb(tools, 'fs', [{ name: 'read' }], true);
  assert.throws(
    () => none.absorb(tools, 'everything', [{ name: 'read' }], true),
    (e: Error) => e instanceof CollisionError && /fs/.test(e.message) && /everything/.test(e.message),
  );
  // A new first page replaces what the backend offered before.
  none.absorb(tools, 'fs', [{ name: 'write' }], true);
  assert.equal(none.tools.has('read'), false);
  none.absorb(tools, 'everything', [{ name: 'read' }], true);
  assert.equal(none.tools.get('read')?.server, 'everything');
});

test('catalogue: resources route by URI, templates by their longest literal prefix', () => {
  const c = new Catalog('prefix');
  c.absorb(LIST_METHODS['resources/list'], 'a', [{ uri: 'demo://one', name: 'one' }], true);
  c.absorb(LIST_METHODS['resources/templates/list'], 'b', [{ uriTemplate: 'demo://{id}' }], true);
  c.absorb(LIST_METHODS['resources/templates/list'], 'c', [{ uriTemplate: 'demo://static/{id}' }], true);
  assert.equal(c.resourceServer('demo://one'), 'a');
  assert.equal(c.resourceServer('demo://two'), 'b');
  assert.equal(c.resourceServer('demo://static/3'), 'c');
  assert.equal(c.resourceServer('file:///x'), undefined);
});

test('initialize: oldest version, capabilities merged, tasks left out, instructions labelled', () => {
  const merged = mergeInitialize([
    {
      server: 'a',
      result: {
        protocolVersion: '2025-06-18',
        capabilities: { tools: { listChanged: true }, tasks: {}, logging: {} },
        instructions: 'use a',
      },
    },
    {
      server: 'b',
      result: { protocolVersion: '2025-03-26', capabilities: { tools: {}, resources: { subscribe: true } } },
    },
  ]);
  assert.equal(merged.protocolVersion, '2025-03-26');
  assert.deepEqual(merged.capabilities, {
    tools: { listChanged: true },
    logging: {},
    resources: { subscribe: true },
  });
  assert.equal(merged.instructions, '[a]\nuse a');
  assert.equal((merged.serverInfo as { name: string }).name, 'mcp-guard');
});

test('merged server/discover: only versions every backend supports, merged capabilities, the guard as server', () => {
  const result = mergeDiscover([
    {
      server: 'a',
      result: {
        supportedVersions: ['2027-01-01', '2026-07-28'],
        capabilities: { tools: { listChanged: true } },
        ttlMs: 60_000,
        cacheScope: 'public',
        instructions: 'use a',
      },
    },
    {
      server: 'b',
      result: {
        supportedVersions: ['2026-07-28'],
        capabilities: { prompts: {} },
        ttlMs: 5_000,
        cacheScope: 'private',
      },
    },
  ]);
  assert.deepEqual(result.supportedVersions, ['2026-07-28']);
  assert.deepEqual(result.capabilities, { tools: { listChanged: true }, prompts: {} });
  assert.equal(result.ttlMs, 5_000);
  assert.equal(result.cacheScope, 'private');
  assert.equal(result.instructions, '[a]\nuse a');
  const meta = result._meta as Record<string, { name: string }>;
  assert.equal(meta['io.modelcontextprotocol/serverInfo'].name, 'mcp-guard');
  assert.deepEqual(
    commonVersions([
      { server: 'a', result: { supportedVersions: ['2026-07-28'] } },
      { server: 'b', result: { supportedVersions: ['2027-01-01'] } },
    ]),
    [],
    'no version in common: none offered',
  );
  assert.deepEqual(
    commonVersions([
      { server: 'a', result: { supportedVersions: ['2026-07-28'] } },
      { server: 'b', result: {} },
    ]),
    [],
    'a backend that lists nothing limits the answer to nothing',
  );
});
