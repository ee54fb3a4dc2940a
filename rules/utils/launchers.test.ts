// Unit tests of the launcher parser, the shell recogniser and the package-spec grammars behind
// MG401-MG404: option values must never be read as packages, wrappers must be looked through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Word } from '../../src/config/launch.ts';
import { launchesIn, mounts, parseMountFlag, parseVolume } from './launchers.ts';
import { parseImageRef, parseNpmSpec, parsePythonSpec } from './package-specs.ts';
import { decodeUtf16, shellInvocation } from './shells.ts';

function words(...texts: string[]): Word[] {
  return texts.map((text, i) => ({
    text,
    source: { value: text, path: ['args', i], line: 1, column: 1, refs: [] },
  }));
}

function one(...texts: string[]) {
  const found = launchesIn(words(...texts));
  assert.equal(found.length, 1, `one launch in ${texts.join(' ')}`);
  return found[0];
}

describe('launchesIn', () => {
  it('reads npx flags before the package and leaves the rest to the server', () => {
    const l = one('npx', '-y', '@scope/pkg@1.2.3', '--port', '3');
    assert.equal(l.launcher, 'npx');
    assert.equal(l.packages[0].ref.name, '@scope/pkg');
    assert.equal(l.packages[0].ref.pin, 'exact');
    assert.deepEqual(
      l.args.map((w) => w.text),
      ['--port', '3'],
    );
  });

  it('takes npx -p / --package= packages and the program named after them', () => {
    const l = one('npx', '--yes', '--package=@a/b@^2', '-p', 'c', 'bin', 'x');
    assert.deepEqual(
      l.packages.map((p) => [p.ref.name, p.ref.pin]),
      [
        ['@a/b', 'range'],
        ['c', 'none'],
      ],
    );
    assert.equal(l.command?.text, 'bin');
    assert.equal(l.packages[1].word.source.path[1], 4, 'the -p value word is reported, not the flag');
  });

  it('knows npm exec, pnpm dlx, yarn dlx, bunx and bun x', () => {
    assert.equal(one('npm', 'exec', '--yes', '--', 'pkg').packages[0].ref.name, 'pkg');
    assert.equal(one('pnpm', '--silent', 'dlx', 'p@1.0.0').launcher, 'pnpm dlx');
    assert.equal(one('pnpx', 'p').launcher, 'pnpm dlx');
    assert.equal(one('yarn', 'dlx', '-q', 'y@next').packages[0].ref.pin, 'tag');
    assert.equal(one('bun', 'x', '--bun', 'b').launcher, 'bunx');
    assert.deepEqual(launchesIn(words('npm', 'start')), []);
  });

  it('reads uvx --from, --with and value options, and uv tool run', () => {
    const l = one('uvx', '--python', '3.12', '--from', 'srv==1.0.0', '--with', 'extra', 'srv-cmd', '-v');
    assert.deepEqual(
      l.packages.map((p) => [p.ref.name, p.ref.pin]),
      [
        ['srv', 'exact'],
        ['extra', 'none'],
      ],
    );
    assert.equal(l.command?.text, 'srv-cmd');
    assert.equal(one('uv', '-q', 'tool', 'run', 'x@latest').packages[0].ref.pin, 'latest');
    assert.deepEqual(launchesIn(words('uv', '--directory', '/srv', 'run', 'local')), []);
    assert.equal(one('pipx', 'run', '--spec', 'p==2.0.0', 'p').packages[0].ref.pin, 'exact');
  });

  it('finds the docker image after options that consume the next word', () => {
    const l = one('docker', 'run', '--rm', '-i', '-e', 'K=V', '-v', 'a:/b', '--name', 'n', 'img:1', '--rm');
    assert.equal(l.packages[0].ref.name, 'img');
    assert.deepEqual(
      l.args.map((w) => w.text),
      ['--rm'],
    );
    assert.equal(
      one('docker', '-H', 'tcp://x', 'container', 'run', '-it', 'alpine').packages[0].ref.name,
      'alpine',
    );
    assert.equal(
      one('podman', 'run', '-eK=V', '-p8080:80', 'quay.io/x/y').packages[0].ref.name,
      'quay.io/x/y',
    );
    assert.deepEqual(launchesIn(words('docker', 'mcp', 'gateway', 'run')), []);
  });

  it('looks through cmd /c, bash -c strings, env prefixes and Windows program paths', () => {
    assert.equal(one('cmd', '/c', 'npx', '-y', 'pkg').packages[0].ref.name, 'pkg');
    assert.equal(one('C:\\Program Files\\nodejs\\npx.cmd', '-y', 'pkg').launcher, 'npx');
    const l = one('bash', '-c', 'cd /x && exec npx -y tavily-mcp@0.1.3');
    assert.equal(l.packages[0].ref.version, '0.1.3');
    assert.equal(l.via[0].shell, 'bash');
    assert.equal(one('env', 'A=1', 'uvx', 'srv').launcher, 'uvx');
  });

  it('lists bind mounts and named volumes', () => {
    const l = one(
      'docker',
      'run',
      '-v',
      'data:/d',
      '-v',
      'C:\\x:/y:ro',
      '--mount',
      'type=bind,src=/,dst=/h',
      'i',
    );
    assert.deepEqual(
      mounts(l).map((m) => [m.source, m.bind]),
      [
        ['data', false],
        ['C:\\x', true],
        ['/', true],
      ],
    );
    assert.deepEqual(parseVolume('/var/run/docker.sock:/var/run/docker.sock'), {
      source: '/var/run/docker.sock',
      target: '/var/run/docker.sock',
    });
    assert.equal(parseMountFlag('target=/x,source=/y').type, 'volume');
  });
});

