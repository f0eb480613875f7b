/**
 * Text reading with tesseract.js, one line at a time. Core, worker script and English data
 * all come from node_modules (`@tesseract.js-data/eng`, the integer LSTM model: 2.9 MB, the
 * one tesseract.js itself picks for LSTM-only), nothing from the network and no cache file
 * written. One worker per thread, created on first use and kept warm; `closeOcr()` ends it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Worker, WorkerParams } from 'tesseract.js';
import { sharpOfGray, type GrayImage } from './gray-image.ts';

/** Characters on SKUs and tracking numbers; anything else is noise to us. */
const WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';
/** LSTM reads best with capital letters around 30-40 px tall; lines are scaled to this height. */
const LINE_HEIGHT_PX = 48;

let worker: Promise<Worker> | undefined;

/**
 * A tesseract worker on the offline English model, reading single lines with `params`. tesseract.js
 * is imported here, on first use: a check that reads no text (most video checks) does not load it.
 */
export async function startLineWorker(params: Partial<WorkerParams>): Promise<Worker> {
  const { createWorker, OEM, PSM } = await import('tesseract.js');
  const langPath = join(dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng')), '4.0.0_best_int');
  const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE, user_defined_dpi: '300', ...params });
  return w;
}

function getWorker(): Promise<Worker> {
  worker ??= startLineWorker({ tessedit_char_whitelist: WHITELIST });
  return worker;
}

/** Starts the OCR worker now, so its ~0.3 s start overlaps probing and decoding. */
export function warmOcr(): void {
  void getWorker();
}

export interface OcrLine {
  text: string;
  confidence: number;
}

/** Reads one line of text from a grey crop: `await readLine(crop)` → `{ text: 'SKU-AE-48213-BLK', confidence: 91 }`. */
export async function readLine(img: GrayImage): Promise<OcrLine> {
  const w = await getWorker();
  const { data } = await w.recognize(await linePng(img));
  return { text: data.text.trim(), confidence: data.confidence };
}

/** A text line as tesseract reads it best: scaled to LINE_HEIGHT_PX, with a white margin (shared with ocr-words.ts). */
export async function linePng(img: GrayImage): Promise<Buffer> {
  const scale = LINE_HEIGHT_PX / img.height;
  return (await sharpOfGray(img))
    .resize({ width: Math.max(8, Math.round(img.width * scale)), height: LINE_HEIGHT_PX, fit: 'fill' })
    .extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Ends this thread's OCR worker (tests, CLI and pool workers call it before exiting). */
export async function closeOcr(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await (await w).terminate();
}
