import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { CheckResult } from '../../src/domain/evidence-summary.ts';
import { reportStatus } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import { ctx, ensureFixtures } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const row = (status: CheckResult['status'], basis?: CheckResult['basis']): CheckResult => ({ id: 'x', status, code: 'X', message: '', ...(basis ? { basis } : {}) });

test('status rule: a measured fail rejects; a perceived fail or a warn needs review; else accepted', () => {
  assert.equal(reportStatus([row('pass'), row('skip')]), 'accepted');
  assert.equal(reportStatus([row('pass'), row('warn')]), 'needs_review');
  assert.equal(reportStatus([row('pass'), row('fail', 'perceived')]), 'needs_review');
  assert.equal(reportStatus([row('warn'), row('fail')]), 'rejected');
  assert.equal(reportStatus([row('fail', 'perceived'), row('fail', 'measured')]), 'rejected');
});

test('a good packing video is accepted end to end, with hash, phash and capture time', async () => {
  const r = await runChecks(fx.video20, 'packing_video', ctx());
  assert.equal(r.status, 'accepted', JSON.stringify(r.checks, null, 1));
  assert.match(r.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.sniffedType, 'mp4');
  assert.match(r.phash!, /^[0-9a-f]{16}$/);
  assert.equal(r.capturedAt, Date.parse('2024-05-10T14:03:12+08:00'));
  assert.deepEqual(r.checks.map((c) => c.id), ['file.type', 'file.limits', 'video.limits', 'original', 'video.duration', 'video.sku', 'video.label', 'reuse']);
});

test('a short packing video is rejected', async () => {
  assert.equal((await runChecks(fx.video14_9, 'packing_video', ctx())).status, 'rejected');
});

test('a camera label photo is accepted; an edited one rejected; a stripped one needs review', async () => {
  assert.equal((await runChecks(fx.cameraJpeg, 'label_photo', ctx())).status, 'accepted');
  assert.equal((await runChecks(fx.editedJpeg, 'label_photo', ctx())).status, 'rejected');
  assert.equal((await runChecks(fx.strippedPhotoJpeg, 'label_photo', ctx())).status, 'needs_review');
});

test('a run that times out reports CHECK.TIMEOUT and needs review, never throws', async () => {
  const r = await runChecks(fx.noLabel, 'packing_video', ctx(), { timeoutMs: 1 });
  assert.equal(r.status, 'needs_review');
  assert.ok(r.checks.some((c) => c.code === 'CHECK.TIMEOUT'));
});
