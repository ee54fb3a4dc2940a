// The `guard pins` helpers: target parsing, the line diff and the readable definition lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definitionLines, lineDiff } from '../guard/store/pin-diff.ts';
import { parsePinTarget } from './guard-pins.ts';

test('parsePinTarget: server/tool, server alone, slashes in the tool, empty parts refused', () => {
  assert.deepEqual(parsePinTarget(undefined), {});
  assert.deepEqual(parsePinTarget('web'), { server: 'web' });
  assert.deepEqual(parsePinTarget('web/fetch'), { server: 'web', tool: 'fetch' });
  assert.deepEqual(parsePinTarget('web/a/b'), { server: 'web', tool: 'a/b' });
  assert.throws(() => parsePinTarget('/fetch'), /expected <server>\/<tool>/);
  assert.throws(() => parsePinTarget('web/'), /expected <server>\/<tool>/);
});

test('lineDiff keeps common lines and marks removed and added ones in order', () => {
  assert.deepEqual(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd']), ['  a', '- b', '+ x', '  c', '+ d']);
  assert.deepEqual(lineDiff([], ['n']), ['+ n']);
  assert.deepEqual(lineDiff(['o'], []), ['- o']);
});

test('definitionLines shows the description as text and schemas as indented JSON', () => {
  const lines = definitionLines('{"description":"one\\ntwo","inputSchema":{"type":"object"},"name":"t"}');
  assert.deepEqual(lines, [
    'description:',
    '  one',
    '  two',
    'inputSchema:',
    '  {',
    '    "type": "object"',
    '  }',
    'name: t',
  ]);
  assert.deepEqual(definitionLines(undefined), []);
});
