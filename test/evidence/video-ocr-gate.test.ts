import './quiet.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { streamFrames } from '../../src/evidence/media/frames.ts';
import { closeReaders } from '../../src/evidence/media/readers.ts';
import { findLayout, findPrintedLines, findTextLines } from '../../src/evidence/media/regions.ts';
import { ensureScanFixtures, SCAN_FIXTURES } from '../fixtures/make-scan-fixtures.ts';
import { only, SKU, TRACKING } from './evidence-helpers.ts';

before(async () => {
  await ensureScanFixtures();
});
after(closeReaders);

const read = (path: string) => only(path, 'packing_video', ['video.sku', 'video.label']);

/** Per keyframe: how many line-like rows its paper has, and how many of them are print. */
async function linesPerFrame(path: string): Promise<Array<{ rows: number; printed: number }>> {
  const out: Array<{ rows: number; printed: number }> = [];
  for await (const frame of streamFrames(path, { sample: 'keyframes', maxSide: 1920 })) {
    const { paper } = findLayout(frame);
    out.push({ rows: paper.flatMap((p) => findTextLines(frame, p)).length, printed: paper.flatMap((p) => findPrintedLines(frame, p)).length });
  }
  return out;
}

test("a test pattern's bright bar crossed by a line looks like lines to the row profile, but holds no print", async () => {
  const frames = await linesPerFrame(SCAN_FIXTURES.patternNoLabel1080);
  assert.equal(frames.length, 5);
  assert.ok(frames.some((f) => f.rows > 0), `line-like rows per frame: ${JSON.stringify(frames)}`);
  assert.deepEqual(frames.map((f) => f.printed), [0, 0, 0, 0, 0]);
});

test('a label-less 1080p video is read without any OCR, and fails both reads for review', async () => {
  const r = await read(SCAN_FIXTURES.patternNoLabel1080);
  const [sku, label] = r.checks;
  assert.equal(sku?.code, 'VIDEO.SKU_UNREADABLE');
  assert.equal(label?.code, 'VIDEO.LABEL_UNREADABLE');
  for (const row of [sku, label]) {
    assert.equal(row?.details?.framesRead, 5);
    assert.equal(row?.details?.ocrFrames, 0);
  }
});

test('a SKU shown only as print is still read by OCR beside the label barcode', async () => {
  const frames = await linesPerFrame(SCAN_FIXTURES.textSku1080);
  assert.ok(frames.slice(2).every((f) => f.printed > 0), `lines of print from 2 s on: ${JSON.stringify(frames)}`);
  const r = await read(SCAN_FIXTURES.textSku1080);
  const [sku, label] = r.checks;
  assert.equal(label?.code, 'VIDEO.LABEL_SEEN');
  assert.match(String(label?.proof?.[0]?.text), new RegExp(`barcode: ${TRACKING}`));
  assert.equal(sku?.code, 'VIDEO.SKU_SEEN', JSON.stringify(sku?.details));
  assert.match(String(sku?.proof?.[0]?.text), new RegExp(`text: .*${SKU.slice(-5)}`));
  assert.ok(Number(sku?.proof?.[0]?.atSeconds) >= 2);
  assert.ok(Number(sku?.details?.ocrFrames) >= 1 && Number(sku?.details?.ocrFrames) <= 2, `ocrFrames ${sku?.details?.ocrFrames}`);
});
