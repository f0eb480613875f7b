/**
 * Free-text reading with tesseract.js, one line at a time, for what people print in words
 * (a signer's name, a date and time) rather than codes: no character whitelist and word
 * spaces kept, so `SIGNED BY J GARCIA` keeps its spaces (the code reader in `ocr.ts` keeps
 * only A-Z, 0-9 and `-`, and reads it as `SIGNEDBYJGARCIA`). Same offline model as `ocr.ts`;
 * its own worker, since tesseract's parameters are per worker.
 */
import type { Worker } from 'tesseract.js';
import type { GrayImage } from './gray-image.ts';
import { linePng, startLineWorker, type OcrLine } from './ocr.ts';

let worker: Promise<Worker> | undefined;

function getWorker(): Promise<Worker> {
  worker ??= startLineWorker({ preserve_interword_spaces: '1' });
  return worker;
}

/** Reads one printed line as words: `await readWords(crop)` → `{ text: 'SIGNED BY J GARCIA', confidence: 88 }`. */
export async function readWords(img: GrayImage): Promise<OcrLine> {
  const w = await getWorker();
  const { data } = await w.recognize(await linePng(img));
  return { text: data.text.trim().replace(/\s+/g, ' '), confidence: data.confidence };
}

/** Ends this thread's word reader (tests, CLI and pool workers call it before exiting). */
export async function closeWordOcr(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await (await w).terminate();
}
