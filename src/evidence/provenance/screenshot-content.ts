/**
 * Screenshot by content, for photos without camera metadata. A camera frame has sensor noise
 * everywhere, even on a flat wall; a rendered page (app, web page, chat) has none, and it has
 * UI geometry: long straight edges, plain rows between text rows, a status bar. All measured
 * on the grey working copy (≤ 2048 px). Measured on the fixtures (test/fixtures/make-*-fixtures.ts):
 *
 *   fixture                               flat   noiseFree  plainRows  textRows  hardEdges  statusBar
 *   camera-like photos (10), stripped        0    ≤ 0.064          0         0       0–10         no
 *   phone page 390×844 @1× PNG            0.30      0.807      0.618        14         18        yes
 *   same after chat JPEG q70              0.30      0.532      0.424         3         10        yes
 *   @2×/@3×, PNG and q70                 ≥ 0.56    ≥ 0.742    ≥ 0.455      3–14      ≥ 14        yes
 *   @3× forwarded: 591×1280, q70          0.45      0.635      0.416         3         14        yes
 *
 * Decision: the old flat-block rule (≥ 50 % perfectly flat 16×16 blocks, or ≥ 20 % at an exact
 * screen size), or: no sensor noise (≥ 30 % of pixels equal to their 4 neighbours; camera-like
 * ≤ 6.4 %, pages ≥ 53 %) AND at least two UI structures (plain rows, text rows, straight edges,
 * a status bar, a screen's size). hardEdges alone fires on our camera-like scenes (drawn boxes),
 * so structure never decides without the noise gate.
 */
import type { GrayImage } from '../media/gray-image.ts';
import { isScreenSize } from './screen-sizes.ts';

const BLOCK = 16;
/** Flat fraction above which a picture is rendered, whatever its size. */
const FLAT_ALONE = 0.5;
/** Flat fraction above which a picture of an exact screen size is a screenshot. */
const FLAT_AT_SCREEN_SIZE = 0.2;
/** Share of still pixels (equal to all 4 neighbours) above which there is no sensor noise. */
const NOISE_FREE_MIN = 0.3;
/** A row with at most this many steps (> 2 levels between neighbours) is plain: background, card edges. */
const PLAIN_ROW_STEPS = 6;
const PLAIN_ROWS_MIN = 0.25;
/** Text lines: bands of non-plain rows between plain ones, 0.6–4 % of the height tall. */
const TEXT_ROWS_MIN = 4;
/** A straight edge runs unbroken along at least 40 % of the picture with a step ≥ 6 levels. */
const EDGE_RUN = 0.4;
const EDGE_STEP = 6;
const HARD_EDGES_MIN = 2;
const STRUCTURES_MIN = 2;

export type ScreenshotSignal = 'flat' | 'noiseFree' | 'plainRows' | 'textRows' | 'hardEdges' | 'statusBar' | 'screenSize';

export interface ScreenshotSignals {
  flatFraction: number;
  noiseFreeFraction: number;
  plainRowFraction: number;
  textRows: number;
  hardEdges: number;
  statusBar: boolean;
  screenSize: boolean;
  /** The signals that fired, strongest first. */
  fired: ScreenshotSignal[];
  suspected: boolean;
}

