/**
 * One pass over a packing video looking for the order's SKUs and tracking number, shared by
 * `video.sku` and `video.label`. Reads as few frames as it can:
 *   1. keyframes only (no inter-frame decoding), in order, stopping when everything is seen;
 *   2. only if something is still missing and keyframes are sparse (gaps over 2.5 s, where a
 *      label shown briefly could hide), one frame per second.
 * Each frame where something new was read gets a thumbnail in proofDir.
 */
import { join } from 'node:path';
import { codeMatches } from '../match.ts';
import { writeThumbnail, type GrayImage } from './gray-image.ts';
import { fitSize, streamFrames, type FrameOptions } from './frames.ts';
import { throwIfAborted } from './media-error.ts';
import type { VideoProbe } from './probe.ts';
import { readPicture } from './read-picture.ts';
import { evidenceLog } from '../log.ts';

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
  passes: Array<'keyframes' | 'sampled'>;
  /** First sighting of each SKU, by the SKU as the order spells it. */
  skus: Record<string, Sighting>;
  tracking?: Sighting;
  /** Everything read that matched nothing (first few), so a failure can say what was seen. */
  otherReads: Sighting[];
  complete: boolean;
}

/** Frames are read at most this size: a label's bars stay ≥ 2 px wide at 1080p. */
const MAX_SIDE = 1920;
/** Keyframe gaps above this trigger the sampled pass (phones write one every 1-2 s). */
const MAX_KEYFRAME_GAP_SECONDS = 2.5;
const SAMPLE_FPS = 1;
const MAX_THUMBNAILS = 6;
const MAX_OTHER_READS = 10;

export async function scanVideo(
  path: string,
  probe: VideoProbe,
  keyTimes: readonly number[],
  targets: ScanTargets,
  opts: { proofDir?: string; proofPrefix: string; signal?: AbortSignal },
): Promise<VideoScan> {
  const scan: VideoScan = { framesRead: 0, passes: [], skus: {}, otherReads: [], complete: false };
  const isComplete = () =>
    targets.skus.every((s) => scan.skus[s]) && (!targets.trackingNumber || scan.tracking !== undefined);
  if (isComplete()) return { ...scan, complete: true };
  const size = fitSize(probe.displayWidth, probe.displayHeight, MAX_SIDE);
  let thumbnails = 0;
  const seenTexts = new Set<string>();

  const onFrame = async (frame: GrayImage, atSeconds: number) => {
    scan.framesRead++;
    const fresh: Sighting[] = [];
    const reading = await readPicture(frame, {
      ocr: true,
      thorough: false,
      signal: opts.signal,
      // OCR stops once every target is seen (barcodes included).
      enough: (lines, barcodes) => {
        note(lines.map((l) => ({ source: 'text' as const, text: l.text })), barcodes.map((b) => ({ source: 'barcode' as const, text: b.text })));
        return isComplete();
      },
    });
    note(
      reading.lines.map((l) => ({ source: 'text' as const, text: l.text })),
      reading.barcodes.map((b) => ({ source: 'barcode' as const, text: b.text })),
    );
    if (fresh.length && opts.proofDir && thumbnails < MAX_THUMBNAILS) {
      thumbnails++;
      const image = `${opts.proofPrefix}-t${Math.round(atSeconds * 1000)}ms.jpg`;
      await writeThumbnail(frame, join(opts.proofDir, image));
      for (const s of fresh) s.image = image;
    }

    // Records reads not seen before into `fresh` (this frame's new sightings).
    function note(texts: Array<{ source: 'text'; text: string }>, codes: Array<{ source: 'barcode'; text: string }>): void {
      for (const r of [...codes, ...texts]) {
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
        fresh.push(s);
      }
    }
  };

  const run = async (frameOpts: FrameOptions, timeOf: (i: number) => number) => {
    let i = 0;
    for await (const frame of streamFrames(path, frameOpts)) {
      await onFrame(frame, timeOf(i++));
      if (isComplete()) break;
    }
  };

  scan.passes.push('keyframes');
  await run({ sample: 'keyframes', ...size, signal: opts.signal }, (i) => keyTimes[i] ?? 0);
  throwIfAborted(opts.signal);
  const end = probe.videoSeconds ?? probe.containerSeconds ?? 0;
  const gaps = [...keyTimes, end].map((t, i, all) => t - (i === 0 ? 0 : (all[i - 1] as number)));
  if (!isComplete() && (keyTimes.length < 2 || Math.max(...gaps) > MAX_KEYFRAME_GAP_SECONDS)) {
    scan.passes.push('sampled');
    await run({ sample: { fps: SAMPLE_FPS }, ...size, signal: opts.signal }, (i) => i / SAMPLE_FPS);
  }
  scan.complete = isComplete();
  evidenceLog.debug({ path, framesRead: scan.framesRead, passes: scan.passes, complete: scan.complete }, 'video scanned');
  return scan;
}

const round = (t: number) => Math.round(t * 100) / 100;
