import './quiet.ts';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { check, ensureFixtures, policy, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

test('file.type passes an allowed type', async () => {
  const { row } = await check(fx.pdf, 'carrier_letter', 'file.type');
  assert.equal(row.status, 'pass');
  assert.equal(row.code, 'FILE.TYPE_OK');
});

test('file.type fails a video uploaded as a label photo, and nothing else decodes it', async () => {
  const { row, report } = await check(fx.video20, 'label_photo', 'file.type');
  assert.equal(row.code, 'FILE.TYPE_NOT_ALLOWED');
  assert.equal(report.status, 'rejected');
  assert.ok(report.checks.filter((c) => !c.id.startsWith('file.')).every((c) => c.code === 'CHECK.SKIPPED_INVALID_FILE'));
});

test('file.type fails a zero-byte file', async () => {
  const p = join(tempDir(), 'empty.mp4');
  writeFileSync(p, '');
  const { row, report } = await check(p, 'packing_video', 'file.type');
  assert.equal(row.code, 'FILE.EMPTY');
  assert.equal(report.status, 'rejected');
});

test('file.type fails wrong magic bytes', async () => {
  const p = join(tempDir(), 'label.jpg');
  writeFileSync(p, Buffer.from('GIF89a-not-really-anything-else-here-at-all-at-all'));
  const { row } = await check(p, 'label_photo', 'file.type');
  assert.equal(row.status, 'fail');
  assert.match(row.code, /^FILE\.TYPE_(UNKNOWN|NOT_ALLOWED)$/);
});

test('file.limits fails a photo over the byte limit (sparse file made here)', async () => {
  const p = join(tempDir(), 'huge.jpg');
  const fd = openSync(p, 'w');
  writeSync(fd, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]));
  ftruncateSync(fd, policy.evidence.maxPhotoBytes + 1);
  closeSync(fd);
  const { row } = await check(p, 'label_photo', 'file.limits');
  assert.equal(row.code, 'FILE.TOO_LARGE');
  assert.equal(row.details?.limit, policy.evidence.maxPhotoBytes);
});

test('file.limits refuses a decompression bomb from its header, without decoding it', async () => {
  const { row, report } = await check(fx.bombPng, 'label_photo', 'file.limits');
  assert.equal(row.code, 'FILE.TOO_MANY_PIXELS');
  assert.deepEqual([row.details?.width, row.details?.height], [30000, 30000]);
  assert.equal(report.status, 'rejected');
  assert.equal(report.checks.find((c) => c.id === 'photo.legible')?.status, 'skip');
});

test('file.limits passes a normal photo', async () => {
  const { row } = await check(fx.cameraJpeg, 'label_photo', 'file.limits');
  assert.equal(row.code, 'FILE.LIMITS_OK');
});
