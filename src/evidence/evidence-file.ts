/**
 * The file under test, with each costly fact computed at most once and shared by the checks
 * (hash, sniffed type, image header, EXIF, a grey working copy, ffprobe, the video scan).
 */
import { stat } from 'node:fs/promises';
import type { EvidenceKind } from '../domain/evidence-summary.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { sha256File } from './hash.ts';
import type { GrayImage } from './media/gray-image.ts';
import { warmBarcodes } from './media/barcodes.ts';
import { MediaError } from './media/media-error.ts';
import { readPhotoMeta, type PhotoMeta } from './media/photo-meta.ts';
import { keyframeTimes, probeVideo, type VideoProbe } from './media/probe.ts';
import { readScanKeyframe, scanVideo, type ScanTargets, type VideoScan } from './media/video-scan.ts';
import { dHashGray, hashKeyframe } from './phash.ts';
import { sniffFile, type Sniffed } from './sniff.ts';
import { loadSharp } from './media/sharp-lib.ts';

/** Photos are analysed at most this size: sharp's JPEG shrink-on-load makes it cheaper than a full decode. */
const WORKING_MAX_SIDE = 2048;

export interface ImageHeader {
  width: number;
  height: number;
  /** Size as shown, after EXIF orientation. */
  displayWidth: number;
  displayHeight: number;
  format: string;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

export class EvidenceFile {
  constructor(
    readonly path: string,
    readonly kind: EvidenceKind,
    readonly policy: Policy,
    readonly signal?: AbortSignal,
  ) {}

  readonly size = once(async () => (await stat(this.path)).size);
  readonly sha256 = once(() => sha256File(this.path));
  readonly sniff = once((): Promise<Sniffed> => sniffFile(this.path));

  /** Image size from the header only (no decode), for the pixel limit. */
  readonly imageHeader = once(async (): Promise<ImageHeader> => {
    // Header only, no decode: no pixel limit here, file.limits compares the declared size itself.
    const sharp = await loadSharp();
    const m = await sharp(this.path, { limitInputPixels: false }).metadata().catch((e: Error) => {
      throw new MediaError('IMAGE.UNREADABLE', `the image cannot be read: ${e.message}`);
    });
    if (!m.width || !m.height) throw new MediaError('IMAGE.UNREADABLE', 'the image has no size');
    const swap = (m.orientation ?? 1) >= 5;
    return {
      width: m.width,
      height: m.height,
      displayWidth: swap ? m.height : m.width,
      displayHeight: swap ? m.width : m.height,
      format: m.format ?? 'unknown',
    };
  });

  readonly photoMeta = once((): Promise<PhotoMeta> => readPhotoMeta(this.path));

  /** Grey, orientation-corrected, at most 2048 px: what every photo check looks at. */
  readonly workingGray = once(async (): Promise<GrayImage> => {
    const sharp = await loadSharp();
    const { data, info } = await sharp(this.path, { limitInputPixels: this.policy.evidence.maxPixels })
      .rotate()
      .resize({ width: WORKING_MAX_SIDE, height: WORKING_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((e: Error) => {
        throw new MediaError('IMAGE.UNREADABLE', `the image cannot be decoded: ${e.message}`);
      });
    return { data, width: info.width, height: info.height };
  });

  readonly probe = once((): Promise<VideoProbe> => probeVideo(this.path, this.signal));
  /** Keyframe times from packet flags (demux only). */
  readonly keyframes = once((): Promise<number[]> => keyframeTimes(this.path, this.signal));

  /** The keyframe a video's perceptual hash is taken from (phash.ts). */
  private readonly hashKeyframe = once(async () => {
    const p = await this.probe();
    return hashKeyframe(await this.keyframes(), p.videoSeconds ?? p.containerSeconds ?? 0);
  });

  private scan?: Promise<VideoScan>;
  /** The hash keyframe's dHash, taken as the scan decoded it; undefined when the scan stopped before it or failed. */
  private scannedHash?: Promise<string | undefined>;

  /** The shared SKU/label scan; the first caller's targets win (all checks of a run share one context). */
  videoScan(targets: ScanTargets, proofDir?: string): Promise<VideoScan> {
    if (this.scan) return this.scan;
    // zxing's wasm compiles while the first keyframe decodes; OCR starts only if barcodes leave something missing.
    if (targets.skus.length > 0 || targets.trackingNumber) warmBarcodes();
    let keep!: (hash: string | undefined) => void;
    this.scannedHash = new Promise((resolve) => (keep = resolve));
    // The phash takes its keyframe from the scan when the scan decodes it: no second ffmpeg
    // beside the scan (on the bench video that one cost about 50 ms of a 0.55 s check). Hashed
    // there and then, while ffmpeg decodes the next keyframes, not after the scan: in a fresh
    // process the hash took 13-25 ms, at the end of the run.
    let hashIndex: Promise<number> | undefined;
    this.scan = scanVideo(this.path, { probe: this.probe, keyframeTimes: this.keyframes }, targets, {
      proofDir,
      proofPrefix: async () => (await this.sha256()).slice(0, 12),
      signal: this.signal,
      maxPixels: this.policy.evidence.maxVideoPixels,
      onKeyframe: async (index, frame) => {
        hashIndex ??= this.hashKeyframe().then((k) => k.index, () => -1);
        if (index === (await hashIndex)) keep(dHashGray(frame));
      },
    });
    this.scan.then(() => keep(undefined), () => keep(undefined));
    return this.scan;
  }

  /** Perceptual hash (dHash) of the picture, or of the video's middle keyframe. */
  readonly phash = once(async (): Promise<string | undefined> => {
    const { family } = await this.sniff();
    if (family === 'image') return dHashGray(await this.workingGray());
    if (family === 'video') {
      const { atSeconds } = await this.hashKeyframe();
      // The same pixels either way (readScanKeyframe decodes as the scan does), so the same hash.
      return (await this.scannedHash) ?? dHashGray(await readScanKeyframe(this.path, atSeconds, this.signal));
    }
    return undefined;
  });
}

/** Perceptual hash of a file as the reports compute it: `await phashFile('/x.jpg', policy)` → `'f0e4c2d9a1b3c5e7'`. */
export function phashFile(path: string, policy: Policy): Promise<string | undefined> {
  // The kind does not change the hash; any photo/video kind will do.
  return new EvidenceFile(path, 'product_photo', policy).phash();
}
