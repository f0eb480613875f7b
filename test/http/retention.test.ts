import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { manualClock } from '../../src/workflow/clock.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { testService } from '../helpers/service.ts';

/**
 * Retention through the `storage.sweep` job, time driven by the injected clock: idempotency
 * answers expire (the key counts as new) and are pruned; a rejected file goes after its
 * retention (its row stays, `/file` is 410) while the same bytes under live evidence stay;
 * an orphaned object goes.
 */
const HOUR = 3_600_000;
const clock = manualClock(Date.now());
let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;

before(async () => {
  fx = await ensureFixtures();
  svc = await testService({ clock, timers: false, retention: { idempotencyMs: 24 * HOUR, rejectedFileMs: 14 * 24 * HOUR, orphanFileMs: HOUR, sweepEveryMs: HOUR } });
});
after(() => svc.close());

const openDispute = (key?: string) =>
  svc.api.post('/api/disputes', disputeBody({ openedAt: new Date(clock.now() - HOUR).toISOString() }), key ? { 'Idempotency-Key': key } : {});

/** Polls until `fn` is true (the sweep runs on the job runner's next poll, ~1 s); gives up after 20 s. */
async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await fn()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`never: ${what}`);
}

test('expired idempotency answers count as new and are pruned; rejected and orphaned files go, rows stay', async () => {
  const first = await openDispute('key-replayed');
  assert.equal(first.status, 201);
  assert.equal((await openDispute('key-pruned')).status, 201);
  assert.equal((await openDispute('key-replayed')).status, 422, 'another body under a live key is refused');

  // The same photo on two disputes: the second is rejected as reuse; both rows share one stored object.
  const photo = readFileSync(fx.cameraJpeg);
  const kept = await settledEvidence(svc.url, (await uploadEvidence(svc.url, first.body.id, 'label_photo', photo)).body.id);
  const other = (await openDispute()).body.id as string;
  const rejected = await settledEvidence(svc.url, (await uploadEvidence(svc.url, other, 'label_photo', photo)).body.id);
  assert.equal(rejected.status, 'rejected');
  assert.notEqual(kept.status, 'rejected');

  // An object no row points at, as a crashed upload would leave.
  const orphan = randomBytes(64);
  const sha = createHash('sha256').update(orphan).digest('hex');
  mkdirSync(join(svc.uploadsDir, 'objects', sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(svc.uploadsDir, 'objects', sha.slice(0, 2), sha), orphan);
  // File ages are wall-clock file times: this one was left two hours ago.
  const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
  utimesSync(join(svc.uploadsDir, 'objects', sha.slice(0, 2), sha), twoHoursAgo, twoHoursAgo);

  clock.advance(25 * HOUR);
  const again = await openDispute('key-replayed');
  assert.equal(again.status, 201, 'an expired key counts as new');
  assert.notEqual(again.body.id, first.body.id);

  clock.advance(14 * 24 * HOUR);
  await until('the rejected file is gone', async () => (await fetch(`${svc.url}/api/evidence/${rejected.id}/file`)).status === 410);
  const gone = await fetch(`${svc.url}/api/evidence/${rejected.id}/file`);
  assert.equal(((await gone.json()) as { code: string }).code, 'EVIDENCE.FILE_REMOVED');
  const row = (await svc.api.get(`/api/evidence/${rejected.id}`)).body;
  assert.deepEqual([row.status, row.fileRemovedAt], ['rejected', new Date(clock.now()).toISOString()]);

  const live = await fetch(`${svc.url}/api/evidence/${kept.id}/file`);
  assert.equal(live.status, 200, 'the same bytes under live evidence stay');
  assert.deepEqual(new Uint8Array(await live.arrayBuffer()), new Uint8Array(photo));
  await until('the orphan is gone', async () => !existsSync(join(svc.uploadsDir, 'objects', sha.slice(0, 2), sha)));

  const sql = await rawSql(svc);
  try {
    const count = (key: string) => sql.one<{ n: number }>({ sqlite: `SELECT count(*) AS n FROM idempotency WHERE key = '${key}'`, postgres: `SELECT count(*)::int AS n FROM idempotency WHERE key = '${key}'` });
    assert.equal((await count('key-pruned'))?.n, 0, 'pruned');
    assert.equal((await count('key-replayed'))?.n, 0, 'its renewed answer expired too (14 days later)');
  } finally {
    await sql.close();
  }
});
