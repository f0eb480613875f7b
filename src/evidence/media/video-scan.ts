/**
 * One pass over a packing video looking for the order's SKUs and tracking number, shared by
 * `video.sku` and `video.label`. Barcodes first, OCR only for what they leave missing:
 *   1. keyframes only (no inter-frame decoding), in order, as they decode. On every frame the
 *      code-like regions are cropped and read by zxing (a few ms, where the whole frame cost
 *      54 ms); stop as soon as every target is seen.
 *   2. only if something is still missing and keyframes are sparse (gaps over 2.5 s, where a
 *      label shown briefly could hide), one frame per second, the same way.
 *   3. OCR (tesseract, 0.6 s to start, about 30 ms a line) only for targets still missing, on
 *      at most MAX_OCR_FRAMES frames where paper (a label, a card) with lines of print was seen
 *      (a bright surface without print is not: the bench's label-less video OCR'd 2 frames of a
 *      test pattern's yellow bar for nothing). The passes keep the CANDIDATES frames with a
 *      barcode or else the most paper; their lines of print are looked for only here, when OCR
 *      is needed (on every frame they cost 1.2-1.7 ms of a 1080p frame's 5-6, for a video
 *      whose barcodes were read). A frame that read a target's barcode is
 *      OCR'd at once (what is missing is likely printed beside it), so a video showing the
 *      label and a printed SKU together stops at that frame.
 * Keyframe times come from ffprobe running beside the decode. Each frame where something new
 * was read gets a thumbnail in proofDir with a box around each read.
 */
import { join } from 'node:path';
import { codeMatches } from '../match.ts';
import { evidenceLog } from '../log.ts';
import { readBarcodesGray } from './barcodes.ts';
import { readKeyframe, streamFrames, type FrameOptions } from './frames.ts';
import { crop, writeThumbnail, type Box, type GrayImage } from './gray-image.ts';
import { throwIfAborted } from './media-error.ts';
import type { VideoProbe } from './probe.ts';
import { readLineBoxes } from './read-picture.ts';
import { findLayout, findPrintedLines } from './regions.ts';

export interface ScanTargets {
  skus: readonly string[];
  trackingNumber?: string;
}

export interface Sighting {
  atSeconds: number;
  source: 'barcode' | 'text';
  text: string;
  /** Thumbnail file name, relative to proofDir. */
  image?: string;
}

export interface VideoScan {
  framesRead: number;
  /** Frames whose lines of print went to OCR. */
  ocrFrames: number;
  passes: Array<'keyframes' | 'sampled'>;
  /** First sighting of each SKU, by the SKU as the order spells it. */
  skus: Record<string, Sighting>;
  tracking?: Sighting;
  /** Everything read that matched nothing (first few), so a failure can say what was seen. */
  otherReads: Sighting[];
  complete: boolean;
}

/**
 * Frames are read at most this size. Not 1280: on the bench video (1080p, 2 px bar modules)
 * 1280 px frames gave 0 of its 2 barcodes, thorough or not; 1920 px gave both.
 */
const MAX_SIDE = 1920;
/** Keyframe gaps above this trigger the sampled pass (phones write one every 1-2 s). */
const MAX_KEYFRAME_GAP_SECONDS = 2.5;
const SAMPLE_FPS = 1;
const MAX_THUMBNAILS = 6;
const MAX_OTHER_READS = 10;
/** OCR at most this many frames per video, 8 lines each: a label-less video costs ≤ 16 lines. */
const MAX_OCR_FRAMES = 2;
/** Frames kept for OCR, twice MAX_OCR_FRAMES (some hold paper without print): 4 × 2 MB at 1080p. */
const CANDIDATES = 2 * MAX_OCR_FRAMES;
const OCR_LINES_PER_FRAME = 8;

/** A frame kept for OCR after the barcode passes. */
interface OcrCandidate {
  frame: GrayImage;
  atSeconds: number;
  paper: Box[];
  /** Barcodes read on it (their rows are not lines of print). */
  codeBoxes: Box[];
  score: number;
}

