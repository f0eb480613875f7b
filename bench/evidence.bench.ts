import '../test/evidence/quiet.ts';
/**
 * Evidence pipeline bench: our checks against baselines measured in the same run, on media
 * generated here (into a temp dir, deleted after).
 *
 *  1. A 60 s 1080p30 H.264 packing video (keyframe every 1 s, like phones; label and SKU
 *     shown from 8 s on) checked end to end, cold (first file in a process: zxing + OCR
 *     load) and warm (what a pool thread sees), beside
 *       - the floor: ffmpeg decoding only its keyframes (`-skip_frame nokey`, output discarded);
 *       - a naive pipeline: 1 frame per second, whole frames, zxing + OCR on every frame.
 *  2. A 12 MP camera JPEG label photo checked end to end, beside sharp's own decode + stats().
 *
 * Goals: video ≤ 2 s wall on 2 cores; photo ≤ 1.5× sharp's decode + stats.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';
import { createRequire } from 'node:module';
import { readBarcodesGray } from '../src/evidence/media/barcodes.ts';
import { FFMPEG_PATH } from '../src/evidence/media/bin.ts';
import { streamFrames } from '../src/evidence/media/frames.ts';
import { closeOcr } from '../src/evidence/media/ocr.ts';
import { sharpOfGray } from '../src/evidence/media/gray-image.ts';
import { runChecks } from '../src/evidence/run-checks.ts';
import { policyByVersion } from '../src/policy/policies.ts';
import { cameraScene, exifCamera, labelCard, SKU, skuCard, TRACKING } from '../test/fixtures/make-fixtures.ts';



const out = (s: string) => process.stdout.write(`${s}\n`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(FFMPEG_PATH, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 26 }, (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())),
  );
}

export async function makeVideo(dir: string): Promise<string> {
  const label = join(dir, 'label.png');
  const sku = join(dir, 'sku.png');
  await writeFile(label, await labelCard(640, 2));
  await sharp(skuCard(640)).png().toFile(sku);
  const path = join(dir, 'pack-60s-1080p30.mp4');
  await ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=60,noise=alls=16:allf=t+u:all_seed=3',
    '-i', label, '-i', sku,
    '-filter_complex', "[0:v][1:v]overlay=x=200:y=500:enable='gte(t,8)'[a];[a][2:v]overlay=x=1000:y=150:enable='gte(t,8)'[v]",
    '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '8M', '-g', '30', '-pix_fmt', 'yuv420p', '-fflags', '+bitexact',
    '-movflags', 'use_metadata_tags', '-metadata', 'com.apple.quicktime.make=Apple', '-metadata', 'com.apple.quicktime.model=iPhone 13',
    path,
  ]);
  return path;
}

/** The naive way: every second, the whole frame, zxing then OCR (tesseract's automatic page layout). */
async function naive(path: string): Promise<{ frames: number; found: boolean }> {
  const require = createRequire(import.meta.url);
  const langPath = join(require.resolve('@tesseract.js-data/eng').replace(/index\.js$/, ''), '4.0.0_best_int');
  const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  await worker.setParameters({ user_defined_dpi: '300' });
  let frames = 0;
  let found = false;
  try {
    for await (const frame of streamFrames(path, { sample: { fps: 1 }, width: 1920, height: 1080 })) {
      frames++;
      const codes = await readBarcodesGray(frame);
      const png = await sharpOfGray(frame).png({ compressionLevel: 1 }).toBuffer();
      const { data } = await worker.recognize(png);
      found ||= codes.some((c) => c.text === TRACKING) && data.text.includes(SKU);
    }
  } finally {
    await worker.terminate();
  }
  return { frames, found };
}

export async function benchEvidence(): Promise<void> {
  const policy = policyByVersion('2024-05.1');
  if (!policy) throw new Error('policy 2024-05.1 missing');
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  try {
    out('evidence bench (2 cores; each figure one run in this process)');
    const [video, genMs] = await timed(() => makeVideo(dir));
    out(`  generated 60 s 1080p30 H.264 in ${sec(genMs)}`);
    const ctx = { policy, skus: [SKU], trackingNumber: TRACKING, proofDir: dir };

    const [cold, coldMs] = await timed(() => runChecks(video, 'packing_video', ctx, { timeoutMs: 120_000 }));
    const [warm, warmMs] = await timed(() => runChecks(video, 'packing_video', ctx, { timeoutMs: 120_000 }));
    const [, floorMs] = await timed(() => ffmpeg(['-skip_frame', 'nokey', '-i', video, '-an', '-f', 'null', '-']));
    const [nv, naiveMs] = await timed(() => naive(video));
    const frames = warm.checks.find((c) => c.id === 'video.sku')?.details?.framesRead;
    out('  packing video, 60 s 1080p30:');
    out(`    ours, cold (loads zxing + OCR)   ${sec(coldMs)}  status ${cold.status}`);
    out(`    ours, warm (pool thread)         ${sec(warmMs)}  status ${warm.status}, ${String(frames)} keyframes read`);
    out(`    floor: decode all keyframes      ${sec(floorMs)}  ours warm / floor = ${(warmMs / floorMs).toFixed(2)}×`);
    out(`    naive: 1 fps, whole frames       ${sec(naiveMs)}  (${nv.frames} frames, found both: ${nv.found})  naive / ours warm = ${(naiveMs / warmMs).toFixed(1)}×`);
    out(`    goal ≤ 2 s: ${warmMs <= 2000 ? 'met' : 'MISSED'} warm, ${coldMs <= 2000 ? 'met' : 'MISSED'} cold`);

    const photo = join(dir, 'label-12mp.jpg');
    await sharp(await cameraScene(4000, 3000, 5)).jpeg({ quality: 90 }).withExif(exifCamera(4000, 3000)).toFile(photo);
    const photoCtx = { policy, trackingNumber: TRACKING };
    await runChecks(photo, 'label_photo', photoCtx); // warm-up, as above
    const ours: number[] = [];
    const base: number[] = [];
    let status = '';
    for (let i = 0; i < 5; i++) {
      const [r, ms] = await timed(() => runChecks(photo, 'label_photo', photoCtx));
      status = r.status;
      ours.push(ms);
      base.push((await timed(() => sharp(photo).stats()))[1]);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    out('  label photo, 12 MP JPEG (median of 5):');
    out(`    ours, end to end                 ${sec(median(ours))}  status ${status}`);
    out(`    sharp decode + stats()           ${sec(median(base))}  ours / sharp = ${(median(ours) / median(base)).toFixed(2)}×  (goal ≤ 1.5×: ${median(ours) <= 1.5 * median(base) ? 'met' : 'MISSED'})`);
  } finally {
    await closeOcr();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchEvidence();
