/**
 * Reads what carriers print on a delivery photo: the signer (`SIGNED BY J GARCIA`) and the
 * time (`2026-11-12 15:20`). Lines are found on the working copy (≤ 2048 px: regions.ts on
 * paper-like regions) and read as words (`ocr-words.ts`). A line shorter than 20 px on the
 * working copy of a downscaled photo is cropped again from the full-resolution file: LSTM reads
 * capitals best at 30-40 px, and a 12 MP photo's working copy is half its size, so small print
 * would be read at half the pixels it has.
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
  /** A full-resolution grey crop of a working-copy box, when the photo was downscaled for work. */
  fullRes?: (box: Box) => Promise<GrayImage>;
  signal?: AbortSignal;
}

/** Below this height (working-copy px) a line is re-cropped at full resolution (see above). */
const SMALL_LINE_PX = 20;
/** At most this many lines per photo: a band has two, a label three or four. */
const MAX_LINES = 8;
const MIN_CONFIDENCE = 60;

const SIGNER = /\bSIGN(?:ED)?\s*(?:BY)?\s*[:.-]?\s*([A-Z][A-Z .'-]{1,60}[A-Z])/;
const TIME = /\b(\d{4})[-/.](\d{2})[-/.](\d{2})[ T]+(\d{2})[:.h]?(\d{2})\b/;

/** `parseSigner('SIGNED BY: J. GARCIA')` → `'J. GARCIA'`; undefined when the line names no signer. */
export function parseSigner(line: string): string | undefined {
  return SIGNER.exec(line.toUpperCase())?.[1]?.trim();
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

/** `await readDeliveryPrint(gray, { fullRes })` → `{ signer: 'J GARCIA', signedAt: 1794496800000, lines: [...] }`. */
export async function readDeliveryPrint(img: GrayImage, opts: PrintOptions = {}): Promise<DeliveryPrint> {
  const out: DeliveryPrint = { lines: [] };
  let budget = MAX_LINES;
  for (const region of findPaperRegions(img)) {
    for (const box of findTextLines(img, region, opts.skip ?? [])) {
      if (budget-- <= 0 || (out.signer && out.signedAt !== undefined)) return out;
      throwIfAborted(opts.signal);
      const pixels = box.height < SMALL_LINE_PX && opts.fullRes ? await opts.fullRes(box) : crop(img, box.x, box.y, box.width, box.height);
      const line = await readWords(pixels);
      if (line.confidence < MIN_CONFIDENCE || line.text.length < 4) continue;
      out.lines.push(line.text);
      out.signer ??= parseSigner(line.text);
      out.signedAt ??= parseTime(line.text);
    }
  }
  return out;
}
