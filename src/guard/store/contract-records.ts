// The Store contract, continued (see contract.ts): records, the generic kind/id/value entries the OAuth
// issuer keeps its grants, codes, sessions and keys in: write and read back, replace, write-if-absent,
// expiry, lookups, consumption, deleting one or a group, sharing between handles, and eviction.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContractHarness } from './contract.ts';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

/** Registers the record tests (inside the subject's describe). */
export function recordsContract({ subject, fresh, other, closeAll }: ContractHarness): void {
  describe('records', () => {
    test('written, read back, replaced; another kind never meets it', async () => {
      const store = await fresh();
      assert.equal(await store.getRecord('Grant', 'g1', T0), undefined);
      assert.equal(await store.putRecord('Grant', 'g1', { value: '{"a":1}' }, T0), true);
      assert.deepEqual(await store.getRecord('Grant', 'g1', T0), { id: 'g1', value: '{"a":1}' });
      assert.equal(await store.getRecord('Session', 'g1', T0), undefined);
      await store.putRecord('Grant', 'g1', { value: '{"a":2}', expiresAt: T0 + MINUTE }, T0);
      assert.deepEqual(await store.getRecord('Grant', 'g1', T0 + 1), { id: 'g1', value: '{"a":2}' });
      await closeAll();
    });

    test('expired records read as absent, by id and by lookup', async () => {
      const store = await fresh();
      await store.putRecord('Session', 's1', { value: 'v', expiresAt: T0 + MINUTE, lookup: 'uid-1' }, T0);
      assert.equal((await store.findRecord('Session', 'uid-1', T0 + MINUTE - 1))?.id, 's1');
      assert.equal(await store.getRecord('Session', 's1', T0 + MINUTE), undefined);
      assert.equal(await store.findRecord('Session', 'uid-1', T0 + MINUTE), undefined);
      await closeAll();
    });

    test('ifAbsent writes once; over an expired record it writes again', async () => {
      const store = await fresh();
      const first = { value: 'first', expiresAt: T0 + MINUTE };
      assert.equal(await store.putRecord('Keys', 'k', first, T0, true), true);
      assert.equal(await store.putRecord('Keys', 'k', { value: 'second' }, T0 + 1, true), false);
      assert.equal((await store.getRecord('Keys', 'k', T0 + 2))?.value, 'first');
      assert.equal(await store.putRecord('Keys', 'k', { value: 'third' }, T0 + MINUTE, true), true);
      assert.equal((await store.getRecord('Keys', 'k', T0 + MINUTE))?.value, 'third');
      // Two handles (two replicas) racing to create it: exactly one writes.
      const b = await other(store);
      const both = await Promise.all([
        store.putRecord('Keys', 'race', { value: 'a' }, T0, true),
        b.putRecord('Keys', 'race', { value: 'b' }, T0, true),
      ]);
      assert.deepEqual(both.filter(Boolean), [true]);
      await closeAll();
    });

    test('consumed once marked; the mark stays until the record is written again', async () => {
      const store = await fresh();
      await store.putRecord('RefreshToken', 'r1', { value: 'v', expiresAt: T0 + MINUTE }, T0);
      await store.consumeRecord('RefreshToken', 'r1', T0 + 5);
      assert.deepEqual(await store.getRecord('RefreshToken', 'r1', T0 + 6), {
        id: 'r1',
        value: 'v',
        consumedAt: T0 + 5,
      });
      await store.consumeRecord('RefreshToken', 'missing', T0 + 5);
      assert.equal(await store.getRecord('RefreshToken', 'missing', T0 + 6), undefined);
      await store.putRecord('RefreshToken', 'r1', { value: 'w', expiresAt: T0 + MINUTE }, T0 + 7);
      assert.deepEqual(await store.getRecord('RefreshToken', 'r1', T0 + 8), { id: 'r1', value: 'w' });
      await closeAll();
    });

    test('lookups find the record; deleting it removes both', async () => {
      const store = await fresh();
      await store.putRecord('DeviceCode', 'd1', { value: 'v1', lookup: 'ABCD-EFGH', group: 'g' }, T0);
      await store.putRecord('DeviceCode', 'd2', { value: 'v2', lookup: 'WXYZ-QRST' }, T0);
      assert.equal((await store.findRecord('DeviceCode', 'ABCD-EFGH', T0))?.value, 'v1');
      assert.equal(await store.findRecord('Session', 'ABCD-EFGH', T0), undefined);
      await store.deleteRecord('DeviceCode', 'd1');
      await store.deleteRecord('DeviceCode', 'never-written');
      assert.equal(await store.getRecord('DeviceCode', 'd1', T0), undefined);
      assert.equal(await store.findRecord('DeviceCode', 'ABCD-EFGH', T0), undefined);
      assert.equal((await store.findRecord('DeviceCode', 'WXYZ-QRST', T0))?.id, 'd2');
      await closeAll();
    });

    test('a group is deleted at once, only in its kind; other groups stay', async () => {
      const store = await fresh();
      const w = (group: string, lookup?: string) => ({ value: group, group, lookup, expiresAt: T0 + MINUTE });
      await store.putRecord('RefreshToken', 'r1', w('grant-1'), T0);
      await store.putRecord('RefreshToken', 'r2', w('grant-1', 'l2'), T0);
      await store.putRecord('RefreshToken', 'r3', w('grant-2'), T0);
      await store.putRecord('AuthorizationCode', 'c1', w('grant-1'), T0);
      const b = await other(store);
      await b.deleteRecordGroup('RefreshToken', 'grant-1');
      assert.equal(await store.getRecord('RefreshToken', 'r1', T0), undefined);
      assert.equal(await store.getRecord('RefreshToken', 'r2', T0), undefined);
      assert.equal(await store.findRecord('RefreshToken', 'l2', T0), undefined);
      assert.equal((await store.getRecord('RefreshToken', 'r3', T0))?.value, 'grant-2');
      assert.equal((await store.getRecord('AuthorizationCode', 'c1', T0))?.value, 'grant-1');
      await b.deleteRecordGroup('RefreshToken', 'no-such-group');
      await closeAll();
    });

    test('expired records leave with eviction; records without expiry stay', async () => {
      const store = await fresh();
      for (let i = 0; i < 20; i++)
        await store.putRecord(
          'Interaction',
          `i${i}`,
          { value: 'x', expiresAt: T0 + MINUTE, lookup: `u${i}`, group: 'g' },
          T0,
        );
      await store.evictIdle(T0 + 2 * MINUTE);
      assert.equal(await subject.footprint(store), 0);
      await store.putRecord('Keys', 'signing', { value: 'kept' }, T0);
      await store.evictIdle(T0 + 100 * MINUTE);
      assert.equal((await store.getRecord('Keys', 'signing', T0 + 100 * MINUTE))?.value, 'kept');
      await closeAll();
    });
  });
}
