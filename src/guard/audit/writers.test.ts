// One audit file per writer: slots taken in order, a slot given up on close (or death) taken back,
// the folder created when missing, and a device (not a file) written directly without locks.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openWriter, slotPath } from './writers.ts';

test('writers take the first free slot, and a slot given up is taken back', async () => {
  const base = join(await mkdtemp(join(tmpdir(), 'guard-writers-')), 'new', 'folder', 'audit.jsonl');
  const options = { replica: 'r1' };
  const a = await openWriter(base, options);
  const b = await openWriter(base, options);
  assert.equal(a.path, base);
  assert.equal(b.path, slotPath(base, 2));
  assert.equal(b.path.endsWith('audit.2.jsonl'), true);
  assert.equal(a.id, `r1:${base}`);
  a.log.append({ decision: 'allow' });
  a.close();
  const c = await openWriter(base, options);
  assert.equal(c.path, base);
  assert.equal(c.log.append({ decision: 'allow' }).seq, 2);
  assert.equal(c.log.append({ decision: 'allow' }).replica, 'r1');
  b.close();
  c.close();
  assert.equal(slotPath('/x/log', 3), '/x/log.3');
});

test('a device is written directly, without a lock file beside it', async () => {
  const w = await openWriter('/dev/null', { replica: 'r1' });
  w.log.append({ decision: 'allow' });
  w.close();
  assert.equal(existsSync('/dev/null.lock'), false);
});
