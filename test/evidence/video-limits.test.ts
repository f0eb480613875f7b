import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureVideoFixtures } from '../fixtures/video-fixtures.ts';
import { ensureFixtures, ctx, policy } from './evidence-helpers.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';

let vx: Awaited<ReturnType<typeof ensureVideoFixtures>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  [vx, fx] = await Promise.all([ensureVideoFixtures(), ensureFixtures()]);
});

test('an 8000×8000 video is refused by its header: no content check runs on it', async () => {
  const r = await runChecks(vx.hugeFrame, 'packing_video', ctx());
  const row = r.checks.find((c) => c.id === 'video.limits');
  assert.equal(row?.status, 'fail');
  assert.equal(row?.code, 'VIDEO.TOO_MANY_PIXELS');
  assert.equal(row?.basis, undefined, 'a measured fail');
  assert.deepEqual([row?.details?.width, row?.details?.height, row?.details?.maxPixels], [8000, 8000, policy.evidence.maxVideoPixels]);
  assert.equal(r.status, 'rejected');
  // Every content check is skipped, and no perceptual hash was computed.
  for (const id of ['video.duration', 'video.sku', 'video.label']) assert.equal(r.checks.find((c) => c.id === id)?.code, 'CHECK.SKIPPED_INVALID_FILE', id);
  assert.equal(r.phash, undefined);
});

test('an 11-minute video is refused as too long: no content check runs on it', async () => {
  const r = await runChecks(vx.tooLong, 'packing_video', ctx());
  const row = r.checks.find((c) => c.id === 'video.limits');
  assert.equal(row?.code, 'VIDEO.TOO_LONG');
  assert.equal(row?.details?.videoSeconds, 660);
  assert.equal(row?.details?.maxSeconds, policy.evidence.maxVideoSeconds);
  assert.equal(r.checks.find((c) => c.id === 'video.sku')?.code, 'CHECK.SKIPPED_INVALID_FILE');
  assert.equal(r.status, 'rejected');
});

test('a 4800×2400 video (under ffmpeg\'s allocation bound) is refused by its header: no content check reports on it', async () => {
  const r = await runChecks(vx.overPixels, 'packing_video', ctx());
  assert.equal(r.checks.find((c) => c.id === 'video.limits')?.code, 'VIDEO.TOO_MANY_PIXELS');
  for (const id of ['video.duration', 'video.sku', 'video.label']) assert.equal(r.checks.find((c) => c.id === id)?.code, 'CHECK.SKIPPED_INVALID_FILE', id);
  assert.equal(r.status, 'rejected');
});

test('a 20 s 640×360 video is within the limits', async () => {
  const r = await runChecks(fx.video20, 'packing_video', ctx());
  const row = r.checks.find((c) => c.id === 'video.limits');
  assert.equal(row?.code, 'VIDEO.LIMITS_OK');
  assert.deepEqual([row?.details?.width, row?.details?.height, row?.details?.videoSeconds], [640, 360, 20]);
});
