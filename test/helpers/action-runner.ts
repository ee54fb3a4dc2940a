// Runs the GitHub Action's entry the way a runner does: a child process with the event payload in
// GITHUB_EVENT_PATH, the inputs as INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
// the API pointed at a stand-in (fake-github.ts). Returns what the entry wrote: exit code, log,
// outputs, job summary, annotation commands and the SARIF file.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub } from './fake-github.ts';

/** The Action's source entry (what the bundle is built from). */
export const ACTION_SOURCE = fileURLToPath(new URL('../../src/action/index.ts', import.meta.url));
/** The bundled Action, as action.yml runs it. */
export const ACTION_DIST = fileURLToPath(new URL('../../dist/action.js', import.meta.url));

/** One `::level props::message` workflow command. */
export interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

/** A SARIF log, as far as the tests read it. */
export interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      baselineState?: string;
      partialFingerprints?: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

/** What one run of the entry produced. */
export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  sarif: SarifLog | undefined;
}

/** How to run it. */
export interface RunOptions {
  /** The entry: `ACTION_SOURCE` (default) or `ACTION_DIST`. */
  entry?: string;
  inputs?: Record<string, string>;
  /** `pull_request` (default), `push` or `schedule`. */
  event?: string;
  /** The pull request's base and head commits (fake ones by default). */
  base?: string;
  head?: string;
  /** For `push`: the commit before the push. */
  before?: string;
}

const temps: string[] = [];

/** Removes every folder the runs made; call from `after()`. */
export async function cleanRunners(): Promise<void> {
  await Promise.all(temps.splice(0).map((t) => rm(t, { recursive: true, force: true })));
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks, as the runner does. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/** Parses `::level k=v,k=v::message` workflow commands (annotations) from stdout. */
function parseAnnotations(stdout: string): Annotation[] {
  const list: Annotation[] = [];
  const decode = (s: string) => decodeURIComponent(s.replace(/%(?![0-9A-F]{2})/g, '%25'));
  for (const m of stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)) {
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = pair.indexOf('=');
      props[pair.slice(0, i)] = decode(pair.slice(i + 1));
    }
    list.push({ level: m[1], props, message: decode(m[3]) });
  }
  return list;
}

/** Runs the Action's entry in workspace `ws` like a runner would. */
export async function runAction(ws: string, gh: FakeGitHub, opts: RunOptions = {}): Promise<ActionRun> {
  const eventName = opts.event ?? 'pull_request';
  const runner = await mkdtemp(join(tmpdir(), 'mcp-guard-runner-'));
  temps.push(runner);
  const event = join(runner, 'event.json');
  const repository = { name: 'r', full_name: 'o/r', owner: { login: 'o', type: 'Organization' } };
  const payload =
    eventName === 'pull_request'
      ? {
          action: 'synchronize',
          number: gh.pr,
          pull_request: {
            number: gh.pr,
            state: 'open',
            title: 'Add an MCP server',
            user: { login: 'contributor', type: 'User' },
            head: {
              ref: 'feature',
              sha: opts.head ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
              repo: { full_name: 'o/r' },
            },
            base: {
              ref: 'main',
              sha: opts.base ?? '0000000000000000000000000000000000000001',
              repo: { full_name: 'o/r' },
            },
            html_url: `https://github.com/o/r/pull/${gh.pr}`,
          },
          repository,
          sender: { login: 'contributor', type: 'User' },
        }
      : { ref: 'refs/heads/main', before: opts.before, after: opts.head, repository };
  await writeFile(event, JSON.stringify(payload));
  const outputFile = join(runner, 'output');
  const summaryFile = join(runner, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const defaults: Record<string, string> = {
    path: '.',
    'fail-on': 'high',
    'fail-scope': '',
    'min-severity': '',
    config: '',
    baseline: '',
    'sarif-file': 'mcp-guard.sarif',
    comment: 'true',
    annotations: 'true',
    'changed-files-only': 'true',
    token: 'ghs_faketoken',
  };
  const env: NodeJS.ProcessEnv = {};
  // Only what a runner sets: nothing inherited from a real runner, git or proxy settings may leak in.
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|GIT_)|proxy$/i.test(k)) env[k] = v;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: runner,
    NO_COLOR: '1',
  });
  for (const [name, value] of Object.entries({ ...defaults, ...opts.inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(process.execPath, [opts.entry ?? ACTION_SOURCE], {
    cwd: ws,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  const outputs = parseOutputs(await readFile(outputFile, 'utf8'));
  const sarifText = outputs['sarif-file']
    ? await readFile(outputs['sarif-file'], 'utf8').catch(() => undefined)
    : undefined;
  return {
    code,
    stdout,
    stderr,
    outputs,
    summary: await readFile(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
    sarif: sarifText ? JSON.parse(sarifText) : undefined,
  };
}

/** The files of the SARIF results, sorted. */
export function sarifFiles(run: ActionRun): string[] {
  return (run.sarif?.runs[0].results ?? [])
    .map((r) => r.locations[0].physicalLocation.artifactLocation.uri)
    .sort();
}

/** The annotations of findings (titled with a rule code), in the order emitted. */
export function findingAnnotations(run: ActionRun): Annotation[] {
  return run.annotations.filter((a) => a.props.title?.startsWith('MG'));
}
