/**
 * Looks for a carrier's seal on a letter: a red or blue, roughly round or square, not solid
 * region (a ring, a star, letters). Black text, grey paper and a solid colour logo are not
 * seals. Works on a ≤ 800 px copy in 4×4 px blocks: a seal of 3-5 cm is ≥ 60 px there.
 */
import type { Box } from './regions.ts';
import type { RgbImage } from './pdf-render.ts';
import { loadSharp } from './sharp-lib.ts';

export interface Stamp {
  color: 'red' | 'blue';
  /** In the analysed copy's pixels (`analysedWidth` wide). */
  box: Box;
  /** Share of the box's pixels that are seal ink: rings and letters ≈ 0.1-0.4, solid shapes ≈ 1. */
  fill: number;
}

const SIDE = 800;
const BLOCK = 4;
/** A block is ink when this many of its 16 pixels are. */
const MIN_BLOCK_INK = 3;
/** A seal is at least 6 % of the page's short side across (3 cm on A4 is 14 %). */
const MIN_SIDE_FRACTION = 0.06;
/** Round or square: the box's sides within 1 : 1.6. */
const MAX_ASPECT = 1.6;
const MIN_FILL = 0.05;
const MAX_FILL = 0.75;

/** Seal ink: clearly red or clearly blue, not a grey or brown of paper or print. */
function inkOf(r: number, g: number, b: number): 'red' | 'blue' | undefined {
  if (r >= 110 && r - Math.max(g, b) >= 50) return 'red';
  if (b >= 90 && b - Math.max(r, g) >= 40) return 'blue';
  return undefined;
}

/** `await findStamp(rgb)` → `{ color: 'red', box, fill: 0.21 }`, or undefined when the page has none. */
export async function findStamp(img: RgbImage): Promise<(Stamp & { analysedWidth: number }) | undefined> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width: SIDE, height: SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const bw = Math.floor(info.width / BLOCK);
  const bh = Math.floor(info.height / BLOCK);
  let best: Stamp | undefined;
  for (const color of ['red', 'blue'] as const) {
    const counts = new Uint8Array(bw * bh);
    for (let y = 0; y < bh * BLOCK; y++) {
      for (let x = 0; x < bw * BLOCK; x++) {
        const i = (y * info.width + x) * info.channels;
        if (inkOf(data[i] as number, data[i + 1] as number, data[i + 2] as number) === color) counts[Math.floor(y / BLOCK) * bw + Math.floor(x / BLOCK)]!++;
      }
    }
    for (const c of components(counts, bw, bh)) {
      const side = Math.min(info.width, info.height);
      const aspect = Math.max(c.width, c.height) / Math.min(c.width, c.height);
      const fill = c.inkPixels / (c.width * c.height);
      if (Math.min(c.width, c.height) < side * MIN_SIDE_FRACTION || aspect > MAX_ASPECT || fill < MIN_FILL || fill > MAX_FILL) continue;
      if (!best || c.width * c.height > best.box.width * best.box.height) best = { color, box: { x: c.x, y: c.y, width: c.width, height: c.height }, fill: Math.round(fill * 100) / 100 };
    }
  }
  return best && { ...best, analysedWidth: info.width };
}

/** Connected ink blocks (8-neighbours, bridging one empty block so a ring's gaps join), in pixels. */
function components(counts: Uint8Array, bw: number, bh: number): Array<Box & { inkPixels: number }> {
  const seen = new Uint8Array(bw * bh);
  const out: Array<Box & { inkPixels: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < counts.length; start++) {
    if (seen[start] || (counts[start] as number) < MIN_BLOCK_INK) continue;
    let minX = bw, minY = bh, maxX = 0, maxY = 0, ink = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % bw;
      const y = (i - x) / bw;
      ink += counts[i] as number;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue;
          const j = ny * bw + nx;
          if (!seen[j] && (counts[j] as number) >= MIN_BLOCK_INK) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    out.push({ x: minX * BLOCK, y: minY * BLOCK, width: (maxX - minX + 1) * BLOCK, height: (maxY - minY + 1) * BLOCK, inkPixels: ink });
  }
  return out;
}
