import '../test/evidence/quiet.ts';
/**
 * Photo metadata: what reading through ExifTool (batch process, src/evidence/media/exiftool.ts)
 * costs, beside exifr (in-process JavaScript, the reader before issue 10) in the same run, on
 * the provenance fixtures and a 12 MP camera JPEG generated here.
 *
 *  - first call in a thread: perl starts and compiles ExifTool, then reads one file;
 *  - per file, warm: median of 5 rounds over every file, each reader on the same files.
 *
 * No goal in ms: ExifTool is chosen for what it reads (EXIF dialects exifr misses); this says
 * what that costs next to the rest of a photo check (a 12 MP decode + analysis is ≈ 0.3–0.5 s).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { closeExiftool } from '../src/evidence/media/exiftool.ts';
import { readPhotoMeta } from '../src/evidence/media/photo-meta.ts';
import { cameraScene, ensureFixtures, exifCamera } from '../test/fixtures/make-fixtures.ts';
import { ensureProvenanceFixtures, pagePath } from '../test/fixtures/make-provenance-fixtures.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const fx = await ensureFixtures();
const px = await ensureProvenanceFixtures();
const dir = await mkdtemp(join(tmpdir(), 'photo-meta-bench-'));
try {
  const big = join(dir, 'camera-12mp.jpg');
  await sharp(await cameraScene(4000, 3000, 5)).jpeg({ quality: 90 }).withExif(exifCamera(4000, 3000)).toFile(big);
  const files = [big, fx.cameraJpeg, fx.editedJpeg, fx.screenshotPng, fx.strippedPhotoJpeg, px.transferJpeg, px.exifOneNullJpeg, px.exifLateJpeg, px.photoshopSavedJpeg, pagePath(3, false)];
  const exifrRead = (p: string) => exifr.parse(p, { tiff: true, exif: true, xmp: true, userComment: true, mergeOutput: true }).catch(() => undefined);

  const firstExiftool = await timed(() => readPhotoMeta(files[0] as string));
  const firstExifr = await timed(() => exifrRead(files[0] as string));

  const perExiftool: number[] = [];
  const perExifr: number[] = [];
  for (let round = 0; round < 5; round++) {
    perExiftool.push((await timed(async () => { for (const f of files) await readPhotoMeta(f); })) / files.length);
    perExifr.push((await timed(async () => { for (const f of files) await exifrRead(f); })) / files.length);
  }
  const decode = median(await Promise.all([0, 1, 2].map(() => timed(() => sharp(big).stats()))));

  out(`  photo metadata, ${files.length} files (12 MP JPEG, fixtures: JPEG, PNG, odd EXIF layouts):`);
  out(`    first call in a thread: ExifTool ${ms(firstExiftool)} (perl start + compile + 1 file); exifr ${ms(firstExifr)}`);
  out(`    per file, warm (median of 5): ExifTool ${ms(median(perExiftool))}; exifr ${ms(median(perExifr))} (ratio ${(median(perExiftool) / median(perExifr)).toFixed(1)}×)`);
  out(`    for scale: sharp decode + stats of the 12 MP JPEG ${ms(decode)}; ExifTool per file is ${((median(perExiftool) / decode) * 100).toFixed(0)} % of it`);
} finally {
  await closeExiftool();
  await rm(dir, { recursive: true, force: true });
}
