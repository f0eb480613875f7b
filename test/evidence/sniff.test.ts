import './quiet.ts';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { allowedTypesFor, sniffFile } from '../../src/evidence/sniff.ts';
import { ensureFixtures, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

test('sniffs media by content', async () => {
  assert.deepEqual(await sniffFile(fx.cameraJpeg), { type: 'jpeg', family: 'image', mime: 'image/jpeg' });
  assert.equal((await sniffFile(fx.screenshotPng)).type, 'png');
  assert.equal((await sniffFile(fx.video20)).type, 'mp4');
  assert.equal((await sniffFile(fx.pdf)).type, 'pdf');
});

test('a PDF header after leading junk is still a PDF', async () => {
  const p = join(tempDir(), 'letter.bin');
  writeFileSync(p, Buffer.concat([Buffer.from('\r\n\r\n junk '), Buffer.from('%PDF-1.7\n%%EOF\n')]));
  assert.equal((await sniffFile(p)).type, 'pdf');
});

test('unknown content sniffs to null, whatever the name says', async () => {
  const p = join(tempDir(), 'photo.jpg');
  writeFileSync(p, 'this is plain text pretending to be a photo');
  assert.deepEqual(await sniffFile(p), { type: null, family: null });
});

test('kinds accept their types', () => {
  assert.deepEqual(allowedTypesFor('packing_video'), ['mp4', 'quicktime', 'webm', 'matroska']);
  assert.deepEqual(allowedTypesFor('label_photo'), ['jpeg', 'png', 'webp', 'heic']);
  assert.ok(allowedTypesFor('carrier_letter').includes('pdf'));
  assert.ok(allowedTypesFor('carrier_letter').includes('jpeg'));
  assert.ok(!allowedTypesFor('delivery_proof_photo').includes('pdf'));
});
