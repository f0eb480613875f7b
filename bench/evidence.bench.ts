import '../test/evidence/quiet.ts';
/**
 * Evidence pipeline bench: our checks against baselines measured in the same run, on media
 * generated here (into a temp dir, deleted after; nothing committed).
 *
 *  1. A 60 s 1080p30 H.264 packing video (a keyframe every 1 s, like phones) whose SKU barcode
 *     and parcel label appear ONLY from 35 s on, checked end to end in process (cold: first file
 *     in a process, zxing loads; warm: what a pool thread sees, median of 7 taken in turns with
 *     7 floor decodes, compared with their median) and through the CLI (median of 7, in turns
 *     with 7 floor decodes of its own) (`bin/dispute.js check`, what `npx dispute check` runs
 *     after npm's own start-up: compiled dist/, so `npm run build` first), beside
 *       - the floor: ffmpeg decoding only its keyframes (`-skip_frame nokey`, output discarded);
 *       - the naive user pipeline: ffmpeg writes 1 frame per second as PNG, zbarimg reads them
 *         (Debian's zbar-tools; skipped, and said so, when zbarimg is missing).
 *  2. The same video without any label: the scan reads every keyframe and OCRs only frames with
 *     lines of print (none here: its test pattern has bright bars, not print).
 *  3. A 12 MP camera JPEG label photo checked end to end, beside sharp's own decode + stats().
 *
 * Goals: video in process ≤ 1.5× the floor; CLI wall ≤ floor + 0.6 s; label-less ≤ 3× the
 * floor; photo ≤ 1.5× sharp's decode + stats; our reads ⊇ zbarimg's.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { closeOcr } from '../src/evidence/media/ocr.ts';
import type { EvidenceReport } from '../src/evidence/report.ts';
import { runChecks } from '../src/evidence/run-checks.ts';
import { policyByVersion } from '../src/policy/policies.ts';
import { cameraScene, exifCamera, SKU, TRACKING } from '../test/fixtures/make-fixtures.ts';
import { ffmpegRun, makeLateLabelVideo, type LateLabelVideo } from '../test/fixtures/video-fixtures.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const range = (xs: number[]) => `${sec(Math.min(...xs))} to ${sec(Math.max(...xs))}`;
/** Runs of the warm check, and of the CLI, each taken in turns with a floor decode (`inTurns`). */
const RUNS = 7;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** 1080p30, 8 Mbit/s, 2 px bar modules: a phone's packing video. */
const PACKING: LateLabelVideo = { width: 1920, height: 1080, fps: 30, seconds: 60, fromSeconds: 35, gop: 30, skuAs: 'barcode', labelWidth: 640, labelScale: 2, bitrate: '8M' };

const floorDecode = (video: string) => ffmpegRun(['-skip_frame', 'nokey', '-i', video, '-an', '-f', 'null', '-']);

/**
 * `runs` runs of `measure`, each followed by a floor decode of `video`: compared by their medians,
 * since on this shared 2-core machine one run of either moved by up to 30 % from one to the next.
 */
async function inTurns<T>(runs: number, video: string, measure: () => Promise<T> | T): Promise<{ results: T[]; times: number[]; floors: number[] }> {
  const results: T[] = [];
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [r, ms] = await timed(measure);
    results.push(r);
    times.push(ms);
    floors.push((await timed(() => floorDecode(video)))[1]);
  }
  return { results, times, floors };
}

/** What the reads of a report were: `["barcode: LP…", …]` from the video checks' proofs. */
const readsOf = (r: EvidenceReport) => r.checks.filter((c) => c.id === 'video.sku' || c.id === 'video.label').flatMap((c) => (c.proof ?? []).map((p) => p.text ?? ''));

