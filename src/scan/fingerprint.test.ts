// Fingerprints: what they ignore (lines, list positions, which of a client's files in one folder holds
// a server) and what they keep apart (rule, client, folder, server, value), and the 0.1 recipe that
// old baselines hold.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { configuredFolder, type FingerprintInput, fingerprint, legacyFingerprint } from './fingerprint.ts';

const base: FingerprintInput = {
  ruleId: 'MG401',
  client: 'vscode',
  file: 'apps/web/.vscode/mcp.json',
  server: 'search',
  serverPath: ['servers', 'search'],
  path: ['servers', 'search', 'args', 1],
  message: 'npx runs @acme/search-mcp without a version',
};

describe('fingerprint', () => {
  it('names the folder a config file configures, out of its dot-folders', () => {
    assert.equal(configuredFolder('apps/web/.vscode/mcp.json'), 'apps/web');
    assert.equal(configuredFolder('apps/web/.kiro/settings/mcp.json'), 'apps/web');
    assert.equal(configuredFolder('.cursor/mcp.json'), '');
    assert.equal(configuredFolder('configs/mcp.json'), 'configs');
    assert.equal(configuredFolder('/home/u/.config/Code/User/mcp.json'), '/home/u');
    assert.equal(configuredFolder('mcp.json'), '');
  });

  it('keeps a server finding when the server moves to another file of its client for the same folder', () => {
    const moved = {
      ...base,
      file: 'apps/web/.vscode/settings.json',
      serverPath: ['mcp', 'servers', 'search'],
      path: ['mcp', 'servers', 'search', 'args', 1],
    };
    assert.equal(fingerprint(moved), fingerprint(base));
  });

  it('keeps it across list positions: a server moved in a list, an argument inserted before', () => {
    const listed = { ...base, serverPath: ['servers', 3], path: ['servers', 3, 'args', 2] };
    assert.equal(
      fingerprint(listed),
      fingerprint({ ...base, serverPath: ['servers', 0], path: ['servers', 0, 'args', 1] }),
    );
  });

  it('tells apart another client, folder, server, rule or message', () => {
    const fp = fingerprint(base);
    for (const other of [
      { client: 'cursor' },
      { file: 'apps/api/.vscode/mcp.json' },
      { server: 'search2', serverPath: ['servers', 'search2'], path: ['servers', 'search2', 'args', 1] },
      { ruleId: 'MG201' },
      { message: 'npx runs @acme/other-mcp without a version' },
    ]) {
      assert.notEqual(fingerprint({ ...base, ...other }), fp, JSON.stringify(other));
    }
  });

  it('keys a finding outside any server entry by its file', () => {
    const fileLevel = { ...base, server: null, serverPath: undefined, path: [] };
    assert.notEqual(
      fingerprint(fileLevel),
      fingerprint({ ...fileLevel, file: 'apps/web/.vscode/settings.json' }),
    );
  });

  it('computes the 0.1 recipe for baselines written then', () => {
    const old = createHash('sha256')
      .update([base.ruleId, base.file, base.server, 'servers.search.args[1]', base.message].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    assert.equal(legacyFingerprint(base), old);
    assert.notEqual(fingerprint(base), old);
  });
});
