// The CLI's behaviour through the real program (src/cli.ts in a child process): help, exit codes,
// -o, colour, --min-severity, baselines, the project config, inline ignores, `rules`, and one run of
// the bundled dist/cli.js. Findings come from MG000 (the engine's own rule) and, where a server is
// needed, from whichever catalogue rule fires (looked up at run time, never hard-coded).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../rules/index.ts';
import { CLI_DIST, runCli } from './helpers/cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/cli/', import.meta.url));
const BROKEN = join(FIXTURES, 'broken');
const CLEAN = join(FIXTURES, 'clean');

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  server: string | null;
}

async function tempCopy(fixture: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-cli-'));
  await cp(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

async function scanJson(args: string[]): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const r = await runCli(['scan', '--format', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, findings: JSON.parse(r.stdout).findings, stderr: r.stderr };
}

describe('help and version', () => {
  it('shows examples and exit codes in scan --help', async () => {
    const r = await runCli(['scan', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Examples:/);
    assert.match(r.stdout, /mcp-guard scan \. --format sarif/);
    assert.match(r.stdout, /Exit codes:/);
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });
});

describe('exit codes', () => {
  it('0 when nothing is found', async () => {
    const r = await runCli(['scan', CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No findings/);
  });

  it('1 when a finding reaches --fail-on (default high), 0 above it or with none', async () => {
    const { code, findings } = await scanJson([BROKEN]);
    assert.equal(code, 1);
    assert.ok(findings.some((f) => f.ruleId === 'MG000' && f.severity === 'high'));
    assert.equal((await runCli(['scan', BROKEN, '--fail-on', 'critical'])).code, 0);
    assert.equal((await runCli(['scan', BROKEN, '--fail-on', 'none'])).code, 0);
    assert.equal((await runCli(['scan', BROKEN, '--fail-on', 'low'])).code, 1);
  });

  it('2 on a bad flag value or an unknown flag', async () => {
    const bad = await runCli(['scan', BROKEN, '--fail-on', 'severe']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected one of critical, high, medium, low, none/);
    assert.equal((await runCli(['scan', BROKEN, '--format', 'xml'])).code, 2);
    assert.equal((await runCli(['scan', '--no-such-flag'])).code, 2);
  });

  it('2 on a bad .mcp-guard-scan.yaml, naming the file and line', async () => {
    const dir = await tempCopy('clean');
    await writeFile(join(dir, '.mcp-guard-scan.yaml'), 'rules:\n  MG000: off\n  MG999: loud\n');
    const r = await runCli(['scan', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.mcp-guard-scan\.yaml:3:\d+: rules\.MG999/);
    await writeFile(join(dir, '.mcp-guard-scan.yaml'), 'rules: [unclosed\n');
    const r2 = await runCli(['scan', dir]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /\.mcp-guard-scan\.yaml:\d+:\d+: /);
  });
});

describe('output', () => {
  it('-o writes the report to the file, not stdout', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'mcp-guard-out-')), 'report.json');
    const r = await runCli(['scan', BROKEN, '--format', 'json', '-o', out, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const doc = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(doc.version, 1);
    assert.ok(doc.findings.some((f: JsonFinding) => f.ruleId === 'MG000'));
  });

  it('no ANSI codes with NO_COLOR or when not a TTY; colours with FORCE_COLOR=1', async () => {
    const esc = '\u001b[';
    const noColor = await runCli(['scan', BROKEN, '--fail-on', 'none'], { env: { NO_COLOR: '1' } });
    assert.ok(!noColor.stdout.includes(esc));
    const notTty = await runCli(['scan', BROKEN, '--fail-on', 'none'], { env: { NO_COLOR: undefined } });
    assert.ok(!notTty.stdout.includes(esc));
    const forced = await runCli(['scan', BROKEN, '--fail-on', 'none'], {
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    assert.ok(forced.stdout.includes(esc));
    assert.match(forced.stdout, /MG000/);
  });

  it('every --format value renders', async () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) {
      const r = await runCli(['scan', BROKEN, '--format', format, '--fail-on', 'none']);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.match(r.stdout, /MG000/, format);
    }
  });
});

describe('files named on the command line', () => {
  it('are recognised by their content when the name is ambiguous (a Goose config.yaml)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-goose-'));
    const file = join(dir, 'config.yaml');
    await writeFile(
      file,
      'extensions:\n  fetch:\n    name: fetch\n    type: stdio\n    cmd: uvx\n    args: [mcp-server-fetch]\n',
    );
    const r = await runCli(['scan', file, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.files.map((f: { client: string; servers: number }) => [f.client, f.servers]),
      [['goose', 1]],
    );
    assert.ok(doc.findings.some((f: JsonFinding) => f.ruleId === 'MG201'));
  });

  it("are read as a guard config by its shape, whatever the name (the guard's backends are not MG201's)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-shape-'));
    const file = join(dir, 'wallet.yaml');
    await writeFile(
      file,
      [
        'auth:',
        '  mode: api_key',
        '  keys: {alice: "correct-horse-battery"}',
        'servers:',
        '  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}',
        'policies: {max_spend_per_session: 10}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['scan', file, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.files.map((f: { client: string; servers: number }) => [f.client, f.servers]),
      [['mcp-guard', 1]],
    );
    assert.deepEqual(
      doc.findings.map((f: JsonFinding) => [f.ruleId, f.line]),
      [['MG211', 3]],
    );
  });
});

describe('filtering', () => {
  it('--min-severity hides findings below it and counts them as suppressed', async () => {
    const { findings } = await scanJson([BROKEN, '--min-severity', 'critical']);
    assert.ok(!findings.some((f) => f.severity !== 'critical'));
    const text = await runCli(['scan', BROKEN, '--min-severity', 'critical']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /suppressed/);
  });

  it('--write-baseline then --baseline reports only new findings', async () => {
    const dir = await tempCopy('broken');
    const baseline = join(dir, 'baseline.json');
    const w = await runCli(['scan', dir, '--write-baseline', baseline]);
    assert.equal(w.code, 0, w.stderr);
    const saved = JSON.parse(await readFile(baseline, 'utf8'));
    assert.equal(saved.version, 1);
    assert.ok(saved.fingerprints.length > 0);
    const same = await scanJson([dir, '--baseline', baseline]);
    assert.deepEqual(same.findings, []);
    assert.equal(same.code, 0);
    await cp(join(BROKEN, 'mcp.json'), join(dir, 'more', 'mcp.json'), { recursive: true });
    const after = await scanJson([dir, '--baseline', baseline]);
    assert.ok(after.findings.length > 0);
    assert.ok(after.findings.every((f) => f.file === 'more/mcp.json'));
  });

  it('a bad baseline file is a usage error', async () => {
    const dir = await tempCopy('broken');
    await writeFile(join(dir, 'b.json'), '{"nope":1}');
    const r = await runCli(['scan', dir, '--baseline', join(dir, 'b.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not an mcp-guard baseline/);
  });
});

describe('project config .mcp-guard-scan.yaml', () => {
  it('switches a rule off', async () => {
    const dir = await tempCopy('broken');
    await writeFile(join(dir, '.mcp-guard-scan.yaml'), 'rules:\n  MG000: off\n');
    const { findings } = await scanJson([dir]);
    assert.ok(!findings.some((f) => f.ruleId === 'MG000'));
  });

  it('changes a severity (and so the exit code)', async () => {
    const dir = await tempCopy('broken');
    await writeFile(join(dir, '.mcp-guard-scan.yaml'), 'rules:\n  MG000: low\n');
    const { findings } = await scanJson([dir]);
    assert.equal(findings.find((f) => f.ruleId === 'MG000')?.severity, 'low');
    const r = await runCli(['scan', dir]);
    assert.equal(r.code, findings.some((f) => ['critical', 'high'].includes(f.severity)) ? 1 : 0);
  });

  it('ignores by rule + path glob, and by rule + server', async () => {
    const dir = await tempCopy('broken');
    await cp(join(BROKEN, 'mcp.json'), join(dir, 'keep', 'mcp.json'), { recursive: true });
    await writeFile(
      join(dir, '.mcp-guard-scan.yaml'),
      'ignore:\n  - rule: MG000\n    path: "mcp.json"\n    reason: legacy file\n',
    );
    const byPath = await scanJson([dir]);
    const mg000 = byPath.findings.filter((f) => f.ruleId === 'MG000');
    assert.deepEqual(
      mg000.map((f) => f.file),
      ['keep/mcp.json'],
    );
    // By server: take a finding that names a server, whatever rule gave it.
    await rm(join(dir, '.mcp-guard-scan.yaml'));
    const all = (await scanJson([dir])).findings;
    const withServer = (await scanJson([BROKEN])).findings.find((f) => f.server);
    if (!withServer) assert.fail('no catalogue rule reported a server-level finding on the fixture');
    await writeFile(
      join(dir, '.mcp-guard-scan.yaml'),
      `ignore:\n  - rule: ${withServer.ruleId}\n    path: "**/mcp.json"\n    server: ${withServer.server}\n`,
    );
    const byServer = (await scanJson([dir])).findings;
    assert.ok(!byServer.some((f) => f.ruleId === withServer.ruleId && f.server === withServer.server));
    assert.equal(
      byServer.length,
      all.length - all.filter((f) => f.ruleId === withServer.ruleId && f.server === withServer.server).length,
    );
  });
});

describe('inline ignores (mcp-guard-ignore CODE reason)', () => {
  // Each case: a file, and the finding to silence. The comment goes on the line above the finding's
  // line as first reported, so the test holds wherever the rule points.
  const cases: { name: string; file: string; text: string; rule: string; comment: string }[] = [
    {
      name: 'JSONC',
      file: '.vscode/mcp.json',
      text: '{\n  "servers": {\n    "a": { "command": "node" },\n    "b": { "command": "node" } oops\n  }\n}\n',
      rule: 'MG000',
      comment: '    // mcp-guard-ignore MG000 being rewritten',
    },
    {
      name: 'YAML',
      file: '.continue/config.yaml',
      text: 'mcpServers:\n  - name: a\n    command: node: bad\n    args: []\n',
      rule: 'MG000',
      comment: '    # mcp-guard-ignore MG000 being rewritten',
    },
    {
      name: 'TOML',
      file: '.codex/config.toml',
      text: '[mcp_servers.a]\ncommand = "node"\nargs = []\n',
      rule: '',
      comment: '# mcp-guard-ignore {rule} accepted for now',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the comment on the line above silences the finding`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcp-guard-ignore-'));
      const path = join(dir, c.file);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, c.text);
      const before = (await scanJson([dir])).findings.filter((f) => f.file === c.file);
      const target = before.find((f) => (c.rule ? f.ruleId === c.rule : true));
      if (!target) assert.fail(`${c.name}: the control file gave no finding to silence`);
      const lines = c.text.split('\n');
      lines.splice(target.line - 1, 0, c.comment.replace('{rule}', target.ruleId));
      await writeFile(path, lines.join('\n'));
      const after = (await scanJson([dir])).findings.filter((f) => f.file === c.file);
      assert.ok(
        !after.some((f) => f.ruleId === target.ruleId && f.server === target.server),
        `${c.name}: ${target.ruleId} still reported: ${JSON.stringify(after)}`,
      );
    });
  }
});

describe('mcp-guard rules', () => {
  it('lists the catalogue in order', async () => {
    const r = await runCli(['rules']);
    assert.equal(r.code, 0);
    const codes = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(
      codes,
      RULES.map((x) => x.code),
    );
  });

  it('prints one rule doc, by code or name; an unknown rule is a usage error', async () => {
    const r = await runCli(['rules', 'MG000']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /config-unparseable|MG000/);
    assert.ok(r.stdout.length > 100);
    assert.equal((await runCli(['rules', 'config-unparseable'])).stdout, r.stdout);
    const bad = await runCli(['rules', 'MG999']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule/);
  });
});

describe('bundled dist/cli.js (rebuilt by the lead before the full run)', () => {
  it('runs --version and a scan', async (t) => {
    if (!existsSync(CLI_DIST)) assert.fail(`${CLI_DIST} is missing: run npm run build`);
    t.diagnostic('if this fails while src changed, dist/ is stale: npm run build');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const v = await runCli(['--version'], { entry: CLI_DIST });
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.trim(), pkg.version);
    const s = await runCli(['scan', BROKEN, '--format', 'json', '--fail-on', 'none'], { entry: CLI_DIST });
    assert.equal(s.code, 0, s.stderr);
    assert.ok(JSON.parse(s.stdout).findings.some((f: JsonFinding) => f.ruleId === 'MG000'));
  });
});
