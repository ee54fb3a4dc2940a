// Fuzzing the guard config loader and the scanner's parsers in process: any text, in any format,
// loads or is refused with a GuardConfigError naming file:line:column (never another error); any client
// file is scanned without an exception, a parse failure being an MG000 finding at a real line.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { RULES } from '../../rules/index.ts';
import { GuardConfigError, parseGuardConfig } from '../../src/config/guard.ts';
import { scan } from '../../src/scan/scan.ts';
import { fuzzParameters, SEED } from './settings.ts';
import { jsonValue, oddKey, oddString, punctuation, toJson, toYaml } from './values.ts';

/** Values near what the loader expects, so that runs get past the schema into normalisation. */
const nearValue = fc.oneof(
  jsonValue,
  fc.constantFrom(
    'none',
    'api_key',
    'jwt',
    'oauth',
    'sqlite',
    'prefix',
    'block',
    '8080',
    '${PORT:-1}',
    'cat',
    'http://x',
    'https://a.example/mcp',
  ),
  fc.integer({ min: -2, max: 70_000 }),
);
const section = (keys: string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), oddKey), nearValue, { maxKeys: 5 });
const guardObject = fc.record(
  {
    auth: fc.oneof(section(['mode', 'keys', 'jwt_secret', 'jwt', 'oauth']), fc.constant({ mode: 'none' })),
    servers: fc.dictionary(oddString, section(['command', 'args', 'env', 'cwd', 'url', 'headers']), {
      maxKeys: 3,
    }),
    policies: section([
      'max_spend_per_session',
      'require_approval_above',
      'tool_denylist',
      'spend',
      'agents',
      'pinning',
    ]),
    http: section([
      'host',
      'port',
      'max_sessions',
      'request_timeout_ms',
      'headers_timeout_ms',
      'allowed_origins',
      'public_url',
      'metrics',
    ]),
    limits: section(['max_message_bytes', 'request_timeout_ms', 'max_depth']),
    audit: section(['path', 'record_arguments', 'redact']),
    replica: nearValue,
    rate_limit: section(['requests_per_minute', 'spend_per_hour_usd']),
    agents: fc.dictionary(oddString, section(['servers', 'tool_allowlist', 'approvals']), { maxKeys: 2 }),
    routes: fc.array(section(['mode', 'tool_name', 'method_prefix', 'target']), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const configText = fc.oneof(
  guardObject.map((o) => ({ text: toYaml(o), file: 'g.yaml' })),
  guardObject.map((o) => ({ text: toJson(o), file: 'g.json' })),
  punctuation.map((text) => ({ text, file: 'g.yaml' })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, file: 'g.json' })),
);

test('fuzz: guard configs load or are refused with file:line:column', (t) => {
  t.diagnostic(`seed ${SEED}`);
  fc.assert(
    fc.property(configText, ({ text, file }) => {
      try {
        parseGuardConfig(text, `/fuzz/${file}`, { PORT: '8080' });
      } catch (error) {
        if (!(error instanceof GuardConfigError)) throw error;
        assert.match(error.message, /^\/fuzz\/g\.(yaml|json):\d+:\d+: /);
      }
    }),
    fuzzParameters(300),
  );
});

/** A client file: a structured `mcpServers` (or odd) document in one of the formats, or soup. */
const serverEntry = fc.dictionary(
  fc.oneof(
    fc.constantFrom('command', 'args', 'env', 'url', 'headers', 'type', 'disabled', 'autoApprove'),
    oddKey,
  ),
  nearValue,
  { maxKeys: 5 },
);
const clientDoc = fc.record({
  mcpServers: fc.oneof(fc.dictionary(oddString, serverEntry, { maxKeys: 3 }), jsonValue),
});
const tomlText = fc
  .array(
    fc.tuple(
      fc.constantFrom('mcp_servers.a', 'mcp_servers."b c"', 'x'),
      fc.constantFrom('command', 'args', 'env', 'url'),
      jsonValue,
    ),
    { maxLength: 4 },
  )
  .map((rows) => rows.map(([table, key, value]) => `[${table}]\n${key} = ${toJson(value)}\n`).join(''));
const clientFile = fc.oneof(
  clientDoc.map((d) => ({ file: '.cursor/mcp.json', text: toJson(d) })),
  clientDoc.map((d) => ({ file: '.vscode/mcp.json', text: `// c\n${toJson(d)}` })),
  clientDoc.map((d) => ({ file: '.continue/config.yaml', text: toYaml(d) })),
  tomlText.map((text) => ({ file: '.codex/config.toml', text })),
  fc
    .tuple(
      fc.constantFrom('.cursor/mcp.json', '.continue/config.yaml', '.codex/config.toml', 'mcp-guard.yaml'),
      punctuation,
    )
    .map(([file, text]) => ({ file, text })),
);

test('fuzz: client files in every format are scanned without an exception', async (t) => {
  t.diagnostic(`seed ${SEED}`);
  const root = await mkdtemp(join(tmpdir(), 'mcp-guard-fuzz-scan-'));
  try {
    await fc.assert(
      fc.asyncProperty(clientFile, async ({ file, text }) => {
        const dir = await mkdtemp(join(root, 'r-'));
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), text);
        const result = await scan({ rules: RULES, paths: [dir], cwd: dir });
        for (const f of result.findings) assert.ok(f.line >= 1 && f.column >= 1, JSON.stringify(f));
        await rm(dir, { recursive: true, force: true });
      }),
      fuzzParameters(150),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