/** The naive way: ffmpeg writes one PNG a second, zbarimg reads every one. */
async function naive(video: string, dir: string): Promise<{ frames: number; reads: string[] } | undefined> {
  if (spawnSync('zbarimg', ['--version']).error) return undefined;
  const pngs = join(dir, 'naive');
  await mkdir(pngs, { recursive: true });
  await ffmpegRun(['-i', video, '-an', '-vf', 'fps=1', join(pngs, 'f%03d.png')]);
  const files = (await readdir(pngs)).map((f) => join(pngs, f));
  // zbarimg exits 4 when a picture has no code: not a failure here.
  const text = await new Promise<string>((resolve) => execFile('zbarimg', ['-q', '--raw', ...files], { maxBuffer: 1 << 24 }, (_e, stdout) => resolve(stdout)));
  return { frames: files.length, reads: [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))] };
}

const DISPUTE_BIN = fileURLToPath(new URL('../bin/dispute.js', import.meta.url));

/** `dispute check --json` of the video in a process of its own: its exit status. */
function cliCheck(video: string): number | null {
  return spawnSync(process.execPath, [DISPUTE_BIN, 'check', video, '--kind', 'packing_video', '--sku', SKU, '--tracking', TRACKING, '--json'], { encoding: 'utf8' }).status;
}

/** Wall time of one node process running `args` (its exit status does not matter here). */
function processMs(args: string[]): number {
  const t0 = performance.now();
  spawnSync(process.execPath, args, { encoding: 'utf8' });
  return performance.now() - t0;
}