describe('package specs', () => {
  it('npm: exact, ranges, dist-tags, latest, git and local specs', () => {
    const pin = (s: string) => parseNpmSpec(s).pin;
    assert.equal(pin('pkg@1.2.3'), 'exact');
    assert.equal(pin('@s/p@1.2.3-beta.1'), 'exact');
    assert.equal(pin('@s/p'), 'none');
    for (const r of ['^1', '~1.2', '1.x', '1', '>=1 <2']) assert.equal(pin(`p@${r}`), 'range', r);
    assert.equal(pin('p@next'), 'tag');
    assert.equal(pin('p@latest'), 'latest');
    assert.equal(pin('github:o/r#3f1c2a9'), 'exact');
    assert.equal(pin('o/r'), 'none');
    assert.equal(pin('./srv'), 'local');
    assert.equal(pin('p@$' + '{V}'), 'dynamic', 'a version from a variable');
  });

  it('python: ==, ===, uv @version, ranges and git refs', () => {
    const pin = (s: string) => parsePythonSpec(s).pin;
    assert.equal(pin('srv==1.2.3'), 'exact');
    assert.equal(pin('srv[cli]===2.0'), 'exact');
    assert.equal(pin('srv@0.6.2'), 'exact');
    assert.equal(pin('srv@latest'), 'latest');
    assert.equal(pin('srv==1.*'), 'range');
    assert.equal(pin('srv>=1,<2'), 'range');
    assert.equal(pin('srv'), 'none');
    assert.equal(pin('git+https://github.com/o/r'), 'none');
    assert.equal(pin('git+https://github.com/o/r@3f1c2a9b7d5e'), 'exact');
  });

  it('images: digest, tag, latest, none, and a registry port', () => {
    assert.equal(parseImageRef(`i@sha256:${'a'.repeat(64)}`).pin, 'digest');
    assert.equal(parseImageRef('ghcr.io/o/i:1.4').pin, 'tag');
    assert.equal(parseImageRef('i:latest').pin, 'latest');
    const r = parseImageRef('localhost:5000/o/i');
    assert.deepEqual([r.name, r.pin], ['localhost:5000/o/i', 'none']);
  });
});

describe('shellInvocation', () => {
  it('recognises -c clusters, cmd /c and PowerShell spellings', () => {
    assert.equal(shellInvocation(words('bash', '-lc', 'x y'))?.script, 'x y');
    assert.equal(shellInvocation(words('bash', '-o', 'pipefail', 'run.sh')), undefined);
    assert.equal(shellInvocation(words('bash', 'run.sh', '-c')), undefined);
    assert.equal(shellInvocation(words('cmd.exe', '/d', '/C', 'npx', '-y', 'p'))?.script, 'npx -y p');
    assert.equal(
      shellInvocation(words('pwsh', '-ExecutionPolicy', 'Bypass', '-Command', 'Get-Date'))?.script,
      'Get-Date',
    );
    assert.equal(shellInvocation(words('pwsh', '-File', 'a.ps1')), undefined);
    const enc = Buffer.from('node s.js', 'utf16le').toString('base64');
    const sh = shellInvocation(words('powershell', '-enc', enc));
    assert.deepEqual([sh?.encoded, sh?.script], [true, 'node s.js']);
    assert.equal(decodeUtf16('not base64!'), 'not base64!');
  });
});
