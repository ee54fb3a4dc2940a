import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRefs, interpolate, literalPart, UnsetVariableError } from './variables.ts';

describe('findRefs', () => {
  it('recognises every client syntax', () => {
    const cases: [string, string, string][] = [
      ['${GITHUB_TOKEN}', 'env', 'GITHUB_TOKEN'],
      ['${env:API_KEY}', 'env', 'API_KEY'],
      ['${input:github-token}', 'input', 'github-token'],
      ['${file:/run/secret}', 'file', '/run/secret'],
      ['${{ secrets.OPENAI_KEY }}', 'secret', 'OPENAI_KEY'],
      ['$HOME_TOKEN', 'env', 'HOME_TOKEN'],
      ['%APPDATA_KEY%', 'env', 'APPDATA_KEY'],
      ['${workspaceFolder}', 'other', 'workspaceFolder'],
    ];
    for (const [text, kind, name] of cases) {
      const [ref] = findRefs(text);
      assert.equal(ref?.kind, kind, text);
      assert.equal(ref?.name, name, text);
    }
  });

  it('keeps defaults and finds references inside longer strings', () => {
    const refs = findRefs('Bearer ${TOKEN:-dev}');
    assert.deepEqual(refs, [{ kind: 'env', name: 'TOKEN', text: '${TOKEN:-dev}', fallback: 'dev' }]);
    assert.equal(literalPart('Bearer ${TOKEN:-dev}'), 'Bearer ');
  });

  it('finds nothing in plain literals', () => {
    assert.deepEqual(findRefs('ghp_abcdef'), []);
    assert.deepEqual(findRefs('https://example.com/mcp'), []);
  });
});

describe('interpolate', () => {
  it('substitutes set variables and defaults', () => {
    assert.equal(interpolate('a-${X}-${env:Y}-${Z:-zz}', { X: '1', Y: '2' }), 'a-1-2-zz');
  });

  it('fails closed on an unset variable', () => {
    assert.throws(
      () => interpolate('${MISSING}', {}),
      (e) => e instanceof UnsetVariableError && e.variable === 'MISSING',
    );
    assert.throws(() => interpolate('${EMPTY}', { EMPTY: '' }), UnsetVariableError);
  });

  it('lets $${ stand for a literal ${', () => {
    assert.equal(interpolate('cost $${X}', {}), 'cost ${X}');
  });
});
