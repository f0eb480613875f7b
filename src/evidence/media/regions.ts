/**
 * Where text and codes may be, found cheaply so OCR and zxing never run on a whole busy
 * frame. One pass over 8×8 blocks gives each block's mean brightness and its mean edge
 * strength across and along rows:
 * - paper (labels, product cards) is bright: connected bright blocks (noise averages out);
 * - a barcode's blocks have dense edges running one way (bars), a 2-D code's both ways.
 * Text lines are then cut out of a paper region by row profile.
 */
import type { Box, GrayImage } from './pgm.ts';

export type { Box };

const BLOCK = 8;
/** A blob smaller than this many blocks (≈ 100×60 px) is too small to hold a readable line. */
const MIN_BLOB_BLOCKS = 90;
const MAX_REGIONS = 4;

/** Mean |gradient| (0-255 levels per pixel) a block needs across its bars; sensor noise gives about 11. */
const CODE_MIN_EDGE = 28;
/** Bars change across and not along: the stronger direction at least this many times the weaker. */
const CODE_MIN_ORIENTATION = 2.5;
/** Both directions this strong: a 2-D code (QR, DataMatrix) or dense print. */
const MATRIX_MIN_EDGE = 45;
/** Blocks a code needs (4 blocks ≈ 32×16 px at least). */
const CODE_MIN_BLOCKS = 4;
const MAX_CODE_REGIONS = 6;

/** Per-block facts of one picture, on the 8 px grid. */
interface BlockGrid {
  bw: number;
  bh: number;
  means: Float32Array;
  /** 1 where the block looks like part of a code. */
  code: Uint8Array;
}

/**
 * One pass over the picture. `fast` (video frames) takes each block's mean from every other
 * pixel of two of its rows (8 of 64 pixels: paper is many blocks of bright, noise averages out)
 * and its edges from two rows (bars run the block's height). On the bench video's keyframes
 * this pass went from 5.8 to 2.9 ms a frame with the same code regions on every frame of the
 * fixture and bench videos (one edge row instead of two gave 4× the false code regions). Reading
 * the mean rows in the edge rows' pass (`sampledRows`) then took a frame's whole layout from 3.5
 * to 2.6 ms, with the same layout on every keyframe of those videos.
 * Photos keep the exact pass.
 */
function blockGrid(img: GrayImage, fast: boolean): BlockGrid | undefined {
  const bw = Math.floor(img.width / BLOCK);
  const bh = Math.floor(img.height / BLOCK);
  if (bw < 2 || bh < 2) return undefined;
  const sample = fast ? SAMPLED : EXACT;
  const grid = { bw, bh, means: new Float32Array(bw * bh), code: new Uint8Array(bw * bh) };
  // Row by row across the whole picture (memory order), each block's sums in these arrays.
  const sums = new Uint32Array(bw);
  const sx = new Uint32Array(bw);
  const sy = new Uint32Array(bw);
  for (let by = 0; by < bh; by++) {
    sums.fill(0);
    sx.fill(0);
    sy.fill(0);
    sample.addRows(img, by * BLOCK, bw, sums, sx, sy);
    classifyRow(grid, by, sums, sx, sy, sample.meanPixels, (BLOCK - 1) * sample.edgeRows);
  }
  return grid;
}

type AddRows = (img: GrayImage, y0: number, bw: number, sums: Uint32Array, sx: Uint32Array, sy: Uint32Array) => void;

/** How a row of blocks is read (`addRows` from its first pixel row `y0`), and how many pixels and edge rows each block's sums are of. */
const EXACT: { addRows: AddRows; meanPixels: number; edgeRows: number } = {
  addRows: (img, y0, bw, sums, sx, sy) => {
    for (let dy = 0; dy < BLOCK; dy++) rowSums(img, y0 + dy, bw, sums);
    for (let dy = 0; dy < BLOCK; dy += 2) rowEdges(img, y0 + dy, bw, sx, sy);
  },
  meanPixels: BLOCK * BLOCK,
  edgeRows: 4,
};
/** Edges from rows 0 and 4, means from every other pixel of rows 1 and 5 (the rows below them). */
const SAMPLED: typeof EXACT = {
  addRows: (img, y0, bw, sums, sx, sy) => {
    sampledRows(img, y0, bw, sums, sx, sy);
    sampledRows(img, y0 + 4, bw, sums, sx, sy);
  },
  meanPixels: 2 * (BLOCK / 2),
  edgeRows: 2,
};

