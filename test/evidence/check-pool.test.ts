import './quiet.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ReuseHit } from '../../src/evidence/check.ts';
import { createCheckPool } from '../../src/evidence/check-pool.ts';
import { sha256File } from '../../src/evidence/hash.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
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
    // Its own budget: under the pool's 1 ms a loaded machine times this one out too.
    const next = await slow.run({ path: fx.pdf, kind: 'carrier_letter', ctx: { policy }, timeoutMs: 60_000 });
    assert.equal(next.sniffedType, 'pdf');
  } finally {
    await slow.close();
  }
});

test('a thread terminated at its hard timeout leaves the pool at once: the next job gets a fresh thread and a real report', async () => {
  // 1 ms per file and no grace: the hard timeout terminates the thread running the first job
  // (it is still booting). The second job is submitted from a timer of the same length set
  // right after: Node runs it just after the pool's timer, in the same turn of the event loop,
  // so before the dying thread's 'exit' event can be delivered, the window in which a dead but
  // idle-looking thread used to get the next job and fail it with 'check worker exited'.
  // That job gets its own budget (60 s), so its report is a real one.
  const tight = createCheckPool({ concurrency: 1, timeoutMs: 1, graceMs: 0 });
  try {
    const timedOut = tight.run({ path: fx.video20, kind: 'packing_video', ctx: { policy, skus: [SKU], trackingNumber: TRACKING } });
    const next = await new Promise<Promise<EvidenceReport>>((resolve) => {
      setTimeout(() => resolve(tight.run({ path: fx.pdf, kind: 'carrier_letter', ctx: { policy }, timeoutMs: 60_000 })), 1);
    });
    const first = await timedOut;
    assert.equal(first.status, 'needs_review');
    assert.ok(first.checks.some((c) => c.code === 'CHECK.TIMEOUT'), JSON.stringify(first.checks));
    const report = await next;
    assert.equal(report.sniffedType, 'pdf');
    assert.ok(!report.checks.some((c) => c.code === 'CHECK.TIMEOUT'), JSON.stringify(report.checks));
  } finally {
    await tight.close();
  }
});

test('a missing file is a report or an error, never a crash', async () => {
  await assert.rejects(pool.run({ path: '/nonexistent/file.mp4', kind: 'packing_video', ctx: { policy } }));
});
