// The Docker image, built and run the way this machine can (Debian's podman, no daemon, no registry):
// a stand-in for the Node base image is made from Debian (`debootstrap --variant=minbase` plus the Node
// binary of the project's own `node` dev dependency) and cached outside the repository; the real
// Dockerfile is built on it from the packed package (`npm pack`) with `podman build --isolation chroot`;
// then, as the image's non-root user, `chroot` into `podman image mount` runs `mcp-guard --version`,
// `guard check` on the example config and `guard serve-http` exactly as the image's CMD says (0.0.0.0,
// auth configured), answering /health, /ready and an authenticated tools/call through a real Redis and
// the reference MCP server. Runs as root with podman, buildah and debootstrap present (.ci/run installs
// them); elsewhere it says it was skipped.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type RedisProcess, startRedis } from './helpers/redis.ts';
import { ROOT } from './servers/harness.ts';
import { everythingHttp, freePort } from './servers/remote-http.ts';

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (podman build and chroot); CI runs as root';
  for (const tool of ['podman', 'debootstrap', 'chroot', 'redis-server'])
    if (!has('sh', '-c', `command -v ${tool}`)) return `${tool} is not installed (.ci/run installs it)`;
  return undefined;
}
const skip = skipReason();
/** chroot by its absolute path: the commands run in the image get the image's PATH, not ours. */
const CHROOT = skip
  ? 'chroot'
  : spawnSync('sh', ['-c', 'command -v chroot'], { encoding: 'utf8' }).stdout.trim();

/** Runs a command, failing the test with its output when it fails. */
function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** This machine's Debian suite and mirror (the stand-in base matches the host). */
function debian(): { suite: string; mirror: string } {
  const release = readFileSync('/etc/os-release', 'utf8');
  const suite = /^VERSION_CODENAME=(\S+)/m.exec(release)?.[1] ?? 'bookworm';
  let mirror = 'http://deb.debian.org/debian';
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const m =
      /^URIs:\s*(\S+\/debian)\s*$/m.exec(readFileSync(file, 'utf8')) ??
      /^deb\s+(\S+\/debian)\s/m.exec(readFileSync(file, 'utf8'));
    if (m) {
      mirror = m[1];
      break;
    }
  }
  return { suite, mirror };
}

/**
 * The stand-in base image, `localhost/mcp-guard-test-base:<suite>-node<version>`: made once per Debian
 * suite and Node version, its root file system kept as a tarball in the user's cache folder
 * (`$XDG_CACHE_HOME/mcp-guard-test/`, default `~/.cache`) so a wiped podman store re-imports it in
 * seconds instead of running debootstrap again.
 */
