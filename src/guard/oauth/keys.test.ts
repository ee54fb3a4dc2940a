// The signing keys' lifecycle in the store, on a clock the test sets: made once (two replicas starting
// together share the first set written), a rotation keeps the previous key published exactly until its
// tokens can have expired, and a later rotation drops it for good. And the verifier's side: a key made
// right after it loaded the keys is found (the request waits for the next load rather than failing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { MemoryStore } from '../store/memory.ts';
import { loadSecrets, publishedKeys, readSecrets, rotateKeys, selfIssuerChecks } from './keys.ts';

test('a rotated key stays published until its tokens expire, then a later rotation drops it', async () => {
  const store = new MemoryStore();
  const t0 = 1_000_000;
  const [a, b] = await Promise.all([loadSecrets(store, 'ES256', t0), loadSecrets(store, 'ES256', t0)]);
  assert.deepEqual(a, b, 'two replicas starting at once use one set of secrets');
  const first = String(a.keys[0].jwk.kid);

  const keepMs = 630_000; // a 600 s access token plus 30 s of clock tolerance
  const r1 = await rotateKeys(store, 'ES256', keepMs, t0 + 10);
  assert.notEqual(r1.current, first);
  assert.deepEqual(r1.retiring, [{ kid: first, retireAt: t0 + 10 + keepMs }]);
  const secrets = (await readSecrets(store, t0 + 10))!;
  assert.equal(secrets.keys[0].jwk.kid, r1.current, 'the new key signs');
  const kids = (now: number) => publishedKeys(secrets, now).map((k) => k.kid);
  assert.deepEqual(kids(t0 + 10 + keepMs - 1), [r1.current, first]);
  assert.deepEqual(kids(t0 + 10 + keepMs), [r1.current]);

  // A second rotation before the first key's time keeps its retirement date; after it, drops it.
  const r2 = await rotateKeys(store, 'ES256', keepMs, t0 + 20);
  assert.deepEqual(
    r2.retiring.map((k) => [k.kid, k.retireAt]),
    [
      [r1.current, t0 + 20 + keepMs],
      [first, t0 + 10 + keepMs],
    ],
  );
  const r3 = await rotateKeys(store, 'ES256', keepMs, t0 + 20 + keepMs + 1);
  assert.deepEqual(r3.dropped.sort(), [first, r1.current].sort());
  assert.deepEqual(
    r3.retiring.map((k) => k.kid),
    [r2.current],
  );
});

test('a token of a key made just after the verifier loaded the keys verifies; an unknown key does not', async () => {
  const store = new MemoryStore();
  const sign = async (kid: string, key: Parameters<SignJWT['sign']>[0]) =>
    new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime('5m').sign(key);
  const current = async () => {
    const jwk = (await readSecrets(store))!.keys[0].jwk;
    return sign(String(jwk.kid), await importJWK(jwk, 'ES256'));
  };
  await loadSecrets(store, 'ES256');
  const checks = selfIssuerChecks(store);
  await jwtVerify(await current(), checks.getKey);
  // Rotated (by another replica or the CLI) within the reload cooldown of that first load.
  await rotateKeys(store, 'ES256', 60_000);
  const fresh = await current();
  await Promise.all([jwtVerify(fresh, checks.getKey), jwtVerify(fresh, checks.getKey)]);
  const { privateKey } = await generateKeyPair('ES256');
  await assert.rejects(jwtVerify(await sign('not-a-key-of-the-guard', privateKey), checks.getKey), {
    code: 'ERR_JWKS_NO_MATCHING_KEY',
  });
});
