// Which client id URLs fall under the configured prefixes of client ID metadata documents (the only
// ones the guard fetches without the library's guard against private addresses): same origin, and a
// path under the prefix's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { underPrefix } from './provider.ts';

test('a client id is under a prefix only on the same origin and below its path', () => {
  const prefixes = ['https://apps.example.com/mcp/', 'https://vscode.dev/'];
  for (const id of ['https://apps.example.com/mcp/notes.json', 'https://vscode.dev/oauth/client.json'])
    assert.equal(underPrefix(prefixes, id), true, id);
  for (const id of [
    'https://apps.example.com/other/notes.json', // another path
    'https://apps.example.com.evil.example/mcp/x.json', // a host that only starts alike
    'https://apps.example.com:8443/mcp/x.json', // another port
    'http://apps.example.com/mcp/x.json', // another scheme
    'not a url',
  ])
    assert.equal(underPrefix(prefixes, id), false, id);
  // `*` names no prefix: it lets any URL be fetched, but through the library's protection.
  assert.equal(underPrefix(['*'], 'https://127.0.0.1/x.json'), false);
});