export async function scanVideo(
  path: string,
  facts: { probe: () => Promise<VideoProbe>; keyframeTimes: () => Promise<readonly number[]> },
  targets: ScanTargets,
  opts: {
    proofDir?: string;
    proofPrefix: () => Promise<string>;
    signal?: AbortSignal;
    /** Frames over this many pixels are refused by the decoder (the policy's limit): the scan may start before `video.limits` has spoken. */
    maxPixels?: number;
    /** Sees each frame of the keyframe pass (its index among the keyframes) before the scan looks at it. */
    onKeyframe?: (index: number, frame: GrayImage) => void | Promise<void>;
  },
): Promise<VideoScan> {
  const scan: VideoScan = { framesRead: 0, ocrFrames: 0, passes: [], skus: {}, otherReads: [], complete: false };
  const isComplete = () =>
    targets.skus.every((s) => scan.skus[s]) && (!targets.trackingNumber || scan.tracking !== undefined);
  if (isComplete()) return { ...scan, complete: true };
  let thumbnails = 0;
  const seenTexts = new Set<string>();
  const candidates: OcrCandidate[] = [];

  /** Records reads not seen before; returns this frame's new sightings with their boxes. */
  const note = (reads: Array<{ source: Sighting['source']; text: string; box: Box }>, atSeconds: number) => {
    const fresh: Array<{ sighting: Sighting; box: Box; target: boolean }> = [];
    for (const r of reads) {
      const key = `${r.source}:${r.text}`;
      if (seenTexts.has(key)) continue;
      seenTexts.add(key);
      const s: Sighting = { atSeconds: round(atSeconds), source: r.source, text: r.text };
      let matched = false;
      for (const sku of targets.skus) {
        if (!scan.skus[sku] && codeMatches(r.text, sku)) [scan.skus[sku], matched] = [s, true];
      }
      if (targets.trackingNumber && !scan.tracking && codeMatches(r.text, targets.trackingNumber)) [scan.tracking, matched] = [s, true];
      if (!matched && scan.otherReads.length < MAX_OTHER_READS) scan.otherReads.push(s);
      fresh.push({ sighting: s, box: r.box, target: matched });
    }
    return fresh;
  };

  const proof = async (frame: GrayImage, atSeconds: number, fresh: Array<{ sighting: Sighting; box: Box }>) => {
    if (!fresh.length || !opts.proofDir || thumbnails >= MAX_THUMBNAILS) return;
    thumbnails++;
    const image = `${await opts.proofPrefix()}-t${Math.round(atSeconds * 1000)}ms.jpg`;
    await writeThumbnail(frame, join(opts.proofDir, image), 480, fresh.map((f) => f.box));
    for (const f of fresh) f.sighting.image = image;
  };

  /** OCRs a frame's lines of print (none: paper without print, a bright wall or a test pattern's bar, is not worth OCR). */
  const ocr = async (frame: GrayImage, atSeconds: number, paper: readonly Box[], codeBoxes: Box[]) => {
    const fresh: ReturnType<typeof note> = [];
    const lines = printedLines(frame, paper, codeBoxes);
    if (!lines.length) return fresh;
    scan.ocrFrames++;
    await readLineBoxes(frame, lines, {
      signal: opts.signal,
      onLine: (line) => {
        fresh.push(...note([{ source: 'text', text: line.text, box: line.box }], atSeconds));
        return isComplete();
      },
    });
    return fresh;
  };

  const onFrame = async (frame: GrayImage, atSeconds: () => Promise<number>) => {
    scan.framesRead++;
    const layout = findLayout(frame);
    const codes: Array<{ source: 'barcode'; text: string; box: Box }> = [];
    for (const region of layout.codes) {
      throwIfAborted(opts.signal);
      for (const b of await readBarcodesGray(crop(frame, region.x, region.y, region.width, region.height))) {
        codes.push({ source: 'barcode', text: b.text, box: { ...b.box, x: b.box.x + region.x, y: b.box.y + region.y } });
      }
    }
    const t = codes.length ? await atSeconds() : 0;
    const fresh = note(codes, t);
    if (!isComplete() && layout.paper.length) {
      // A target's barcode is in view: what is still missing is likely printed beside it.
      const targetInView = fresh.some((f) => f.target) && scan.ocrFrames < MAX_OCR_FRAMES;
      const score = layout.paper.reduce((a, b) => a + b.width * b.height, 0) + (codes.length ? 1e9 : 0);
      const codeBoxes = codes.map((r) => r.box);
      if (targetInView) fresh.push(...(await ocr(frame, t, layout.paper, codeBoxes)));
      else if (wouldKeep(candidates, score, CANDIDATES)) keepBest(candidates, { frame, atSeconds: await atSeconds(), paper: layout.paper, codeBoxes, score }, CANDIDATES);
    }
    await proof(frame, t, fresh);
  };

  const run = async (frameOpts: FrameOptions, timeOf: (i: number) => Promise<number>, onEach?: typeof opts.onKeyframe) => {
    let i = 0;
    for await (const frame of streamFrames(path, frameOpts)) {
      const index = i++;
      await onEach?.(index, frame);
      await onFrame(frame, () => timeOf(index));
      if (isComplete()) break;
    }
  };

  scan.passes.push('keyframes');
  let keyTimes: Promise<readonly number[]> | undefined;
  const keyframePass = run({ sample: 'keyframes', maxSide: MAX_SIDE, maxPixels: opts.maxPixels, signal: opts.signal }, async (i) => (await keyTimes!)[i] ?? 0, opts.onKeyframe);
  // Asked once ffmpeg is on its way (run() posts its start before its first await): ffprobe's
  // spawn costs this thread 5-10 ms, which no longer comes before the first frame's decode.
  keyTimes = facts.keyframeTimes();
  keyTimes.catch(() => undefined); // awaited below; a failure surfaces there
  await keyframePass;
  throwIfAborted(opts.signal);
  if (!isComplete()) {
    const times = await keyTimes!;
    const probe = await facts.probe();
    const end = probe.videoSeconds ?? probe.containerSeconds ?? 0;
    const gaps = [...times, end].map((t, i, all) => t - (i === 0 ? 0 : (all[i - 1] as number)));
    if (times.length < 2 || Math.max(...gaps) > MAX_KEYFRAME_GAP_SECONDS) {
      scan.passes.push('sampled');
      await run({ sample: { fps: SAMPLE_FPS }, maxSide: MAX_SIDE, maxPixels: opts.maxPixels, signal: opts.signal }, async (i) => i / SAMPLE_FPS);
    }
  }
  for (const c of candidates) {
    if (isComplete() || scan.ocrFrames >= MAX_OCR_FRAMES) break;
    throwIfAborted(opts.signal);
    await proof(c.frame, c.atSeconds, await ocr(c.frame, c.atSeconds, c.paper, c.codeBoxes));
  }
  scan.complete = isComplete();
  evidenceLog.debug({ path, framesRead: scan.framesRead, passes: scan.passes, ocrFrames: scan.ocrFrames, complete: scan.complete }, 'video scanned');
  return scan;
}