export function screenshotSignals(img: GrayImage, originalWidth: number, originalHeight: number): ScreenshotSignals {
  const flatFraction = flatBlockFraction(img);
  const noiseFreeFraction = stillPixelFraction(img);
  const plain = plainRows(img);
  const plainRowFraction = plain.filter(Boolean).length / Math.max(1, plain.length);
  const textRows = textBands(plain);
  const hardEdges = straightEdges(img);
  const statusBar = hasStatusBar(img);
  const screenSize = isScreenSize(originalWidth, originalHeight);

  const structures: ScreenshotSignal[] = [];
  if (plainRowFraction >= PLAIN_ROWS_MIN) structures.push('plainRows');
  if (textRows >= TEXT_ROWS_MIN) structures.push('textRows');
  if (hardEdges >= HARD_EDGES_MIN) structures.push('hardEdges');
  if (statusBar) structures.push('statusBar');
  if (screenSize) structures.push('screenSize');
  const flat = flatFraction >= FLAT_ALONE || (screenSize && flatFraction >= FLAT_AT_SCREEN_SIZE);
  const noiseFree = noiseFreeFraction >= NOISE_FREE_MIN;
  const fired: ScreenshotSignal[] = [...(flat ? ['flat' as const] : []), ...(noiseFree ? ['noiseFree' as const] : []), ...structures];
  return {
    flatFraction: round3(flatFraction),
    noiseFreeFraction: round3(noiseFreeFraction),
    plainRowFraction: round3(plainRowFraction),
    textRows,
    hardEdges,
    statusBar,
    screenSize,
    fired,
    suspected: flat || (noiseFree && structures.length >= STRUCTURES_MIN),
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** 16×16 blocks whose values span at most 1 level (resampling cannot add variation to a truly flat area). */
function flatBlockFraction(img: GrayImage): number {
  let flat = 0;
  let blocks = 0;
  for (let by = 0; by + BLOCK <= img.height; by += BLOCK) {
    for (let bx = 0; bx + BLOCK <= img.width; bx += BLOCK) {
      let min = 255;
      let max = 0;
      for (let y = by; y < by + BLOCK && max - min <= 1; y++) {
        const row = y * img.width;
        for (let x = bx; x < bx + BLOCK; x++) {
          const v = img.data[row + x] as number;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      blocks++;
      if (max - min <= 1) flat++;
    }
  }
  return blocks ? flat / blocks : 0;
}

/** Share of interior pixels exactly equal to their 4 neighbours: sensor noise leaves almost none (camera-like ≤ 0.07). */
function stillPixelFraction(img: GrayImage): number {
  const { data, width: w, height: h } = img;
  let still = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const v = data[i];
      if (v === data[i - 1] && v === data[i + 1] && v === data[i - w] && v === data[i + w]) still++;
    }
  }
  const total = (w - 2) * (h - 2);
  return total > 0 ? still / total : 0;
}

/** Per row: true when it has at most PLAIN_ROW_STEPS steps of more than 2 levels (a row of background or card). */
function plainRows(img: GrayImage): boolean[] {
  const { data, width: w, height: h } = img;
  const out: boolean[] = [];
  for (let y = 0; y < h; y++) {
    let steps = 0;
    for (let x = y * w + 1, end = (y + 1) * w; x < end && steps <= PLAIN_ROW_STEPS; x++) {
      const d = (data[x] as number) - (data[x - 1] as number);
      if (d > 2 || d < -2) steps++;
    }
    out.push(steps <= PLAIN_ROW_STEPS);
  }
  return out;
}

/** Bands of busy rows between plain rows, as tall as a line of text (0.6–4 % of the height). */
function textBands(plain: boolean[]): number {
  const min = Math.max(3, plain.length * 0.006);
  const max = plain.length * 0.04;
  let bands = 0;
  let start = -1;
  for (let y = 0; y < plain.length; y++) {
    if (!plain[y] && start < 0) start = y;
    if (plain[y] && start >= 0) {
      const tall = y - start;
      if (start > 0 && tall >= min && tall <= max) bands++;
      start = -1;
    }
  }
  return bands;
}

/** Horizontal and vertical lines along which a step ≥ EDGE_STEP runs unbroken for EDGE_RUN of the picture; neighbours count once. */
function straightEdges(img: GrayImage): number {
  const { data, width: w, height: h } = img;
  const along = (count: number, length: number, at: (line: number, k: number) => number, stride: number) => {
    let edges = 0;
    let previous = false;
    for (let line = 1; line < count; line++) {
      let run = 0;
      let best = 0;
      for (let k = 0; k < length; k++) {
        const i = at(line, k);
        const d = (data[i] as number) - (data[i - stride] as number);
        run = d >= EDGE_STEP || d <= -EDGE_STEP ? run + 1 : 0;
        if (run > best) best = run;
      }
      const edge = best >= length * EDGE_RUN;
      if (edge && !previous) edges++;
      previous = edge;
    }
    return edges;
  };
  return along(h, w, (y, x) => y * w + x, w) + along(w, h, (x, y) => y * w + x, 1);
}

/**
 * A phone status bar: in the top 5.5 % (iOS 47 pt of 844, Android 24 dp of 800), glyphs at
 * the left (time) and at the right (signal, battery) and nothing in the middle third.
 */
function hasStatusBar(img: GrayImage): boolean {
  if (img.height < img.width) return false; // phones: portrait
  const band = Math.max(8, Math.round(img.height * 0.055));
  const span = (x0: number, x1: number) => {
    let min = 255;
    let max = 0;
    for (let y = 0; y < band; y++) {
      for (let x = Math.round(img.width * x0); x < Math.round(img.width * x1); x++) {
        const v = img.data[y * img.width + x] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    return max - min;
  };
  return span(0.35, 0.65) <= 2 && span(0.03, 0.3) >= 64 && span(0.7, 0.97) >= 64;
}