/** Adds each block's pixels of row `y` to `sums`. */
function rowSums(img: GrayImage, y: number, bw: number, sums: Uint32Array): void {
  const d = img.data;
  const row = y * img.width;
  for (let bx = 0; bx < bw; bx++) {
    const p = row + bx * BLOCK;
    sums[bx]! += (d[p] as number) + (d[p + 1] as number) + (d[p + 2] as number) + (d[p + 3] as number) + (d[p + 4] as number) + (d[p + 5] as number) + (d[p + 6] as number) + (d[p + 7] as number);
  }
}

/**
 * `rowEdges` of row `y`, and to `sums` every other pixel of the row below (which the edges
 * read anyway): one pass for the sampled grid's edges and means.
 */
function sampledRows(img: GrayImage, y: number, bw: number, sums: Uint32Array, sx: Uint32Array, sy: Uint32Array): void {
  const d = img.data;
  const w = img.width;
  for (let bx = 0, p = y * w; bx < bw; bx++, p += BLOCK) {
    const a0 = d[p] as number, a1 = d[p + 1] as number, a2 = d[p + 2] as number, a3 = d[p + 3] as number;
    const a4 = d[p + 4] as number, a5 = d[p + 5] as number, a6 = d[p + 6] as number, a7 = d[p + 7] as number;
    const q = p + w;
    const b0 = d[q] as number, b1 = d[q + 1] as number, b2 = d[q + 2] as number, b3 = d[q + 3] as number;
    const b4 = d[q + 4] as number, b5 = d[q + 5] as number, b6 = d[q + 6] as number;
    sx[bx]! += Math.abs(a1 - a0) + Math.abs(a2 - a1) + Math.abs(a3 - a2) + Math.abs(a4 - a3) + Math.abs(a5 - a4) + Math.abs(a6 - a5) + Math.abs(a7 - a6);
    sy[bx]! += Math.abs(b0 - a0) + Math.abs(b1 - a1) + Math.abs(b2 - a2) + Math.abs(b3 - a3) + Math.abs(b4 - a4) + Math.abs(b5 - a5) + Math.abs(b6 - a6);
    sums[bx]! += b0 + b2 + b4 + b6;
  }
}

/** Adds each block's |change| to the right (`sx`) and below (`sy`) along row `y` (the block's first 7 columns). */
function rowEdges(img: GrayImage, y: number, bw: number, sx: Uint32Array, sy: Uint32Array): void {
  const d = img.data;
  const w = img.width;
  const row = y * w;
  for (let bx = 0; bx < bw; bx++) {
    let a = 0;
    let b = 0;
    const p0 = row + bx * BLOCK;
    for (let p = p0; p < p0 + BLOCK - 1; p++) {
      const v = d[p] as number;
      a += Math.abs((d[p + 1] as number) - v);
      b += Math.abs((d[p + w] as number) - v);
    }
    sx[bx]! += a;
    sy[bx]! += b;
  }
}

/** One row of blocks' means and code verdicts from their sums. */
function classifyRow(g: BlockGrid, by: number, sums: Uint32Array, sx: Uint32Array, sy: Uint32Array, meanPixels: number, edgeSamples: number): void {
  for (let bx = 0; bx < g.bw; bx++) {
    const i = by * g.bw + bx;
    g.means[i] = (sums[bx] as number) / meanPixels;
    const hi = Math.max(sx[bx] as number, sy[bx] as number) / edgeSamples;
    const lo = Math.min(sx[bx] as number, sy[bx] as number) / edgeSamples;
    if ((hi >= CODE_MIN_EDGE && hi >= CODE_MIN_ORIENTATION * lo) || lo >= MATRIX_MIN_EDGE) g.code[i] = 1;
  }
}

