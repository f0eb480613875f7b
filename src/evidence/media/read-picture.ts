/**
 * Reads one picture (a video frame or a photo): barcodes over the whole picture (zxing is
 * built to find them in clutter), text only inside paper-like regions, line by line.
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
  /** OCR at most this many lines per picture: bounds the cost of a cluttered frame. */
  maxLines?: number;
  signal?: AbortSignal;
}

/** Lines read with less confidence than this are noise (tesseract's 0-100 scale). */
const MIN_CONFIDENCE = 50;

export async function readPicture(img: GrayImage, opts: ReadOptions): Promise<PictureReading> {
  const barcodes = await readBarcodesGray(img, opts.thorough ?? true);
  const lines: ReadLine[] = [];
  if (!opts.ocr || opts.enough?.(lines, barcodes)) return { barcodes, lines };
  await readTextLines(img, findPaperRegions(img), {
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
  let budget = opts.maxLines;
  for (const region of paper) {
    for (const box of findTextLines(img, region, opts.skip ?? [])) {
      if (budget-- <= 0) return;
      throwIfAborted(opts.signal);
      const line = await readLine(crop(img, box.x, box.y, box.width, box.height));
      if (line.text.length >= 4 && line.confidence >= MIN_CONFIDENCE && opts.onLine({ ...line, box })) return;
    }
  }
}
