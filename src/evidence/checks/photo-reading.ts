/**
 * What a photo says, read once per file and shared by `photo.legible` and `label.match`: the
 * barcodes over the whole working copy (zxing finds them in clutter), then code OCR on the
 * paper regions' lines until something that looks like a tracking number is read.
 */
import sharp from 'sharp';
import type { EvidenceFile } from '../evidence-file.ts';
import type { GrayImage } from '../media/gray-image.ts';
import { readPicture, type PictureReading } from '../media/read-picture.ts';
import type { Box } from '../media/regions.ts';

/** Lines of code OCR per photo at most (≈ 0.2 s each): a label has three or four. */
const MAX_CODE_LINES = 6;

/** Tracking numbers are 8 to 40 letters and digits, at least 6 of them digits (`LP00712345678CN`, `1Z999AA10123456784`). */
export function looksLikeTrackingNumber(text: string): boolean {
  const code = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return code.length >= 8 && code.length <= 40 && (code.match(/\d/g)?.length ?? 0) >= 6;
}

const readings = new WeakMap<EvidenceFile, Promise<PictureReading>>();

/** The photo's barcodes and code lines: `await photoReading(file)` → `{ barcodes: [{ text: 'LP00712345678CN', … }], lines: [] }`. */
export function photoReading(file: EvidenceFile, signal?: AbortSignal): Promise<PictureReading> {
  let reading = readings.get(file);
  if (!reading) {
    reading = (async () =>
      readPicture(await file.workingGray(), {
        ocr: true,
        maxLines: MAX_CODE_LINES,
        signal,
        enough: (lines, codes) => [...codes.map((c) => c.text), ...lines.map((l) => l.text)].some(looksLikeTrackingNumber),
      }))();
    readings.set(file, reading);
  }
  return reading;
}

/** Every text the reading holds, barcodes first, normalised for display (`LP00712345678CN`). */
export function trackingCandidates(reading: PictureReading): Array<{ text: string; from: 'barcode' | 'text' }> {
  const all = [...reading.barcodes.map((b) => ({ text: b.text, from: 'barcode' as const })), ...reading.lines.map((l) => ({ text: l.text, from: 'text' as const }))];
  return all.filter((c) => looksLikeTrackingNumber(c.text)).map((c) => ({ ...c, text: normaliseDisplay(c.text) }));
}

const normaliseDisplay = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Crops a box of the working copy again from the original file at full resolution, or
 * undefined when the working copy is the photo's own size (nothing to gain).
 */
export async function fullResCropper(file: EvidenceFile, gray: GrayImage): Promise<((box: Box) => Promise<GrayImage>) | undefined> {
  const header = await file.imageHeader();
  const scale = header.displayWidth / gray.width;
  if (scale <= 1.01) return undefined;
  return async (box) => {
    const left = Math.max(0, Math.floor(box.x * scale));
    const top = Math.max(0, Math.floor(box.y * scale));
    const width = Math.min(header.displayWidth - left, Math.ceil(box.width * scale));
    const height = Math.min(header.displayHeight - top, Math.ceil(box.height * scale));
    const { data, info } = await sharp(file.path, { limitInputPixels: file.policy.evidence.maxPixels })
      .rotate()
      .extract({ left, top, width, height })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  };
}
