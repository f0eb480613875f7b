import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureFixtures, only, policy } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const duration = async (path: string) => (await only(path, 'packing_video', ['video.duration'])).checks[0]!;

test('20 s and exactly 15 s pass', async () => {
  for (const [path, seconds] of [[fx.video20, 20], [fx.video15, 15]] as const) {
    const row = await duration(path);
    assert.equal(row.code, 'VIDEO.DURATION_OK', path);
    assert.equal(row.details?.videoSeconds, seconds);
    assert.equal(row.details?.minSeconds, policy.evidence.minVideoSeconds);
  }
});

test('14.9 s and 10 s fail as too short', async () => {
  for (const [path, seconds] of [[fx.video14_9, 14.9], [fx.video10, 10]] as const) {
    const row = await duration(path);
    assert.equal(row.code, 'VIDEO.TOO_SHORT', path);
    assert.equal(row.details?.videoSeconds, seconds);
  }
});

test('a 10 s picture with a 20 s sound track fails: the video stream is measured, not the container', async () => {
  const row = await duration(fx.audioOutlasts);
  assert.equal(row.code, 'VIDEO.TOO_SHORT');
  assert.equal(row.details?.videoSeconds, 10);
  assert.ok(Number(row.details?.containerSeconds) >= 19.9);
  assert.ok(Number(row.details?.audioSeconds) >= 19.9);
  assert.equal(row.details?.measuredFrom, 'stream');
});

test('a rotated (portrait) video is measured and its rotation reported', async () => {
  const row = await duration(fx.rotated);
  assert.equal(row.code, 'VIDEO.DURATION_OK');
  assert.equal(row.details?.rotation, 270);
  assert.deepEqual([row.details?.width, row.details?.height], [640, 360]);
});

test('a truncated upload (moov atom missing) fails as unreadable, without throwing', async () => {
  const report = await only(fx.truncated, 'packing_video', ['file.type', 'video.duration']);
  const row = report.checks.find((c) => c.id === 'video.duration')!;
  assert.equal(row.code, 'VIDEO.UNREADABLE');
  assert.match(row.message, /incomplete/);
  assert.equal(report.status, 'rejected');
});