/** Connected groups of set blocks (joined within `reach` blocks), as pixel boxes with their block counts. */
function groupBlocks(mask: Uint8Array, bw: number, bh: number, reach: number): Array<Box & { blocks: number }> {
  const seen = new Uint8Array(bw * bh);
  const boxes: Array<Box & { blocks: number }> = [];
  // Each block is pushed at most once.
  const stack = new Int32Array(bw * bh);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let minX = bw, minY = bh, maxX = 0, maxY = 0, blocks = 0;
    seen[start] = 1;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top] as number;
      const x = i % bw;
      const y = (i - x) / bw;
      blocks++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const x0 = Math.max(0, x - reach);
      const x1 = Math.min(bw - 1, x + reach);
      const y1 = Math.min(bh - 1, y + reach);
      for (let ny = Math.max(0, y - reach); ny <= y1; ny++) {
        for (let j = ny * bw + x0, end = ny * bw + x1; j <= end; j++) {
          if (mask[j] && !seen[j]) {
            seen[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    boxes.push({ x: minX * BLOCK, y: minY * BLOCK, width: (maxX - minX + 1) * BLOCK, height: (maxY - minY + 1) * BLOCK, blocks });
  }
  return boxes;
}

/** Median of 0-255 values by histogram (a sort of 32 400 block means cost more than the scan). */
function medianLevel(values: Float32Array): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) hist[Math.min(255, Math.floor(values[i] as number))]!++;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v] as number;
    if (acc > values.length / 2) return v;
  }
  return 128;
}

function paperOf(g: BlockGrid): Box[] {
  // Paper is brighter than most of the scene: threshold above the median block, at least 150.
  const median = medianLevel(g.means);
  const threshold = Math.max(150, median + 40);
  const bright = new Uint8Array(g.bw * g.bh);
  for (let i = 0; i < g.means.length; i++) bright[i] = (g.means[i] as number) >= threshold ? 1 : 0;
  // 8-neighbours, so text rows (darker blocks) do not split a label into pieces.
  return groupBlocks(bright, g.bw, g.bh, 1)
    .filter((b) => b.blocks >= MIN_BLOB_BLOCKS && b.width >= 6 * BLOCK && b.height >= 3 * BLOCK)
    .sort((a, b) => b.blocks - a.blocks)
    .slice(0, MAX_REGIONS)
    .map(({ x, y, width, height }) => ({ x, y, width, height }));
}

function codesOf(g: BlockGrid, img: GrayImage): Box[] {
  // Two blocks' reach: a wide bar (up to 4 modules) leaves a block without edges.
  return groupBlocks(g.code, g.bw, g.bh, 2)
    .filter((b) => b.blocks >= CODE_MIN_BLOCKS)
    .sort((a, b) => b.blocks - a.blocks)
    .slice(0, MAX_CODE_REGIONS)
    .map((b) => {
      // Quiet zone and finder margins: two blocks plus a tenth of the group's size, each side.
      const padX = 2 * BLOCK + Math.round(b.width / 10);
      const padY = 2 * BLOCK + Math.round(b.height / 10);
      const x = Math.max(0, b.x - padX);
      const y = Math.max(0, b.y - padY);
      return { x, y, width: Math.min(img.width, b.x + b.width + padX) - x, height: Math.min(img.height, b.y + b.height + padY) - y };
    });
}

/** Bright, paper-like regions, largest first. */
export function findPaperRegions(img: GrayImage): Box[] {
  const g = blockGrid(img, false);
  return g ? paperOf(g) : [];
}

/**
 * Where a barcode may be, so zxing reads a few small crops instead of a whole frame (a
 * 1080p keyframe cost zxing 54 ms on average, a crop a few ms). Largest first.
 */
export function findCodeRegions(img: GrayImage): Box[] {
  const g = blockGrid(img, false);
  return g ? codesOf(g, img) : [];
}

/** Both at once, from one sampled pass over the picture (what a video frame needs). */
export function findLayout(img: GrayImage): { paper: Box[]; codes: Box[] } {
  const g = blockGrid(img, true);
  return g ? { paper: paperOf(g), codes: codesOf(g, img) } : { paper: [], codes: [] };
}

/** A paper region without its outer block (often background pixels), or undefined when too small for a line. */
function innerOf(region: Box): { x0: number; x1: number; y0: number; y1: number } | undefined {
  const x0 = region.x + BLOCK;
  const x1 = region.x + region.width - BLOCK;
  const y0 = region.y + BLOCK / 2;
  const y1 = region.y + region.height - BLOCK / 2;
  return x1 - x0 < 16 || y1 - y0 < 8 ? undefined : { x0, x1, y0, y1 };
}

