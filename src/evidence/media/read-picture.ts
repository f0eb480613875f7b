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
  let budget = opts.maxLines ?? 8;
  for (const region of findPaperRegions(img)) {
    for (const box of findTextLines(img, region, barcodes.map((b) => b.box))) {
      if (budget-- <= 0) return { barcodes, lines };
      throwIfAborted(opts.signal);
      const line = await readLine(crop(img, box.x, box.y, box.width, box.height));
      if (line.text.length >= 4 && line.confidence >= MIN_CONFIDENCE) {
        lines.push({ ...line, box });
        if (opts.enough?.(lines, barcodes)) return { barcodes, lines };
      }
    }
  }
  return { barcodes, lines };
}
