/**
 * Reads one picture (a video frame or a photo): barcodes over the whole picture (zxing is
 * built to find them in clutter) or, for photos (`barcodesIn: 'paper'`), over each paper-like
 * region's crop; text only inside paper-like regions, line by line.
 */
import { readBarcodesGray, type Barcode } from './barcodes.ts';
import { crop, type GrayImage } from './gray-image.ts';
import { throwIfAborted } from './media-error.ts';
import { readLine, type OcrLine } from './ocr.ts';
import { findPaperRegions, findTextLines, type Box } from './regions.ts';

export interface ReadLine extends OcrLine {
  box: Box;
}

export interface PictureReading {
  barcodes: Barcode[];
  lines: ReadLine[];
}

export interface ReadOptions {
  /** Run OCR at all (false when barcodes already answered everything). */
  ocr: boolean;
  /** Stop reading lines as soon as this says enough was read. */
  enough?: (lines: ReadLine[], barcodes: Barcode[]) => boolean;
  /** Thorough barcode search (photos); video frames use the fast one. Default true. */
  thorough?: boolean;
  /**
   * Where to look for barcodes: `picture` (default: the whole picture) or `paper` (each
   * paper-like region's crop, the whole picture only when there is none). On our 12 MP phone
   * fixture's 2048 px copy the label region's crop read the same one barcode 2.6× faster than
   * the whole picture (182 vs 479 ms, bench/legibility.bench.ts, busy machine).
   */
  barcodesIn?: 'picture' | 'paper';
  /** OCR at most this many lines per picture: bounds the cost of a cluttered frame. */
  maxLines?: number;
  signal?: AbortSignal;
}

/** Lines read with less confidence than this are noise (tesseract's 0-100 scale). */
const MIN_CONFIDENCE = 50;

export async function readPicture(img: GrayImage, opts: ReadOptions): Promise<PictureReading> {
  const regions = findPaperRegions(img);
  const thorough = opts.thorough ?? true;
  const barcodes = opts.barcodesIn === 'paper' && regions.length > 0 ? await barcodesOnPaper(img, regions, thorough, opts.signal) : await readBarcodesGray(img, thorough);
  const lines: ReadLine[] = [];
  if (!opts.ocr || opts.enough?.(lines, barcodes)) return { barcodes, lines };
  await readTextLines(img, regions, {
    skip: barcodes.map((b) => b.box),
    maxLines: opts.maxLines ?? 8,
    signal: opts.signal,
    onLine: (line) => {
      lines.push(line);
      return opts.enough?.(lines, barcodes) ?? false;
    },
  });
  return { barcodes, lines };
}

/**
 * OCR of the text lines inside the given paper regions, at most `maxLines`, skipping the
 * `skip` boxes (codes already read). `onLine` gets each line read with confidence and returns
 * true to stop.
 */
export async function readTextLines(
  img: GrayImage,
  paper: readonly Box[],
  opts: { skip?: Box[]; maxLines: number; signal?: AbortSignal; onLine: (line: ReadLine) => boolean },
): Promise<void> {
  await readLineBoxes(img, paper.flatMap((region) => findTextLines(img, region, opts.skip ?? [])).slice(0, opts.maxLines), opts);
}

/**
 * OCR of the given line boxes, in order (lines found by the caller); `onLine` gets each line
 * read with confidence and returns true to stop.
 */
export async function readLineBoxes(img: GrayImage, boxes: readonly Box[], opts: { signal?: AbortSignal; onLine: (line: ReadLine) => boolean }): Promise<void> {
  for (const box of boxes) {
    throwIfAborted(opts.signal);
    const line = await readLine(crop(img, box.x, box.y, box.width, box.height));
    if (line.text.length >= 4 && line.confidence >= MIN_CONFIDENCE && opts.onLine({ ...line, box })) return;
  }
}

/** Quiet zone kept around a region's crop: a label's barcode may touch its edge. */
const PAPER_PAD = 16;

/** Barcodes in each paper region's crop, boxes back in the picture's pixels, each text once. */
async function barcodesOnPaper(img: GrayImage, regions: readonly Box[], thorough: boolean, signal?: AbortSignal): Promise<Barcode[]> {
  const found = new Map<string, Barcode>();
  for (const r of regions) {
    throwIfAborted(signal);
    const x = Math.max(0, r.x - PAPER_PAD);
    const y = Math.max(0, r.y - PAPER_PAD);
    for (const b of await readBarcodesGray(crop(img, x, y, r.width + 2 * PAPER_PAD, r.height + 2 * PAPER_PAD), thorough)) {
      if (!found.has(b.text)) found.set(b.text, { ...b, box: { ...b.box, x: b.box.x + x, y: b.box.y + y } });
    }
  }
  return [...found.values()];
}
