/**
 * Reads what carriers print on a delivery photo: the signer (`SIGNED BY J GARCIA`) and the
 * time (`2026-11-12 15:20`). Lines are found and read on the working copy (≤ 2048 px, paper-like
 * regions from regions.ts) as words (`ocr-words.ts`). Not re-cropped from the full-resolution
 * file: on a 12 MP photo with the band printed small (lines 16-42 px tall on the working copy)
 * full-resolution crops read no better (one line better at 20 px, one worse at 16 px, the rest
 * the same) and each costs a decode of the file up to that line (≈ 0.5 s on our loaded machine).
 */
import { throwIfAborted } from './media-error.ts';
import { crop, type GrayImage } from './gray-image.ts';
import { readWords } from './ocr-words.ts';
import { findPaperRegions, findTextLines, type Box } from './regions.ts';

export interface DeliveryPrint {
  /** As printed, upper case, e.g. `J GARCIA`. */
  signer?: string;
  /** Epoch ms; printed times carry no zone, read as UTC. */
  signedAt?: number;
  /** Every line read, for the report. */
  lines: string[];
}

export interface PrintOptions {
  /** Skip these boxes (barcodes already decoded). */
  skip?: Box[];
  signal?: AbortSignal;
}

/** At most this many lines per photo: a band has two, a label three or four. */
const MAX_LINES = 8;
const MIN_CONFIDENCE = 60;

const SIGNER = /\bSIGN(?:ED)?\s*(?:BY)?\s*[:.-]?\s*([A-Z][A-Z .'-]{1,60}[A-Z])/;
const TIME = /\b(\d{4})[-/.](\d{2})[-/.](\d{2})[ T]+(\d{2})[:.h]?(\d{2})\b/;

/** `parseSigner('SIGNED BY: J. GARCIA')` → `'J. GARCIA'`; undefined when the line names no signer. OCR's stray brackets and bars are dropped first. */
export function parseSigner(line: string): string | undefined {
  return SIGNER.exec(line.toUpperCase().replace(/[^A-Z0-9 .:'-]/g, ''))?.[1]?.trim();
}

/** `parseTime('2026-11-12 15:20')` → `Date.UTC(2026, 10, 12, 15, 20)`; undefined when there is no valid time. */
export function parseTime(line: string): number | undefined {
  const m = TIME.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(at);
  // Date.UTC rolls 2026-13-40 over; a real printed time round-trips.
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 ? at : undefined;
}

/** `await readDeliveryPrint(gray)` → `{ signer: 'J GARCIA', signedAt: 1794496800000, lines: [...] }`. */
export async function readDeliveryPrint(img: GrayImage, opts: PrintOptions = {}): Promise<DeliveryPrint> {
  const out: DeliveryPrint = { lines: [] };
  let budget = MAX_LINES;
  for (const region of findPaperRegions(img)) {
    for (const box of findTextLines(img, region, opts.skip ?? [])) {
      if (budget-- <= 0 || (out.signer && out.signedAt !== undefined)) return out;
      throwIfAborted(opts.signal);
      const line = await readWords(crop(img, box.x, box.y, box.width, box.height));
      if (line.confidence < MIN_CONFIDENCE || line.text.length < 4) continue;
      out.lines.push(line.text);
      out.signer ??= parseSigner(line.text);
      out.signedAt ??= parseTime(line.text);
    }
  }
  return out;
}
