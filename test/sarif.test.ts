// SARIF output: validated against the vendored OASIS SARIF 2.1.0 schema (vendor/sarif/), and checked
// against what GitHub code scanning needs (rules in catalogue order with security-severity, help and
// helpUri; results with ruleIndex, level, a relative location and our own fingerprint).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RULES } from '../rules/index.ts';
import { artifactLocation, FINGERPRINT_KEY, formatSarif, SECURITY_SEVERITY } from '../src/output/sarif.ts';
import type { Finding, ScanResult } from '../src/scan/finding.ts';
import { runCli } from './helpers/cli.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/cli/', import.meta.url));
const schema = JSON.parse(
  readFileSync(new URL('../vendor/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);

// The schema writes one pattern with the PCRE inline flag `(?i)`, which JavaScript lacks: turn it
// into the `i` flag. Its `region` also nests `anyOf` under `properties` (a known slip in the file), so
// the schema itself is not meta-validated; every instance is.
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.startsWith('^(?i)')
      ? new RegExp(`^${pattern.slice(5)}`, `${flags}i`)
      : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);
const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, code: { regExp } });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
}

// biome-ignore lint/suspicious/noExplicitAny: SARIF logs are walked as plain JSON
type Json = any;

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'MG000',
    rule: 'config-unparseable',
    fix: 'fix it',
    helpUri: 'https://github.com/mcp-guard/mcp-guard/blob/main/rules/config-unparseable.md',
    severity: 'high',
    message: 'cannot parse this file: x',
    file: 'a/mcp.json',
    line: 3,
    column: 7,
    client: 'generic',
    server: null,
    fingerprint: 'f'.repeat(32),
    path: [],
    absFile: '/repo/a/mcp.json',
    ...over,
  };
}

function result(findings: Finding[], root = '/repo'): ScanResult {
  return { root, rules: RULES, findings, files: [], searched: [], errors: [], suppressed: 0 };
}

describe('SARIF output', () => {
  it('rejects a broken log (the validator is really checking)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  });

  it('validates and carries what GitHub code scanning reads, through the real CLI', async () => {
    const r = await runCli(['scan', `${FIXTURES}basic`, '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const log: Json = JSON.parse(r.stdout);
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'mcp-guard');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((x: Json) => x.id),
      RULES.map((x) => x.code),
    );
    for (const [i, rule] of RULES.entries()) {
      const d = driver.rules[i];
      assert.equal(d.name, rule.name);
      assert.equal(d.shortDescription.text, rule.summary);
      assert.equal(d.fullDescription.text, rule.description);
      assert.ok(d.help.text.length > 0 && d.help.markdown.includes(rule.help));
      assert.equal(d.helpUri, `https://github.com/mcp-guard/mcp-guard/blob/main/rules/${rule.name}.md`);
      assert.equal(d.properties['security-severity'], SECURITY_SEVERITY[rule.severity]);
      assert.equal(typeof d.properties['security-severity'], 'string');
      assert.equal(d.properties.precision, rule.precision);
      assert.ok(d.properties.tags.includes('security'));
      assert.equal(
        d.defaultConfiguration.level,
        { critical: 'error', high: 'error', medium: 'warning', low: 'note' }[rule.severity],
      );
    }
    assert.ok(run.results.length > 0);
    const mg000 = run.results.find((x: Json) => x.ruleId === 'MG000');
    assert.ok(mg000, 'the broken fixture gives an MG000 result');
    assert.equal(driver.rules[mg000.ruleIndex].id, 'MG000');
    assert.equal(mg000.level, 'error');
    const loc = mg000.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'sub/mcp.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 3, startColumn: 10 }); // where the unclosed object opens
    assert.match(mg000.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{32}$/);
    assert.equal(mg000.partialFingerprints.primaryLocationLineHash, undefined);
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/fixtures\/cli\/basic\/$/);
    for (const res of run.results) assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
  });

  it('leaves rules switched off in the project config out of rules[] and keeps indexes right', async () => {
    const r = await runCli(['scan', `${FIXTURES}disable`, '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const log: Json = JSON.parse(r.stdout);
    assertValid(log);
    const ids = log.runs[0].tool.driver.rules.map((x: Json) => x.id);
    assert.ok(!ids.includes('MG201'));
    assert.equal(ids.length, RULES.length - 1);
    for (const res of log.runs[0].results) {
      assert.notEqual(res.ruleId, 'MG201');
      assert.equal(ids[res.ruleIndex], res.ruleId);
    }
  });

  it('maps severities to levels and escapes odd paths into valid URI references', () => {
    const log: Json = JSON.parse(
      formatSarif(
        result([
          finding({ severity: 'critical', file: 'dir with space/#odd%.json', server: 'my server' }),
          finding({ severity: 'medium' }),
          finding({ severity: 'low' }),
        ]),
      ),
    );
    assertValid(log);
    assert.deepEqual(
      log.runs[0].results.map((x: Json) => x.level),
      ['error', 'warning', 'note'],
    );
    const first = log.runs[0].results[0];
    assert.equal(
      first.locations[0].physicalLocation.artifactLocation.uri,
      'dir%20with%20space/%23odd%25.json',
    );
    assert.equal(first.message.text, 'my server: cannot parse this file: x');
  });

  it('gives machine files outside the root absolute file:// URIs without a base id', () => {
    const log: Json = JSON.parse(
      formatSarif(result([finding({ file: '/home/u/.cursor/mcp.json' })], '/work/project')),
    );
    assertValid(log);
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, {
      uri: 'file:///home/u/.cursor/mcp.json',
    });
    assert.deepEqual(artifactLocation('C:/Users/A B/.cursor/mcp.json'), {
      uri: 'file:///C:/Users/A%20B/.cursor/mcp.json',
    });
  });

  it('reports unreadable files as tool notifications, still valid', () => {
    const log: Json = JSON.parse(
      formatSarif({ ...result([]), errors: [{ file: 'big/mcp.json', message: 'file is too large' }] }),
    );
    assertValid(log);
    const n = log.runs[0].invocations[0].toolExecutionNotifications[0];
    assert.equal(n.message.text, 'file is too large');
    assert.equal(n.locations[0].physicalLocation.artifactLocation.uri, 'big/mcp.json');
    assert.deepEqual(log.runs[0].results, []);
  });

  it('compared with a base, gives each result its baselineState (new or unchanged), still valid', () => {
    const log: Json = JSON.parse(
      formatSarif({
        ...result([finding({ status: 'new', line: 1 }), finding({ status: 'existing', line: 2 })]),
        diff: { base: 'main', commit: 'a'.repeat(40), fixed: [finding({ status: 'fixed' })], changed: [] },
      }),
    );
    assertValid(log);
    assert.deepEqual(
      log.runs[0].results.map((x: Json) => x.baselineState),
      ['new', 'unchanged'],
    );
    assert.equal(FINGERPRINT_KEY, 'mcpGuardFindingHash/v2');
  });
});
