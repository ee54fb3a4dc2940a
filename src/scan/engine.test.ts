// The engine on its own, handed rules made up for the test: it calls each check at its level (guard
// configs get checkGuard with the loader's model), takes a report's explicit place over its path, and
// throws on a message key the rule does not define rather than printing the key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareRules, runRules } from './engine.ts';
import { modelOf } from './load.ts';
import { defineRule, type Rule } from './rule.ts';

const meta = {
  severity: 'medium' as const,
  precision: 'high' as const,
  summary: 's',
  description: 'd',
  help: 'h',
  fix: 'f',
  tags: [],
};

async function run(rule: Rule, file: string, text: string) {
  const config = modelOf(`/repo/${file}`, text);
  await prepareRules(config, [rule]);
  return runRules(config, { rules: [rule], mode: 'repo', displayFile: file });
}

describe('engine', () => {
  it('calls checkFile once, checkServer per server, checkGuard only for guard configs', async () => {
    const calls: string[] = [];
    const rule = defineRule({
      ...meta,
      code: 'MG900',
      name: 'probe',
      messages: { seen: 'seen {what}' },
      checkFile: () => calls.push('file'),
      checkServer: (s) => calls.push(`server ${s.name}`),
      checkGuard: (g) => calls.push(`guard ${g.servers.length}`),
    });
    await run(
      rule,
      '.cursor/mcp.json',
      '{ "mcpServers": { "a": { "command": "x" }, "b": { "command": "y" } } }',
    );
    await run(rule, 'mcp-guard.yaml', 'auth: {mode: none}\nservers: {w: {command: srv}}\n');
    assert.deepEqual(calls, ['file', 'server a', 'server b', 'file', 'guard 1', 'server w']);
  });

  it('gives a finding the rule name, fix and help URL, and takes an explicit place over the path', async () => {
    const rule = defineRule({
      ...meta,
      code: 'MG901',
      name: 'placed',
      messages: { here: 'here {n}' },
      checkFile: (_c, ctx) =>
        ctx.report({ path: ['mcpServers'], at: { line: 7, column: 3 }, message: 'here', data: { n: 1 } }),
    });
    const [f] = await run(rule, '.cursor/mcp.json', '{ "mcpServers": {} }');
    assert.deepEqual(
      { line: f.line, column: f.column, message: f.message, rule: f.rule, fix: f.fix, helpUri: f.helpUri },
      {
        line: 7,
        column: 3,
        message: 'here 1',
        rule: 'placed',
        fix: 'f',
        helpUri: 'https://github.com/mcp-guard/mcp-guard/blob/main/rules/placed.md',
      },
    );
  });

  it('throws, naming the rule, when a report uses a message key the rule does not define', async () => {
    const rule = defineRule({
      ...meta,
      code: 'MG902',
      name: 'typo',
      messages: { right: 'right' },
      // A cast is the only way past the types: report()'s message is one of the rule's keys.
      checkFile: (_c, ctx) => ctx.report({ path: [], message: 'wrong' as 'right' }),
    });
    await assert.rejects(run(rule, '.cursor/mcp.json', '{}'), /rule MG902 reported message "wrong"/);
  });
});
