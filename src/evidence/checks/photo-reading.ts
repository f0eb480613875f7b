/**
 * What a photo says, read once per file and shared by `photo.legible` and `label.match`: the
 * barcodes on the paper regions of the working copy (≤ 2048 px, the copy every photo check
 * shares; the whole copy only when it has no paper), then code OCR on those regions' lines
 * until something that looks like a tracking number is read. Crops come from the working
 * copy, not the full-resolution file: on our 12 MP fixture decoding the label again at full
 * resolution and reading it took 2.3× as long (418 vs 182 ms, bench/legibility.bench.ts) for
 * the same barcode. Small print likewise (`read-print.ts`).
 */
import type { EvidenceFile } from '../evidence-file.ts';
import { readPicture, type PictureReading } from '../media/read-picture.ts';

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
        barcodesIn: 'paper',
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
