/**
 * Perceptual hash for reuse detection: dHash, 64 bits as 16 hex digits. The picture is
 * shrunk to 9×8 grey and each bit says whether a pixel is brighter than its right neighbour,
 * so re-encoding, resizing or mild colour edits change few bits while another picture
 * changes about half. Photos hash the whole (orientation-corrected) picture; videos hash the
 * keyframe nearest the middle, as the video scan sees it (`EvidenceFile.phash`).
 */
import type { GrayImage } from './media/pgm.ts';

const COLS = 9;
const ROWS = 8;
/** Taps of the 2:1 reduce from the fine grid to 9×8 (a triangle, as libvips' reduce does). */
const TAPS = [1, 3, 3, 1];

/**
 * dHash of a grey picture: `dHashGray(img)` → `'f0e4c2d9a1b3c5e7'`. Shrunk as libvips shrinks:
 * pixel means on an 18×16 grid, then a 2:1 reduce whose taps overlap. On the camera fixture and
 * its copy resized to 1000 px at JPEG q60 that is 0 bits apart (sharp's cubic resize: 2; means
 * straight to 9×8: 5). Computed here, not by sharp, so a video's hash loads no libvips
 * (sharp-lib.ts): 4-6 ms a 1080p frame.
 */
export function dHashGray(img: GrayImage): string {
  const fine = gridMeans(img, 2 * COLS, 2 * ROWS);
  const cells = new Float64Array(COLS * ROWS);
  for (let row = 0; row < ROWS; row++) {
    for (let col = 0; col < COLS; col++) {
      let sum = 0;
      let weight = 0;
      for (let ty = 0; ty < TAPS.length; ty++) {
        const y = 2 * row - 1 + ty;
        if (y < 0 || y >= 2 * ROWS) continue;
        for (let tx = 0; tx < TAPS.length; tx++) {
          const x = 2 * col - 1 + tx;
          if (x < 0 || x >= 2 * COLS) continue;
          const w = (TAPS[ty] as number) * (TAPS[tx] as number);
          sum += w * (fine[y * 2 * COLS + x] as number);
          weight += w;
        }
      }
      cells[row * COLS + col] = sum / weight;
    }
  }
  let hex = '';
  for (let row = 0; row < ROWS; row++) {
    let nibbleBits = 0;
    for (let col = 0; col < 8; col++) {
      nibbleBits = (nibbleBits << 1) | ((cells[row * COLS + col] as number) > (cells[row * COLS + col + 1] as number) ? 1 : 0);
      if (col % 4 === 3) {
        hex += nibbleBits.toString(16);
        nibbleBits = 0;
      }
    }
  }
  return hex;
}

/** The means of the pixels falling in each cell of a `cols`×`rows` grid over the picture. */
function gridMeans({ data, width, height }: GrayImage, cols: number, rows: number): Float64Array {
  // Column c of the grid spans pixels [edge[c], edge[c + 1]).
  const edge = Array.from({ length: cols + 1 }, (_, c) => Math.ceil((c * width) / cols));
  const means = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y0 = Math.ceil((r * height) / rows);
    const y1 = Math.ceil(((r + 1) * height) / rows);
    for (let c = 0; c < cols; c++) {
      const x0 = edge[c] as number;
      const x1 = edge[c + 1] as number;
      let sum = 0;
      for (let y = y0; y < y1; y++) {
        const offset = y * width;
        for (let x = offset + x0; x < offset + x1; x++) sum += data[x] as number;
      }
      means[r * cols + c] = sum / ((y1 - y0) * (x1 - x0) || 1);
    }
  }
  return means;
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