/** This region's paper brightness: its 90th percentile, sampled every other pixel. */
function paperLevel(img: GrayImage, r: { x0: number; x1: number; y0: number; y1: number }): number {
  const hist = new Uint32Array(256);
  for (let y = r.y0; y < r.y1; y += 2) for (let x = r.x0; x < r.x1; x += 2) hist[img.data[y * img.width + x] as number]!++;
  const total = hist.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v] as number;
    if (acc >= total * 0.9) return v;
  }
  return 255;
}

/** Ink is much darker than the paper around it. */
const INK_BELOW = 0.55;

/**
 * Lines of ink inside a paper region, top to bottom, skipping the given boxes (barcodes
 * already decoded). The region's outer block is ignored for the profile: it often holds
 * background pixels.
 */
export function findTextLines(img: GrayImage, region: Box, skip: Box[] = [], maxLines = 6): Box[] {
  return linesOf(img, region, skip, maxLines).lines;
}

/** `findTextLines` with the paper level it found the lines by. */
function linesOf(img: GrayImage, region: Box, skip: Box[], maxLines: number): { lines: Box[]; paper: number } {
  const inner = innerOf(region);
  if (!inner) return { lines: [], paper: 0 };
  const { x0, x1, y0, y1 } = inner;
  const paper = paperLevel(img, inner);
  const inkBelow = paper * INK_BELOW;
  // Every other pixel of a row: strokes of print are 2 px wide or more where OCR can read them,
  // and this loop was two thirds of a video frame's layout time. A line needs ink on 1 % of the
  // row's width (at least 2 pixels), counted at that rate.
  const minInk = Math.max(1, Math.round((x1 - x0) * 0.005));
  const rows: Array<{ ink: boolean; from: number; to: number }> = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    let from = x1;
    let to = x0;
    const inSkip = skip.some((b) => y >= b.y - 4 && y <= b.y + b.height + 4);
    if (!inSkip) {
      for (let x = x0; x < x1; x += 2) {
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
  return { lines: lines.slice(0, maxLines), paper };
}

/**
 * A line of print is a row of separate strokes: OCR keeps only reads of 4 characters or more
 * (read-picture.ts), and 4 characters cross a line's middle as at least 4 runs of ink. A
 * stroke drawn across paper (an edge, a cable, a test pattern's diagonal) crosses it once.
 */
const MIN_STROKES = 4;

/**
 * `findTextLines`, keeping only the lines with text's structure (MIN_STROKES separate strokes
 * across one of their middle rows): what a video frame needs before it is worth OCR.
 */
export function findPrintedLines(img: GrayImage, region: Box, skip: Box[] = [], maxLines = 6): Box[] {
  const { lines, paper } = linesOf(img, region, skip, maxLines);
  return lines.filter((line) => strokesAcross(img, line, paper) >= MIN_STROKES);
}

/**
 * A stroke ends where the paper shows again between it and the next: the level has to climb
 * back to PAPER_AGAIN of the paper's, not just above the ink threshold (on a noisy 1080p frame
 * the grey edge of one drawn line crossed the threshold back and forth: 2-5 "strokes"). On our
 * seven fixture and bench videos any value from 0.7 to 0.8 gave the same verdict on every
 * keyframe (lines of print on each label frame, none on the others); 0.75 is the middle.
 */
const PAPER_AGAIN = 0.75;

/** Most runs of ink along the rows at 40, 50 and 60 % of the line's height. */
function strokesAcross(img: GrayImage, line: Box, paper: number): number {
  const inkBelow = paper * INK_BELOW;
  const paperAbove = paper * PAPER_AGAIN;
  const x0 = Math.max(0, line.x);
  const x1 = Math.min(img.width, line.x + line.width);
  let most = 0;
  for (const at of [0.4, 0.5, 0.6]) {
    const y = Math.min(img.height - 1, Math.max(0, Math.round(line.y + line.height * at)));
    let runs = 0;
    let inInk = false;
    for (let x = x0; x < x1; x++) {
      const v = img.data[y * img.width + x] as number;
      if (!inInk && v < inkBelow) {
        runs++;
        inInk = true;
      } else if (inInk && v > paperAbove) {
        inInk = false;
      }
    }
    most = Math.max(most, runs);
  }
  return most;
}
