import './quiet.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { ensureFixtures, only, policy, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const legible = async (path: string, kind: 'label_photo' | 'delivery_proof_photo' = 'delivery_proof_photo') =>
  (await only(path, kind, ['photo.legible'])).checks[0]!;

test('a sharp delivery photo passes, proven by reading its label barcode', async () => {
  const row = await legible(fx.deliverySharp);
  assert.equal(row.status, 'pass');
  assert.equal(row.code, 'PHOTO.READABLE');
  assert.equal(row.details?.trackingNumberRead, true);
  assert.ok(Number(row.details?.sharpness) >= policy.evidence.minSharpness);
});

test('a blurred delivery photo fails with its sharpness', async () => {
  const row = await legible(fx.deliveryBlurred);
  assert.equal(row.code, 'PHOTO.BLURRED');
  assert.ok(Number(row.details?.sharpness) < policy.evidence.minSharpness);
});

test('a photo below the minimum short side fails', async () => {
  const p = join(tempDir(), 'small.jpg');
  await sharp(fx.cameraJpeg).resize({ height: policy.evidence.minShortSidePx - 80 }).jpeg().toFile(p);
  const row = await legible(p, 'label_photo');
  assert.equal(row.code, 'PHOTO.TOO_SMALL');
});

test('a dark photo with nothing readable fails on exposure', async () => {
  const p = join(tempDir(), 'dark.jpg');
  await sharp(fx.deliveryBlurred).linear(0.12, 0).jpeg().toFile(p);
  const row = await legible(p);
  assert.equal(row.status, 'fail');
  assert.match(row.code, /^PHOTO\.(EXPOSURE|BLURRED)$/);
});
