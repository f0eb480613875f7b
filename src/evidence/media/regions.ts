/**
 * Where text may be, found cheaply so OCR never runs on a whole busy frame: labels and
 * product cards are bright paper. We average 8×8 blocks (noise averages out, paper stays
 * bright), keep connected bright blobs, then cut each blob into ink lines by row profile.
 */
import type { GrayImage } from './gray-image.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const BLOCK = 8;
/** A blob smaller than this many blocks (≈ 100×60 px) is too small to hold a readable line. */
const MIN_BLOB_BLOCKS = 90;
const MAX_REGIONS = 4;

/** Bright, paper-like regions, largest first. */
export function findPaperRegions(img: GrayImage): Box[] {
  const bw = Math.floor(img.width / BLOCK);
  const bh = Math.floor(img.height / BLOCK);
  if (bw < 2 || bh < 2) return [];
  const means = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sum = 0;
      for (let y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
        const row = y * img.width + bx * BLOCK;
        for (let x = 0; x < BLOCK; x++) sum += img.data[row + x] as number;
      }
      means[by * bw + bx] = sum / (BLOCK * BLOCK);
    }
  }
  // Paper is brighter than most of the scene: threshold above the median block, at least 150.
  const sorted = Float32Array.from(means).sort();
  const median = sorted[Math.floor(sorted.length / 2)] ?? 128;
  const threshold = Math.max(150, median + 40);
  const bright = new Uint8Array(bw * bh);
  for (let i = 0; i < means.length; i++) bright[i] = (means[i] as number) >= threshold ? 1 : 0;

  const label = new Int32Array(bw * bh);
  const boxes: Array<Box & { blocks: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < bright.length; start++) {
    if (!bright[start] || label[start]) continue;
    let minX = bw, minY = bh, maxX = 0, maxY = 0, blocks = 0;
    label[start] = boxes.length + 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % bw;
      const y = (i - x) / bw;
      blocks++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      // 8-neighbours, so text rows (darker blocks) do not split a label into pieces.
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue;
          const j = ny * bw + nx;
          if (bright[j] && !label[j]) {
            label[j] = boxes.length + 1;
            stack.push(j);
          }
        }
      }
    }
    boxes.push({ x: minX * BLOCK, y: minY * BLOCK, width: (maxX - minX + 1) * BLOCK, height: (maxY - minY + 1) * BLOCK, blocks });
  }
  return boxes
    .filter((b) => b.blocks >= MIN_BLOB_BLOCKS && b.width >= 6 * BLOCK && b.height >= 3 * BLOCK)
    .sort((a, b) => b.blocks - a.blocks)
    .slice(0, MAX_REGIONS)
    .map(({ x, y, width, height }) => ({ x, y, width, height }));
}

/**
 * Lines of ink inside a paper region, top to bottom, skipping the given boxes (barcodes
 * already decoded). The region's outer block is ignored for the profile: it often holds
 * background pixels.
 */
export function findTextLines(img: GrayImage, region: Box, skip: Box[] = [], maxLines = 6): Box[] {
  const x0 = region.x + BLOCK;
  const x1 = region.x + region.width - BLOCK;
  const y0 = region.y + BLOCK / 2;
  const y1 = region.y + region.height - BLOCK / 2;
  if (x1 - x0 < 16 || y1 - y0 < 8) return [];
  // Ink is much darker than this region's paper (its 90th percentile brightness).
  const hist = new Uint32Array(256);
  for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) hist[img.data[y * img.width + x] as number]!++;
  const total = hist.reduce((a, b) => a + b, 0);
  let acc = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v] as number;
    if (acc >= total * 0.9) {
      paper = v;
      break;
    }
  }
  const inkBelow = paper * 0.55;
  const minInk = Math.max(2, Math.round((x1 - x0) * 0.01));
  const rows: Array<{ ink: boolean; from: number; to: number }> = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    let from = x1;
    let to = x0;
    const inSkip = skip.some((b) => y >= b.y - 4 && y <= b.y + b.height + 4);
    if (!inSkip) {
      for (let x = x0; x < x1; x++) {
        if ((img.data[y * img.width + x] as number) < inkBelow) {
          n++;
          if (x < from) from = x;
          to = x;
        }
      }
    }
    rows.push({ ink: n >= minInk, from, to });
  }
  const lines: Box[] = [];
  let start = -1;
  let left = x1;
  let right = x0;
  const close = (end: number) => {
    const h = end - start;
    // Text lines are at least 8 px tall and less than 40% of the region (taller is a picture or bars).
    if (h >= 8 && h <= Math.max(24, region.height * 0.4)) {
      const pad = Math.round(h * 0.3);
      lines.push({ x: left - pad, y: y0 + start - pad, width: right - left + 2 * pad, height: h + 2 * pad });
    }
    start = -1;
    left = x1;
    right = x0;
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as { ink: boolean; from: number; to: number };
    if (r.ink) {
      if (start < 0) start = i;
      left = Math.min(left, r.from);
      right = Math.max(right, r.to);
    } else if (start >= 0) {
      // Bridge a single blank row (thin horizontal strokes, anti-aliasing).
      const next = rows[i + 1];
      if (next?.ink) continue;
      close(i);
    }
  }
  if (start >= 0) close(rows.length);
  return lines.slice(0, maxLines);
}
