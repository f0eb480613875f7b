import './quiet.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { editorIn } from '../../src/evidence/provenance/editors.ts';
import { ensureFixtures, only, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

const original = async (path: string, kind: Parameters<typeof only>[1] = 'label_photo') => {
  const r = await only(path, kind, ['file.type', 'file.limits', 'original']);
  return r.checks.find((c) => c.id === 'original')!;
};

test('a camera photo with no edit trace passes', async () => {
  const row = await original(fx.cameraJpeg);
  assert.equal(row.status, 'pass');
  assert.equal(row.code, 'ORIGINAL.CAMERA');
});

test('a photo saved by Photoshop fails as edited', async () => {
  const row = await original(fx.editedJpeg);
  assert.equal(row.code, 'ORIGINAL.EDITED');
  assert.equal(row.basis, undefined);
  assert.equal(row.details?.editor, 'Photoshop');
});

test('EXIF dimensions that disagree with the picture fail (cropped)', async () => {
  const row = await original(fx.croppedJpeg);
  assert.equal(row.code, 'ORIGINAL.DIMENSIONS_CHANGED');
});

test('an iOS screenshot (XMP UserComment) fails as a screenshot', async () => {
  const row = await original(fx.screenshotPng);
  assert.equal(row.code, 'ORIGINAL.SCREENSHOT');
});

test('an Android screenshot (Software "Android …", no Make) fails as a screenshot', async () => {
  const p = join(tempDir(), 'android.jpg');
  await sharp(fx.cameraJpeg).jpeg().withExif({ IFD0: { Software: 'Android UP1A.231005.007' } }).toFile(p);
  const row = await original(p);
  assert.equal(row.code, 'ORIGINAL.SCREENSHOT');
});

test('a stripped screenshot is caught by its content (flat areas, screen size), for review', async () => {
  const row = await original(fx.strippedScreenshotJpeg);
  assert.equal(row.code, 'ORIGINAL.SCREENSHOT_SUSPECTED');
  assert.equal(row.basis, 'perceived');
  assert.equal(row.details?.screenSize, true);
});

test('a stripped camera photo is unverifiable (warn), not a pass', async () => {
  const row = await original(fx.strippedPhotoJpeg, 'product_photo');
  assert.equal(row.status, 'warn');
  assert.equal(row.code, 'ORIGINAL.UNVERIFIABLE');
});

test('a camera video (Apple tags, no encoder tag) passes; a generic ffmpeg re-encode is a warn for review (a weak sign)', async () => {
  const camera = await original(fx.video20, 'packing_video');
  assert.equal(camera.code, 'ORIGINAL.CAMERA');
  const reencoded = await original(fx.reencoded, 'packing_video');
  assert.equal(reencoded.code, 'ORIGINAL.REENCODED');
  assert.equal(reencoded.status, 'warn');
  assert.equal(reencoded.basis, 'perceived');
  assert.match(String(reencoded.details?.encoder), /^Lavf/);
});

test('firmware strings are not editors; editor names are', () => {
  for (const firmware of ['17.4.1', 'G998BXXU5CVDD', 'Ver.1.00', 'HDR+ 1.0.540104767zd', 'Android UP1A']) assert.equal(editorIn(firmware), undefined, firmware);
  assert.equal(editorIn('Adobe Photoshop Lightroom Classic 13.2 (Windows)'), 'Photoshop');
  assert.equal(editorIn('GIMP 2.10.36'), 'GIMP');
  assert.equal(editorIn('Snapseed 2.0'), 'Snapseed');
  assert.equal(editorIn('MeituPic'), 'Meitu');
});
