/**
 * Issue 10: real originals hold up, edits and rendered pages do not. Every case runs the real
 * `original` check on a real file (test/fixtures/make-provenance-fixtures.ts).
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { importToolIn } from '../../src/evidence/provenance/import-tools.ts';
import { editorIn } from '../../src/evidence/provenance/editors.ts';
import { ensureProvenanceFixtures, PAGE_DPRS, pagePath } from '../fixtures/make-provenance-fixtures.ts';
import { ensureFixtures, only, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
let px: Awaited<ReturnType<typeof ensureProvenanceFixtures>>;
before(async () => {
  fx = await ensureFixtures();
  px = await ensureProvenanceFixtures();
});

const original = async (path: string) => {
  const r = await only(path, 'product_photo', ['file.type', 'file.limits', 'original']);
  return r.checks.find((c) => c.id === 'original')!;
};

test('a camera JPEG re-saved by a transfer tool days later passes, naming the tool', async () => {
  const row = await original(px.transferJpeg);
  assert.equal(row.status, 'pass', row.message);
  assert.equal(row.code, 'ORIGINAL.CAMERA');
  assert.equal(row.details?.importedBy, 'Canon EOS Utility');
  assert.match(row.message, /imported by Canon EOS Utility/);
});

test('a camera JPEG re-saved days later with no tool named is a warn that says what was seen, not a fail', async () => {
  const row = await original(px.resavedJpeg);
  assert.equal(row.status, 'warn');
  assert.equal(row.code, 'ORIGINAL.MODIFIED_AFTER_CAPTURE');
  assert.match(row.message, /^Taken on Canon EOS 5D Mark II, but it was re-saved 3 days after it was taken and names only "Firmware Version 2\.1\.2" \(no editor, no import tool\)/);
  assert.deepEqual(row.details?.signs, ['ORIGINAL.MODIFIED_AFTER_CAPTURE']);
  assert.equal(row.details?.capturedAt, '2024-05-10T14:03:12.000Z');
  assert.equal(row.details?.modifiedAt, '2024-05-13T08:30:00.000Z');
});

test('EXIF size ≠ picture size is a warn naming both sizes', async () => {
  const row = await original(fx.croppedJpeg);
  assert.equal(row.status, 'warn');
  assert.equal(row.code, 'ORIGINAL.DIMENSIONS_CHANGED');
  assert.match(row.message, /EXIF size is 1600×1200 while the picture is 1200×900/);
});

for (const [name, key] of [['`Exif\\0` + a non-zero byte header', 'exifOneNullJpeg'], ['EXIF after 190 KB of APP2 segments', 'exifLateJpeg']] as const) {
  test(`EXIF that exifr does not read (${name}) is read: the camera photo passes`, async () => {
    const byExifr = (await exifr.parse(px[key], { tiff: true, mergeOutput: true }).catch(() => undefined)) as { Make?: string } | undefined;
    assert.equal(byExifr?.Make, undefined, 'the fixture is a dialect exifr misses');
    const row = await original(px[key]);
    assert.equal(row.status, 'pass', row.message);
    assert.equal(row.details?.make, 'Canon');
    assert.equal(row.details?.model, 'Canon EOS 5D Mark II');
  });
}

test('a JPEG that Photoshop re-encoded fails as edited even with EXIF stripped (its IRB quality setting)', async () => {
  const row = await original(px.photoshopSavedJpeg);
  assert.equal(row.status, 'fail');
  assert.equal(row.code, 'ORIGINAL.EDITED');
  assert.equal(row.details?.editor, 'Photoshop (JPEG quality 10 of 12)');
});

for (const dpr of PAGE_DPRS) {
  for (const recompressed of [false, true]) {
    test(`a rendered phone page 390×844 @${dpr}×${recompressed ? ' after chat JPEG q70' : ''} fails as a suspected screenshot`, async () => {
      const row = await original(pagePath(dpr, recompressed));
      assert.equal(row.status, 'fail', `${row.code}: ${JSON.stringify(row.details)}`);
      assert.equal(row.code, 'ORIGINAL.SCREENSHOT_SUSPECTED');
      assert.equal(row.basis, 'perceived');
      const fired = row.details?.fired as string[];
      assert.ok(fired.includes('noiseFree'), JSON.stringify(row.details));
      assert.ok(fired.includes('statusBar'), JSON.stringify(row.details));
      assert.match(row.message, /no camera noise/);
    });
  }
}

test('a page forwarded by a chat app (resized to 591×1280, q70: no screen size, few flat blocks) is caught by its content', async () => {
  const row = await original(px.chatPageJpeg);
  assert.equal(row.code, 'ORIGINAL.SCREENSHOT_SUSPECTED', JSON.stringify(row.details));
  assert.equal(row.details?.screenSize, false);
  const fired = row.details?.fired as string[];
  assert.ok(fired.includes('noiseFree') && fired.filter((s) => !['flat', 'noiseFree', 'screenSize'].includes(s)).length >= 2, JSON.stringify(row.details));
});

test('camera-like photos with their metadata stripped are unverifiable (warn), never taken for screenshots', async () => {
  const dir = tempDir();
  for (const [name, path] of Object.entries({ camera: fx.cameraJpeg, deliverySharp: fx.deliverySharp, deliveryBlurred: fx.deliveryBlurred, canon: px.transferJpeg })) {
    const stripped = join(dir, `${name}.jpg`);
    await sharp(path).jpeg({ quality: 85 }).toFile(stripped); // sharp drops metadata unless asked
    const row = await original(stripped);
    assert.equal(row.code, 'ORIGINAL.UNVERIFIABLE', `${name}: ${JSON.stringify(row.details)}`);
    assert.equal(row.status, 'warn');
    // Structure alone may fire (these scenes have drawn, axis-aligned boxes: hardEdges); the noise gate holds.
    const fired = row.details?.fired as string[];
    assert.ok(!fired.includes('noiseFree') && !fired.includes('flat'), `${name}: ${fired.join(', ')}`);
    assert.match(row.message, /no EXIF or XMP at all/);
  }
});

test('import tools are recognised and are not editors; editors are not import tools', () => {
  for (const [value, tool] of [
    ['EOS Utility 3.16.11', 'Canon EOS Utility'],
    ['Image Transfer Utility 2', 'Canon Image Transfer Utility'],
    ['Nikon Transfer 2 Ver.2.13.1', 'Nikon Transfer'],
    ['SnapBridge', 'Nikon SnapBridge'],
    ['PlayMemories Home', 'Sony PlayMemories Home'],
    ['FUJIFILM X Acquire', 'Fujifilm X Acquire'],
    ['Photos 9.0', 'Apple Photos import'],
    ['Image Capture', 'Apple Image Capture'],
    ['Microsoft Windows Photos', 'Windows Photos import'],
  ] as const) {
    assert.equal(importToolIn(value), tool, value);
    assert.equal(editorIn(value), undefined, value);
  }
  for (const editor of ['Adobe Photoshop 25.0', 'GIMP 2.10.36', 'Snapseed 2.0', 'Imaging Edge Edit 1.4']) assert.equal(importToolIn(editor), undefined, editor);
});