/** The keyframe at `atSeconds` with the pixels the scan's keyframe pass gives it (see `readKeyframe`). */
export function readScanKeyframe(path: string, atSeconds: number, signal?: AbortSignal): Promise<GrayImage> {
  return readKeyframe(path, atSeconds, MAX_SIDE, signal);
}

/** The lines of print on a frame's paper regions, skipping codes already read, at most OCR_LINES_PER_FRAME. */
function printedLines(frame: GrayImage, paper: readonly Box[], codeBoxes: Box[]): Box[] {
  return paper.flatMap((region) => findPrintedLines(frame, region, codeBoxes)).slice(0, OCR_LINES_PER_FRAME);
}

/** Whether keepBest would keep a candidate of this score. */
function wouldKeep(list: readonly OcrCandidate[], score: number, max: number): boolean {
  return list.length < max || list.some((x) => x.score < score);
}

/** Keeps the `max` best-scoring candidates, best first (earlier frames win ties). */
function keepBest(list: OcrCandidate[], c: OcrCandidate, max: number): void {
  const at = list.findIndex((x) => x.score < c.score);
  if (at < 0 && list.length >= max) return;
  list.splice(at < 0 ? list.length : at, 0, c);
  list.length = Math.min(list.length, max);
}

const round = (t: number) => Math.round(t * 100) / 100;
