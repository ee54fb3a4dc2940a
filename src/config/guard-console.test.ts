// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the config texts hold literal ${VAR} references.
// The `approvals` and `console` sections: defaults, and refusals that name the key and its line
// (a hash that is not scrypt, a json webhook without a secret, an enabled console without users).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeGuardConfig } from '../cli/guard-describe.ts';
import { hashPassword, parsePasswordHash, verifyPassword } from '../guard/web/passwords.ts';
import { GuardConfigError, parseGuardConfig } from './guard.ts';

const BASE = 'auth: {mode: none}\nservers: {w: {command: x}}\n';
const HASH = '$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$0123456789abcdef0123456789abcdef0123456789A';

function fails(text: string, line: number, key: string, what: RegExp, env: NodeJS.ProcessEnv = {}) {
  assert.throws(
    () => parseGuardConfig(BASE + text, '/cfg/g.yaml', env),
    (e: unknown) => {
      assert.ok(e instanceof GuardConfigError, String(e));
      assert.equal(e.line, line, e.message);
      assert.equal(e.key, key, e.message);
      assert.match(e.message, what);
      return true;
    },
  );
}

describe('approvals and console config', () => {
  test('defaults: error mode, 300 s, no webhooks, console off', () => {
    const c = parseGuardConfig(BASE, '/cfg/g.yaml');
    assert.deepEqual(c.approvals, { mode: 'error', waitSec: 300, notify: [] });
    assert.equal(c.console.enabled, false);
    assert.equal(c.console.sessionTtlSec, 28_800);
    assert.equal(c.console.loginAttemptsPerMinute, 5);
    assert.equal(c.console.oauthScope, 'console');
  });

  test('the full sections', () => {
    const secret = 's'.repeat(40);
    const c = parseGuardConfig(
      `${BASE}approvals:\n  mode: wait\n  wait_sec: 30\n  notify:\n    - {url: "https://hooks.slack.com/services/T/B/X", format: slack}\n    - {url: "https://ops.example/h", secret: "\${HOOK}", retries: 1, timeout_ms: 900}\nconsole:\n  enabled: true\n  users: [{name: alice, password_hash: "${HASH}"}]\n  session_secret: "${secret}"\n`,
      '/cfg/g.yaml',
      { HOOK: secret },
    );
    assert.equal(c.approvals.mode, 'wait');
    assert.equal(c.approvals.waitSec, 30);
    assert.deepEqual(
      c.approvals.notify.map((w) => [w.format, w.secret, w.retries, w.timeoutMs]),
      [
        ['slack', undefined, 3, 5000],
        ['json', secret, 1, 900],
      ],
    );
    assert.deepEqual(c.console.users, [{ name: 'alice', passwordHash: HASH }]);
    assert.equal(c.console.sessionSecret?.length, 40);
    // `guard check`: what happens to held calls and who is told, never a webhook's secret path.
    const text = describeGuardConfig(c);
    assert.match(text, /approvals: held calls wait up to 30s for a decision/);
    assert.match(text, /notify: slack https:\/\/hooks\.slack\.com\/\.\.\.\n/);
    assert.match(text, /notify: json https:\/\/ops\.example\/\.\.\. \(signed\)/);
    assert.match(text, /console: on \(serve-http, \/console\); users: alice/);
    assert.doesNotMatch(text, /T\/B\/X|sssss/);
  });

  test('refusals name the key and line', () => {
    fails('approvals:\n  mode: later\n', 4, 'approvals.mode', /"error", "wait"/);
    fails(
      'approvals:\n  notify:\n    - {url: "https://x.example/h"}\n',
      5,
      'approvals.notify[0].secret',
      /signed: give a secret/,
    );
    fails(
      'approvals:\n  notify:\n    - {url: "ftp://x", format: slack}\n',
      5,
      'approvals.notify[0].url',
      /http\(s\)/,
    );
    fails(
      'approvals:\n  notify:\n    - {url: "https://x", secret: short}\n',
      5,
      'approvals.notify[0].secret',
      /at least 32 bytes/,
    );
    fails('console:\n  enabled: true\n', 4, 'console.enabled', /needs its own users/);
    fails(
      'console:\n  users:\n    - {name: bob, password_hash: "hunter2"}\n',
      5,
      'console.users[0].password_hash',
      /not a scrypt hash/,
    );
    fails(
      `console:\n  users:\n    - {name: bob, password_hash: "${HASH.replace('ln=14', 'ln=4')}"}\n`,
      5,
      'console.users[0].password_hash',
      /ln=4 is outside/,
    );
    fails(
      `console:\n  users:\n    - {name: bob, password_hash: "${HASH}"}\n    - {name: bob, password_hash: "${HASH}"}\n`,
      6,
      'console.users[1].name',
      /appears twice/,
    );
    fails('console:\n  session_secret: tiny\n', 4, 'console.session_secret', /at least 32/);
    fails('console:\n  passwords: []\n', 4, 'console.passwords', /unknown key/);
  });
});

test('password hashes: scrypt PHC strings that verify the right password only', async () => {
  const hash = await hashPassword('correct horse', { ln: 14, r: 8, p: 1 });
  assert.match(hash, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  const parsed = parsePasswordHash(hash);
  assert.equal(await verifyPassword('correct horse', parsed), true);
  assert.equal(await verifyPassword('correct horse ', parsed), false);
  assert.notEqual(await hashPassword('correct horse', { ln: 14, r: 8, p: 1 }), hash, 'salted');
});
