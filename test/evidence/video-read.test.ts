import './quiet.ts';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { ensureVideoFixtures } from '../fixtures/video-fixtures.ts';
import { ensureFixtures, only, SKU, tempDir, TRACKING } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const read = (path: string, extra = {}) => only(path, 'packing_video', ['video.sku', 'video.label'], extra);

test('the SKU (OCR) and the label (Code 128) are read, with timestamps and thumbnails', async () => {
  const proofDir = tempDir('proof-');
  const r = await read(fx.video20, { proofDir });
  const [sku, label] = r.checks;
  assert.equal(sku?.code, 'VIDEO.SKU_SEEN');
  assert.equal(label?.code, 'VIDEO.LABEL_SEEN');
  for (const row of [sku, label]) {
    const proof = row?.proof?.[0];
    assert.equal(typeof proof?.atSeconds, 'number');
    assert.ok(proof?.image && existsSync(join(proofDir, proof.image)), 'thumbnail written');
  }
  assert.match(String(label?.proof?.[0]?.text), new RegExp(TRACKING));
  assert.equal(r.status, 'accepted');
});

test('reading stops early: one keyframe is enough when both show at once', async () => {
  const r = await read(fx.video20);
  assert.equal(r.checks[0]?.details?.framesRead, 1);
});

test('a rotated video is read upright', async () => {
  const r = await read(fx.rotated);
  assert.deepEqual(r.checks.map((c) => c.code), ['VIDEO.SKU_SEEN', 'VIDEO.LABEL_SEEN']);
});

test('a video without label or SKU fails both, for review, with a message a person understands', async () => {
  const r = await read(fx.noLabel);
  const [sku, label] = r.checks;
  assert.equal(sku?.code, 'VIDEO.SKU_UNREADABLE');
  assert.equal(label?.code, 'VIDEO.LABEL_UNREADABLE');
  assert.equal(sku?.basis, 'perceived');
  assert.match(label!.message, /could not read the parcel label/);
  assert.equal(r.status, 'needs_review');
});

test("another parcel's tracking number is a mismatch (rejected); an unlisted SKU is not found", async () => {
  const r = await read(fx.video20, { trackingNumber: 'LP00799999999CN', skus: ['SKU-ZZ-11111-RED'] });
  const [sku, label] = r.checks;
  assert.equal(label?.code, 'VIDEO.LABEL_MISMATCH');
  assert.equal(label?.basis, undefined);
  assert.equal(sku?.code, 'VIDEO.SKU_NOT_FOUND');
  assert.match(sku!.message, new RegExp(SKU.replace(/-/g, '.?')));
  assert.equal(r.status, 'rejected');
});

test('without order facts the reads are skipped', async () => {
  const r = await only(fx.video20, 'packing_video', ['video.sku', 'video.label'], { skus: [], trackingNumber: undefined });
  assert.deepEqual(r.checks.map((c) => c.status), ['skip', 'skip']);
});

test('labels shown only late in the video are still read, at their time, with boxed proof thumbnails', async () => {
  const { lateLabels } = await ensureVideoFixtures();
  const proofDir = tempDir('proof-late-');
  const r = await read(lateLabels, { proofDir });
  const [sku, label] = r.checks;
  assert.equal(label?.code, 'VIDEO.LABEL_SEEN');
  assert.equal(sku?.code, 'VIDEO.SKU_SEEN', JSON.stringify(sku?.details));
  // The fixture shows both from 20 s on (keyframes every 2 s): nothing could be read before.
  for (const row of [sku, label]) {
    const proof = row?.proof?.[0];
    assert.ok(Number(proof?.atSeconds) >= 20, `${row?.id} read at ${proof?.atSeconds} s`);
    assert.ok(proof?.image && existsSync(join(proofDir, proof.image)), 'thumbnail written');
  }
  // The box drawn on the label's thumbnail is red: the thumbnail has red pixels, the grey frame had none.
  const image = label!.proof![0]!.image!;
  const { data, info } = await sharp(join(proofDir, image)).raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < data.length; i += info.channels) if ((data[i] as number) > 180 && (data[i + 1] as number) < 80 && (data[i + 2] as number) < 80) red++;
  assert.ok(red > 50, `red box pixels: ${red}`);
});