function baseImage(): string {
  const node = realpathSync(join(ROOT, 'node_modules', '.bin', 'node'));
  const version = run(node, ['--version']).trim().replace(/^v/, '');
  const { suite, mirror } = debian();
  const tag = `localhost/mcp-guard-test-base:${suite}-node${version}`;
  if (has('podman', 'image', 'exists', tag)) return tag;
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mcp-guard-test');
  const tarball = join(cache, `base-${suite}-node${version}.tar`);
  if (!existsSync(tarball)) {
    mkdirSync(cache, { recursive: true });
    const rootfs = mkdtempSync(join(cache, 'rootfs-'));
    try {
      run('debootstrap', ['--variant=minbase', suite, rootfs, mirror]);
      run('install', ['-m', '0755', node, join(rootfs, 'usr', 'local', 'bin', 'node')]);
      run('tar', ['-C', rootfs, '-cf', `${tarball}.part`, '.']);
      run('mv', [`${tarball}.part`, tarball]);
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  }
  run('podman', [
    'import',
    '--change',
    'ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    tarball,
    tag,
  ]);
  return tag;
}

describe('the Docker image (podman, chroot)', { skip, timeout: 15 * 60_000 }, () => {
  const image = `localhost/mcp-guard-test:${process.pid}`;
  let root = '';
  let work = '';
  const mounted: string[] = [];
  let redis: RedisProcess;
  let backend: ChildProcess;
  let backendPort = 0;
  const timings: string[] = [];
  const env = () => ({
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOSTNAME: 'replica-test',
    GUARD_API_KEY_ALICE: 'alice-key-0123456789abcdef0123',
    BACKEND_URL: `http://127.0.0.1:${backendPort}/mcp`,
    REDIS_URL: redis.url,
    REDIS_PASSWORD: 'redis-pass-0123456789',
  });
  /** `mcp-guard ARGS` inside the image, as its user. */
  const inImage = (args: string[]) =>
    spawnSync(CHROOT, ['--userspec=10001:10001', root, '/usr/local/bin/mcp-guard', ...args], {
      encoding: 'utf8',
      env: env(),
    });

  before(async () => {
    let t = Date.now();
    const base = baseImage();
    timings.push(`base image ${Math.round((Date.now() - t) / 1000)} s`);
    t = Date.now();
    const context = mkdtempSync(join(tmpdir(), 'mcp-guard-image-'));
    run('npm', ['pack', '--silent', '--pack-destination', context], { cwd: ROOT });
    mkdirSync(join(context, 'deploy'));
    writeFileSync(
      join(context, 'deploy', 'mcp-guard.yaml'),
      readFileSync(join(ROOT, 'deploy', 'mcp-guard.yaml')),
    );
    run('podman', [
      'build',
      '--isolation',
      'chroot',
      '--format',
      'docker',
      '--pull=never',
      // Every stage's image carries the label, so the test removes exactly what it built.
      '--label',
      `mcp-guard-test=${process.pid}`,
      '--build-arg',
      `BASE_IMAGE=${base}`,
      '-f',
      join(ROOT, 'Dockerfile'),
      '-t',
      image,
      context,
    ]);
    rmSync(context, { recursive: true, force: true });
    timings.push(`podman build ${Math.round((Date.now() - t) / 1000)} s`);
    root = run('podman', ['image', 'mount', image]).trim();
    work = mkdtempSync(join(tmpdir(), 'mcp-guard-image-run-'));
    // What a container runtime would provide: /proc, /dev, and a writable state folder.
    for (const [what, where, args] of [
      ['proc', 'proc', ['-t', 'proc', 'proc']],
      ['/dev', 'dev', ['--bind', '/dev']],
      [work, 'var/lib/mcp-guard', ['--bind', work]],
    ] as const) {
      run('mount', [...args, join(root, where)]);
      mounted.unshift(join(root, where));
      void what;
    }
    run('chown', ['10001:10001', work]);
    redis = await startRedis(['--requirepass', 'redis-pass-0123456789']);
    backendPort = await freePort();
    backend = await everythingHttp(backendPort);
  });

  after(async () => {
    backend?.kill();
    await redis?.destroy();
    for (const m of mounted) spawnSync('umount', ['-l', m]);
    if (root) spawnSync('podman', ['image', 'unmount', image]);
    const built = spawnSync('podman', ['images', '-q', '--filter', `label=mcp-guard-test=${process.pid}`], {
      encoding: 'utf8',
    });
    const ids = [...new Set(built.stdout.split('\n').filter(Boolean))];
    if (ids.length > 0) spawnSync('podman', ['rmi', '-f', ...ids], { stdio: 'ignore' });
    if (work) rmSync(work, { recursive: true, force: true });
    process.stderr.write(`docker image test: ${timings.join(', ')}\n`);
  });

  test('the image: non-root user, entrypoint, command, health check, only Node and the package', () => {
    const [info] = JSON.parse(run('podman', ['image', 'inspect', image])) as {
      Config: {
        User: string;
        Entrypoint: string[];
        Cmd: string[];
        WorkingDir: string;
      };
      Healthcheck?: { Test: string[] };
    }[];
    assert.equal(info.Config.User, '10001:10001');
    assert.deepEqual(info.Config.Entrypoint, ['mcp-guard']);
    assert.deepEqual(info.Config.Cmd, [
      'guard',
      'serve-http',
      '--config',
      '/etc/mcp-guard/config.yaml',
      '--host',
      '0.0.0.0',
    ]);
    assert.match(info.Healthcheck?.Test.join(' ') ?? '', /127\.0\.0\.1:8080\/health/);
    assert.equal(info.Config.WorkingDir, '/var/lib/mcp-guard');
    // the package as `npm pack` made it, nothing else of the checkout
    assert.ok(existsSync(join(root, 'opt/mcp-guard/dist/cli.js')));
    assert.equal(existsSync(join(root, 'opt/mcp-guard/src')), false);
    assert.equal(existsSync(join(root, 'opt/mcp-guard/node_modules')), false);
  });

  test('mcp-guard --version and guard check on the example config, as the image user', () => {
    const version = inImage(['--version']);
    assert.equal(version.status, 0, version.stderr);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
    const check = inImage(['guard', 'check', '--config', '/etc/mcp-guard/config.yaml']);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /store: redis redis:\/\/127\.0\.0\.1:\d+/);
    assert.doesNotMatch(check.stdout, /redis-pass|alice-key/);
  });

  test('guard serve-http as the CMD runs it: /health, /ready and an authenticated tools/call', async () => {
    const port = await freePort();
    const child = spawn(
      CHROOT,
      [
        '--userspec=10001:10001',
        root,
        '/usr/local/bin/mcp-guard',
        'guard',
        'serve-http',
        '--config',
        '/etc/mcp-guard/config.yaml',
        '--host',
        '0.0.0.0',
        '--port',
        String(port),
      ],
      { env: env() },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('listening on')) resolve();
        });
        void exited.then((code) => reject(new Error(`serve-http exited ${code}:\n${stderr}`)));
        setTimeout(() => reject(new Error(`serve-http did not start:\n${stderr}`)), 20_000).unref();
      });
      assert.match(stderr, new RegExp(`listening on http://0\\.0\\.0\\.0:${port}/mcp \\(auth: api_key`));
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/health`)).status, 200);
      const ready = await fetch(`${base}/ready`);
      assert.equal(ready.status, 200, await ready.text());
      const call = (key: string) =>
        fetch(`${base}/rpc`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: 'echo', arguments: { message: 'from the image' } },
          }),
        });
      assert.equal((await call('wrong-key')).status, 401);
      const res = await call(env().GUARD_API_KEY_ALICE);
      const body = (await res.json()) as { result?: { content: { text: string }[] } };
      assert.match(body.result?.content[0].text ?? JSON.stringify(body), /from the image/);
      // the replica's own audit log, in its state folder
      assert.match(readFileSync(join(work, 'audit-replica-test.jsonl'), 'utf8'), /"tools\/call"/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
