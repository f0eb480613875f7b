/**
 * Perceptual hash for reuse detection: dHash, 64 bits as 16 hex digits. The picture is
 * shrunk to 9×8 grey and each bit says whether a pixel is brighter than its right neighbour,
 * so re-encoding, resizing or mild colour edits change few bits while another picture
 * changes about half. Photos hash the whole (orientation-corrected) picture; videos hash the
 * keyframe nearest the middle, as the video scan sees it (`EvidenceFile.phash`).
 */
import { sharpOfGray, type GrayImage, type SharpPipeline } from './media/gray-image.ts';

/** dHash of a grey picture: `await dHashGray(img)` → `'f0e4c2d9a1b3c5e7'`. */
export async function dHashGray(img: GrayImage): Promise<string> {
  return dHashOf(sharpOfGray(img));
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
 * The keyframe a video's hash is taken from: the one nearest the middle (an intro or an ending
 * card says little about what was filmed). `index` counts keyframes from the first.
 */
export function hashKeyframe(keyframeTimes: readonly number[], durationSeconds: number): { index: number; atSeconds: number } {
  const middle = durationSeconds / 2;
  let index = 0;
  keyframeTimes.forEach((t, i) => {
    if (Math.abs(t - middle) < Math.abs((keyframeTimes[index] as number) - middle)) index = i;
  });
  return { index, atSeconds: keyframeTimes[index] ?? 0 };
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