export async function benchEvidence(): Promise<void> {
  const policy = policyByVersion('2024-05.1');
  if (!policy) throw new Error('policy 2024-05.1 missing');
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  try {
    out('evidence bench (2 cores; each figure one run in this process unless it says median)');
    const video = join(dir, 'pack-60s-1080p30-late.mp4');
    const bare = join(dir, 'pack-60s-1080p30-no-labels.mp4');
    const [, genMs] = await timed(async () => {
      await makeLateLabelVideo(video, PACKING);
      await makeLateLabelVideo(bare, { ...PACKING, fromSeconds: PACKING.seconds + 1 });
    });
    out(`  generated two 60 s 1080p30 H.264 videos in ${sec(genMs)} (labels from ${PACKING.fromSeconds} s in the first, none in the second)`);
    const ctx = { policy, skus: [SKU], trackingNumber: TRACKING, proofDir: dir };

    const firstFloor = (await timed(() => floorDecode(video)))[1];
    const [cold, coldMs] = await timed(() => runChecks(video, 'packing_video', ctx, { timeoutMs: 120_000 }));
    const { results: warmReports, times: warmRuns, floors } = await inTurns(RUNS, video, () => runChecks(video, 'packing_video', ctx, { timeoutMs: 120_000 }));
    const warm = warmReports.at(-1) as EvidenceReport;
    const floorRuns = [firstFloor, ...floors];
    const floor = median(floorRuns);
    const warmMs = median(warmRuns);
    const frames = warm.checks.find((c) => c.id === 'video.sku')?.details?.framesRead;
    out('  packing video, 60 s 1080p30, labels only from 35 s:');
    out(`    floor: ffmpeg decodes its keyframes    ${sec(floor)}  (median of ${floorRuns.length}: ${range(floorRuns)})`);
    out(`    ours in process, cold                 ${sec(coldMs)}  ${(coldMs / floor).toFixed(2)}× floor  status ${cold.status}  (first file in this process: one run)`);
    out(`    ours in process, warm                 ${sec(warmMs)}  ${(warmMs / floor).toFixed(2)}× floor  status ${warm.status}, ${String(frames)} keyframes read  (median of ${RUNS}: ${range(warmRuns)}; best against best ${(Math.min(...warmRuns) / Math.min(...floorRuns)).toFixed(2)}×; goal ≤ 1.5×: ${verdict(warmMs <= 1.5 * floor)} warm, ${verdict(coldMs <= 1.5 * floor)} cold)`);
    if (existsSync(fileURLToPath(new URL('../dist/src/cli.js', import.meta.url)))) {
      // In turns with floor decodes of their own, as the warm runs: the allowance is a fixed 0.6 s,
      // so a floor taken a minute earlier, in another phase of this machine's speed, would not do.
      const cli = await inTurns(RUNS, video, () => cliCheck(video));
      const cliMs = median(cli.times);
      const cliFloor = median(cli.floors);
      out(`    CLI: dispute check --json, wall       ${sec(cliMs)}  floor + ${sec(cliMs - cliFloor)}  exit ${cli.results.join('/')}  (median of ${RUNS}: ${range(cli.times)}, in turns with floor decodes: median ${sec(cliFloor)}; goal ≤ floor + 0.6 s: ${verdict(cliMs <= cliFloor + 600)})`);
      // The CLI's fixed cost: a check that stops at its arguments, against node doing nothing.
      const nodeAlone = median(Array.from({ length: 5 }, () => processMs(['-e', '0'])));
      const usage = median(Array.from({ length: 5 }, () => processMs([DISPUTE_BIN, 'check'])));
      out(`    CLI start: dispute check (usage error) ${sec(usage)}  node -e 0 ${sec(nodeAlone)}  start cost ${sec(usage - nodeAlone)}  (median of 5)`);
    } else {
      out('    CLI: skipped, dist/ is not built (npm run build)');
    }
    const ours = readsOf(warm);
    out(`    our reads: ${ours.join(', ')}`);
    const [nv, naiveMs] = await timed(() => naive(video, dir));
    if (nv) {
      const missed = nv.reads.filter((r) => !ours.some((o) => o.endsWith(r)));
      out(`    naive: ffmpeg 1 fps PNGs + zbarimg    ${sec(naiveMs)}  ${(naiveMs / warmMs).toFixed(1)}× ours warm; ${nv.frames} frames; reads: ${nv.reads.join(', ') || 'none'}`);
      out(`    our reads ⊇ zbarimg's: ${missed.length ? `NO (we missed ${missed.join(', ')})` : 'yes'}`);
    } else {
      out('    naive: skipped, zbarimg is not installed (apt-get install -y zbar-tools)');
    }

    const { results: bareReports, times: bareRuns, floors: bareFloorRuns } = await inTurns(3, bare, () => runChecks(bare, 'packing_video', ctx, { timeoutMs: 120_000 }));
    const [bareFloorMs, bareMs] = [median(bareFloorRuns), median(bareRuns)];
    const noLabels = bareReports.at(-1) as EvidenceReport;
    out('  packing video, 60 s 1080p30, no label at all (medians of 3, in turns):');
    out(`    floor: ffmpeg decodes its keyframes    ${sec(bareFloorMs)}`);
    const ocrFrames = noLabels.checks.find((c) => c.id === 'video.sku')?.details?.ocrFrames;
    out(`    ours in process                       ${sec(bareMs)}  ${(bareMs / bareFloorMs).toFixed(2)}× floor  status ${noLabels.status}, ${String(ocrFrames)} frames OCR'd  (goal ≤ 3×: ${verdict(bareMs <= 3 * bareFloorMs)})`);

    const photo = join(dir, 'label-12mp.jpg');
    await sharp(await cameraScene(4000, 3000, 5)).jpeg({ quality: 90 }).withExif(exifCamera(4000, 3000)).toFile(photo);
    const photoCtx = { policy, trackingNumber: TRACKING };
    await runChecks(photo, 'label_photo', photoCtx); // warm-up, as above
    const oursPhoto: number[] = [];
    const base: number[] = [];
    let status = '';
    for (let i = 0; i < 5; i++) {
      const [r, ms] = await timed(() => runChecks(photo, 'label_photo', photoCtx));
      status = r.status;
      oursPhoto.push(ms);
      base.push((await timed(() => sharp(photo).stats()))[1]);
    }
    out('  label photo, 12 MP JPEG (median of 5):');
    out(`    ours, end to end                      ${sec(median(oursPhoto))}  status ${status}`);
    out(`    sharp decode + stats()                ${sec(median(base))}  ours / sharp = ${(median(oursPhoto) / median(base)).toFixed(2)}×  (goal ≤ 1.5×: ${verdict(median(oursPhoto) <= 1.5 * median(base))})`);
  } finally {
    await closeOcr();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchEvidence();
