// The engine on its own, handed rules made up for the test: it calls each check at its level (guard
// configs get checkGuard with the loader's model, checkScan gets every file of the scan once), takes a
// report's explicit place over its path, locates related places in other files, and throws on a message
// key the rule does not define rather than printing the key. Through scan(): inline ignores apply to
// what checkScan reports.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareRules, runRules, runScanRules } from './engine.ts';
import { modelOf } from './load.ts';
import { defineRule, type Rule } from './rule.ts';
import { scan } from './scan.ts';

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

  it('hands checkScan every file once, names the server, lowers a disabled one and locates related places', () => {
    const seen: string[] = [];
    const rule = defineRule({
      ...meta,
      code: 'MG903',
      name: 'across',
      messages: { twice: 'also in {file}' },
      checkScan: (configs, ctx) => {
        seen.push(...configs.map((c) => ctx.fileName(c)));
        const [a, b] = configs;
        ctx.report({
          config: b,
          server: b.servers[0],
          path: b.servers[0].path,
          message: 'twice',
          data: { file: ctx.fileName(a) },
          related: [{ config: a, path: a.servers[0].path, message: 'first here' }],
        });
      },
    });
    const files = [
      {
        config: modelOf('/repo/.cursor/mcp.json', '{\n "mcpServers": {\n  "x": { "command": "a" } } }'),
        displayFile: '.cursor/mcp.json',
      },
      {
        config: modelOf('/repo/.mcp.json', '{ "mcpServers": { "x": { "command": "b", "disabled": true } } }'),
        displayFile: '.mcp.json',
      },
    ];
    const [f] = runScanRules(files, { rules: [rule], mode: 'repo' });
    assert.deepEqual(seen, ['.cursor/mcp.json', '.mcp.json']);
    assert.deepEqual(
      { file: f.file, server: f.server, severity: f.severity, message: f.message, related: f.related },
      {
        file: '.mcp.json',
        server: 'x',
        severity: 'low',
        message: 'also in .cursor/mcp.json',
        related: [{ file: '.cursor/mcp.json', line: 3, column: 3, message: 'first here' }],
      },
    );
  });

  it('applies inline ignores to what checkScan reports, in a real scan', async () => {
    const rule = defineRule({
      ...meta,
      code: 'MG904',
      name: 'every-server',
      messages: { one: 'one' },
      checkScan: (configs, ctx) => {
        for (const config of configs)
          for (const server of config.servers)
            ctx.report({ config, server, path: server.path, message: 'one' });
      },
    });
    const root = await mkdtemp(join(tmpdir(), 'mcp-guard-engine-'));
    await mkdir(join(root, '.vscode'));
    await writeFile(
      join(root, '.vscode', 'mcp.json'),
      '{ "servers": {\n  // mcp-guard-ignore MG904 known\n  "a": { "command": "a" },\n  "b": { "command": "b" } } }',
    );
    const result = await scan({ paths: [root], rules: [rule] });
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.server}`),
      ['MG904 b'],
    );
    assert.equal(result.suppressed, 1);
  });
});
