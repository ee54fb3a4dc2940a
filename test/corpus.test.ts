// The real-config corpus (/work/shared/corpus/real-configs/, read in place): every file loads into a
// model without throwing, using the client named in SOURCES.tsv; only the files known to be broken
// give MG000; and the whole folder scans through the CLI with no read errors.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clientById } from '../src/config/clients.ts';
import { loadConfigFile } from '../src/scan/load.ts';
import { runCli } from './helpers/cli.ts';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/real-configs/', import.meta.url));
const PRESENT = existsSync(`${CORPUS}SOURCES.tsv`);

/** SOURCES.tsv client names that differ from our ids. */
const CLIENT_IDS: Record<string, string> = { amazonq: 'amazon-q' };

/** Files that really are broken (per SOURCES.tsv's notes), so MG000 is right for them. */
const BROKEN: Record<string, string> = {
  '035-0xitsHimanshu__prompt-enhancer__.cursor__mcp.json': 'env values are JavaScript expressions',
  '082-65edh5ih__ai-ops__.gemini__settings.json': 'a git symlink blob: the text is a path, not JSON',
  '149-ABCPA__Antigravity__code_tracker__active__SGQ_1.65_d5ad6e0eb0dae28f888b626c904ac04ceba4e283__d369c72da08c1088f00c179089286901_mcp.json':
    'binary length-prefix bytes before the JSON',
};

function sources(): { file: string; client: string }[] {
  return readFileSync(`${CORPUS}SOURCES.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cols = line.split('\t');
      return { file: cols[0], client: CLIENT_IDS[cols[4]] ?? cols[4] };
    });
}

describe('real-config corpus', () => {
  it('every file parses to a model; MG000 only for the known-broken ones', async (t) => {
    if (!PRESENT) {
      t.skip(`corpus not found at ${CORPUS}: /work/shared not present`);
      return;
    }
    const rows = sources();
    assert.ok(rows.length >= 140, `expected the whole corpus, got ${rows.length} rows`);
    const unparseable: string[] = [];
    for (const { file, client } of rows) {
      assert.equal(clientById(client).id, client, `${file}: SOURCES client "${client}" has no id of ours`);
      const loaded = await loadConfigFile(`${CORPUS}${file}`, client);
      assert.ok(loaded.ok, `${file}: ${loaded.ok ? '' : loaded.message}`);
      assert.equal(loaded.config.client, client);
      assert.ok(Array.isArray(loaded.config.servers));
      if (loaded.config.document.errors.length > 0) unparseable.push(file);
    }
    assert.deepEqual(unparseable.sort(), Object.keys(BROKEN).sort());
  });

  it('scans through the CLI with no errors and exit 0 or 1', async (t) => {
    if (!PRESENT) {
      t.skip(`corpus not found at ${CORPUS}: /work/shared not present`);
      return;
    }
    // File names are flattened (`repo__.cursor__mcp.json`), so they are passed one by one rather than
    // found by folder discovery.
    const files = sources().map((s) => `${CORPUS}${s.file}`);
    const r = await runCli(['scan', '--format', 'json', ...files]);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.files.length, files.length);
    const mg000 = new Set(
      doc.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'MG000')
        .map((f: { file: string }) => f.file),
    );
    assert.deepEqual([...mg000].map((f) => String(f).split('/').pop()).sort(), Object.keys(BROKEN).sort());
  });
});
