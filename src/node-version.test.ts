// The Node floor the executable checks before loading anything: node:sqlite without a flag.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeSupported, nodeTooOld } from './node-version.ts';

test('22.13+, 23.4+ and 24+ are supported; older lines are not', () => {
  for (const v of ['22.13.0', '22.13.1', '22.20.0', '23.4.0', '23.11.1', '24.0.0', '26.1.0'])
    assert.equal(nodeSupported(v), true, v);
  for (const v of ['18.20.4', '20.20.2', '21.7.3', '22.12.0', '22.5.1', '23.3.0'])
    assert.equal(nodeSupported(v), false, v);
});

test('the refusal is one line naming the floor, the running version and where it runs from', () => {
  const line = nodeTooOld('20.20.2', '/usr/bin/node');
  assert.match(
    line,
    /^mcp-guard: needs Node\.js 22\.13 or later \(this is Node\.js 20\.20\.2, \/usr\/bin\/node\)/,
  );
  assert.equal(line.indexOf('\n'), line.length - 1);
});
