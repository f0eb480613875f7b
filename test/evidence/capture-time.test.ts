import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HOUR_MS } from '../../src/policy/policy.schema.ts';
import { ensureFixtures, only, policy } from './evidence-helpers.ts';

/** pack-20s.mp4's QuickTime creationdate, 2024-05-10T14:03:12+0800. */
const CAPTURED = Date.parse('2024-05-10T06:03:12Z');

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const captureRow = async (path: string, shippedAt?: number) =>
  (await only(path, 'packing_video', ['capture.time'], shippedAt === undefined ? {} : { shippedAt })).checks.find((c) => c.id === 'capture.time');

test('a packing video captured an hour before shipping passes, with both times in its details', async () => {
  const row = await captureRow(fx.video20, CAPTURED + HOUR_MS);
  assert.equal(row?.code, 'CAPTURE.BEFORE_SHIPPING');
  assert.deepEqual(row?.details, { capturedAt: CAPTURED, shippedAt: CAPTURED + HOUR_MS, maxHoursBefore: policy.evidence.maxHoursCapturedBeforeShipping });
});

test('captured longer before shipping than the policy allows is a warn naming both times', async () => {
  const shippedAt = CAPTURED + (policy.evidence.maxHoursCapturedBeforeShipping + 1) * HOUR_MS;
  const row = await captureRow(fx.video20, shippedAt);
  assert.deepEqual([row?.status, row?.code], ['warn', 'CAPTURE.LONG_BEFORE_SHIPPING']);
  assert.ok(row?.message.includes(new Date(CAPTURED).toISOString()) && row.message.includes(new Date(shippedAt).toISOString()), row?.message);
});

test('no ship time in the facts: not asked; a photo: not asked', async () => {
  assert.equal(await captureRow(fx.video20), undefined);
  const photo = await only(fx.cameraJpeg, 'label_photo', ['capture.time'], { shippedAt: CAPTURED });
  assert.equal(photo.checks.find((c) => c.id === 'capture.time'), undefined);
});
