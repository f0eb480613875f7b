import './quiet.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ReuseHit } from '../../src/evidence/check.ts';
import { phashFile } from '../../src/evidence/evidence-file.ts';
import { sha256File } from '../../src/evidence/hash.ts';
import { dHashGray, hammingDistance } from '../../src/evidence/phash.ts';
import { readScanKeyframe } from '../../src/evidence/media/video-scan.ts';
import { closeReaders } from '../../src/evidence/media/readers.ts';
import { ensureVideoFixtures } from '../fixtures/video-fixtures.ts';
import { ensureFixtures, only, policy, tempDir } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
let stripes: string;
before(async () => {
  fx = await ensureFixtures();
  stripes = (await ensureVideoFixtures()).turningStripes;
});
after(closeReaders);

/** A fake store holding one earlier evidence file: answers as a real store would. */
function storeWith(disputeId: string, sha256: string, phash: string) {
  return (sha: string, ph: string | undefined): ReuseHit[] => {
    const distance = sha === sha256 ? 0 : ph ? hammingDistance(ph, phash) : 64;
    return [{ disputeId, evidenceId: 'ev-1', sha256, distance }];
  };
}

const reuse = async (path: string, extra: Parameters<typeof only>[3]) => (await only(path, 'label_photo', ['reuse'], extra)).checks[0]!;

test('the same file on another dispute fails', async () => {
  const findReuse = storeWith('D-OTHER', await sha256File(fx.cameraJpeg), (await phashFile(fx.cameraJpeg, policy))!);
  const row = await reuse(fx.cameraJpeg, { disputeId: 'D-1', findReuse });
  assert.equal(row.code, 'REUSE.SAME_FILE');
});

test('the same file on the same dispute is not reuse', async () => {
  const findReuse = storeWith('D-1', await sha256File(fx.cameraJpeg), (await phashFile(fx.cameraJpeg, policy))!);
  const row = await reuse(fx.cameraJpeg, { disputeId: 'D-1', findReuse });
  assert.equal(row.code, 'REUSE.NONE');
});

test('a re-saved, resized copy is a near duplicate (for review)', async () => {
  const copy = join(tempDir(), 'copy.jpg');
  await sharp(fx.cameraJpeg).resize(1000).jpeg({ quality: 60 }).toFile(copy);
  const findReuse = storeWith('D-OTHER', await sha256File(fx.cameraJpeg), (await phashFile(fx.cameraJpeg, policy))!);
  const row = await reuse(copy, { disputeId: 'D-1', findReuse });
  assert.equal(row.code, 'REUSE.NEAR_DUPLICATE');
  // Well inside the policy's 6 bits: shrinking straight to 9×8 cells put this copy 5 bits away.
  assert.ok(hammingDistance((await phashFile(copy, policy))!, (await phashFile(fx.cameraJpeg, policy))!) <= 2);
  assert.equal(row.basis, 'perceived');
});

test('a different picture is not reuse', async () => {
  const findReuse = storeWith('D-OTHER', await sha256File(fx.cameraJpeg), (await phashFile(fx.cameraJpeg, policy))!);
  const row = await reuse(fx.strippedScreenshotJpeg, { disputeId: 'D-1', findReuse });
  assert.equal(row.code, 'REUSE.NONE');
});

test('no store, no verdict: skip', async () => {
  const row = await reuse(fx.cameraJpeg, {});
  assert.equal(row.status, 'skip');
});

test('phash: 16 hex digits; a video hashes its middle keyframe; re-encodes stay close', async () => {
  const a = await phashFile(fx.video20, policy);
  const b = await phashFile(fx.reencoded, policy);
  assert.match(a!, /^[0-9a-f]{16}$/);
  assert.ok(hammingDistance(a!, b!) <= policy.evidence.reuseMaxHammingDistance, `${a} vs ${b}`);
  assert.ok(hammingDistance(a!, (await phashFile(fx.strippedScreenshotJpeg, policy))!) > policy.evidence.reuseMaxHammingDistance);
  assert.equal(hammingDistance('ffffffffffffffff', '0000000000000000'), 64);
});

test("a packing video's phash is its middle keyframe's, taken from the scan or decoded on its own", async () => {
  // 10 s, a keyframe a second, every one a different picture: the middle one is at 5 s.
  const [k4, k5, k6] = await Promise.all([4, 5, 6].map(async (t) => dHashGray(await readScanKeyframe(stripes, t))));
  assert.ok(new Set([k4, k5, k6]).size === 3, `${k4} ${k5} ${k6}`);
  // A SKU that is never found: the scan reads every keyframe, the middle one too.
  const scanned = await only(stripes, 'packing_video', ['video.sku'], { skus: ['SKU-NOT-THERE'] });
  assert.equal(scanned.checks[0]!.details?.framesRead, 10);
  assert.equal(scanned.phash, k5);
  // No scan (no SKU to look for): the hash decodes that keyframe itself, with the same result.
  assert.equal((await only(stripes, 'packing_video', ['video.duration'])).phash, k5);
  assert.equal(await phashFile(stripes, policy), k5);
});
