/**
 * Perceptual hash for reuse detection: dHash, 64 bits as 16 hex digits. The picture is
 * shrunk to 9×8 grey and each bit says whether a pixel is brighter than its right neighbour,
 * so re-encoding, resizing or mild colour edits change few bits while another picture
 * changes about half. Photos hash the whole (orientation-corrected) picture; videos hash the
 * keyframe nearest the middle.
 */
import sharp from 'sharp';
import { ffmpeg } from './media/bin.ts';
import { sharpOfGray, type GrayImage, type SharpPipeline } from './media/gray-image.ts';
import { AbortedError, MediaError } from './media/media-error.ts';
import type { Readable } from 'node:stream';

/** dHash of a grey picture: `await dHashGray(img)` → `'f0e4c2d9a1b3c5e7'`. */
export async function dHashGray(img: GrayImage): Promise<string> {
  return dHashOf(sharpOfGray(img));
}

/** dHash of an image file (any format sharp reads), refusing more than `maxPixels`. */
export async function dHashImageFile(path: string, maxPixels: number): Promise<string> {
  return dHashOf(sharp(path, { limitInputPixels: maxPixels }).rotate());
}

async function dHashOf(s: SharpPipeline): Promise<string> {
  const px = await s.greyscale().resize(9, 8, { fit: 'fill', kernel: 'cubic' }).raw().toBuffer();
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let nibbleBits = 0;
    for (let col = 0; col < 8; col++) {
      const bit = (px[row * 9 + col] as number) > (px[row * 9 + col + 1] as number) ? 1 : 0;
      nibbleBits = (nibbleBits << 1) | bit;
      if (col % 4 === 3) {
        hex += nibbleBits.toString(16);
        nibbleBits = 0;
      }
    }
  }
  return hex;
}

/**
 * dHash of the keyframe nearest the middle of the video. Seeking to a keyframe's own time with
 * `-skip_frame nokey` decodes that one frame only (a mid-GOP seek would decode up to a GOP).
 */
export async function dHashVideo(path: string, keyframeTimes: readonly number[], durationSeconds: number, signal?: AbortSignal): Promise<string> {
  const middle = durationSeconds / 2;
  const at = keyframeTimes.reduce((best, t) => (Math.abs(t - middle) < Math.abs(best - middle) ? t : best), keyframeTimes[0] ?? 0);
  const cmd = ffmpeg(path)
    .inputOptions(['-skip_frame', 'nokey', '-ss', Math.max(0, at - 0.001).toFixed(3)])
    .noAudio()
    .outputOptions(['-frames:v', '1', '-vf', 'scale=64:64', '-pix_fmt', 'gray', '-f', 'rawvideo']);
  let failure: Error | undefined;
  cmd.on('error', (e: Error) => (failure = e));
  const kill = () => cmd.kill('SIGKILL');
  signal?.addEventListener('abort', kill, { once: true });
  try {
    const chunks: Buffer[] = [];
    for await (const c of cmd.pipe() as Readable) chunks.push(c as Buffer);
    if (signal?.aborted) throw new AbortedError();
    const data = Buffer.concat(chunks);
    if (data.length < 64 * 64) throw new MediaError('VIDEO.UNREADABLE', failure?.message ?? 'no frame decoded for the perceptual hash');
    return dHashGray({ data: data.subarray(0, 64 * 64), width: 64, height: 64 });
  } finally {
    signal?.removeEventListener('abort', kill);
  }
}

/** Bits that differ between two dHashes (0 = same picture, about 32 = unrelated). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) return 64;
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i] as string, 16) ^ parseInt(b[i] as string, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}
