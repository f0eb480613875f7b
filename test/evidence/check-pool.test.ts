import './quiet.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ReuseHit } from '../../src/evidence/check.ts';
import { createCheckPool } from '../../src/evidence/check-pool.ts';
import { sha256File } from '../../src/evidence/hash.ts';
import { ensureFixtures, policy, SKU, TRACKING } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const pool = createCheckPool({ concurrency: 2, timeoutMs: 30_000 });
after(() => pool.close());

test('the pool runs checks in worker threads (tsx-loaded) and answers reuse lookups from the main thread', async () => {
  const cameraSha = await sha256File(fx.cameraJpeg);
  const asked: string[] = [];
  const findReuse = (sha256: string): ReuseHit[] => {
    asked.push(sha256);
    return sha256 === cameraSha ? [{ disputeId: 'D-OLD', evidenceId: 'E-9', sha256, distance: 0 }] : [];
  };
  const [video, photo, short] = await Promise.all([
    pool.run({ path: fx.video20, kind: 'packing_video', ctx: { policy, skus: [SKU], trackingNumber: TRACKING, disputeId: 'D-1', findReuse } }),
    pool.run({ path: fx.cameraJpeg, kind: 'label_photo', ctx: { policy, trackingNumber: TRACKING, disputeId: 'D-1', findReuse } }),
    pool.run({ path: fx.video10, kind: 'packing_video', ctx: { policy, disputeId: 'D-1' } }),
  ]);
  assert.equal(video.status, 'accepted', JSON.stringify(video.checks));
  assert.equal(photo.status, 'rejected');
  assert.equal(photo.checks.find((c) => c.id === 'reuse')?.code, 'REUSE.SAME_FILE');
  assert.equal(short.status, 'rejected');
  assert.ok(asked.includes(cameraSha));
});

test('a job over its time budget comes back as needs_review, and the pool keeps working', async () => {
  const slow = createCheckPool({ concurrency: 1, timeoutMs: 1, graceMs: 2_000 });
  try {
    const r = await slow.run({ path: fx.noLabel, kind: 'packing_video', ctx: { policy, skus: [SKU], trackingNumber: TRACKING } });
    assert.equal(r.status, 'needs_review');
    assert.ok(r.checks.some((c) => c.code === 'CHECK.TIMEOUT'));
    const next = await slow.run({ path: fx.pdf, kind: 'carrier_letter', ctx: { policy } });
    assert.equal(next.sniffedType, 'pdf');
  } finally {
    await slow.close();
  }
});

test('a missing file is a report or an error, never a crash', async () => {
  await assert.rejects(pool.run({ path: '/nonexistent/file.mp4', kind: 'packing_video', ctx: { policy } }));
});
