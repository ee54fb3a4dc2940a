// The Action's inputs: defaults, validation and the messages a workflow author sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, readInputs } from './inputs.ts';

const from =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

test('empty inputs take the documented defaults (SARIF off when its input is empty)', () => {
  assert.deepEqual(readInputs(from({})), {
    paths: ['.'],
    failOn: 'high',
    failScope: undefined,
    minSeverity: undefined,
    config: undefined,
    baseline: undefined,
    sarifFile: undefined,
    comment: true,
    annotations: true,
    changedFilesOnly: true,
    token: '',
  });
});

test('values are parsed like CLI flags: severities in any case, YAML booleans, one path per line', () => {
  const inputs = readInputs(
    from({
      path: 'configs\n\n  .vscode/mcp.json  \n',
      'fail-on': 'None',
      'fail-scope': 'changed-files',
      'min-severity': 'MEDIUM',
      comment: 'False',
      annotations: 'TRUE',
      'changed-files-only': 'false',
      'sarif-file': 'out/mcp.sarif',
      token: ' t ',
    }),
  );
  assert.deepEqual(inputs.paths, ['configs', '.vscode/mcp.json']);
  assert.equal(inputs.failOn, 'none');
  assert.equal(inputs.failScope, 'changed-files');
  assert.equal(inputs.minSeverity, 'medium');
  assert.equal(inputs.comment, false);
  assert.equal(inputs.annotations, true);
  assert.equal(inputs.changedFilesOnly, false);
  assert.equal(inputs.sarifFile, 'out/mcp.sarif');
  assert.equal(inputs.token, 't');
});

test('bad values fail with a message naming the input and what it accepts', () => {
  assert.throws(
    () => readInputs(from({ 'fail-on': 'severe' })),
    new InputError("input 'fail-on' must be one of critical, high, medium, low, none, got 'severe'"),
  );
  assert.throws(
    () => readInputs(from({ 'min-severity': 'none' })),
    /input 'min-severity' must be one of critical, high, medium, low, got 'none'/,
  );
  assert.throws(
    () => readInputs(from({ 'fail-scope': 'New' })),
    new InputError("input 'fail-scope' must be one of new, changed-files, all, got 'New'"),
  );
  assert.throws(
    () => readInputs(from({ comment: 'yes' })),
    /input 'comment' must be true or false, got 'yes'/,
  );
});
