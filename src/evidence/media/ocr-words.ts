/**
 * Free-text reading with tesseract.js, one line at a time, for what people print in words
 * (a signer's name, a date and time) rather than codes: no character whitelist and word
 * spaces kept, so `SIGNED BY J GARCIA` keeps its spaces (the code reader in `ocr.ts` keeps
 * only A-Z, 0-9 and `-`, and reads it as `SIGNEDBYJGARCIA`). Same offline model as `ocr.ts`;
 * its own worker, since tesseract's parameters are per worker.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { GrayImage } from './gray-image.ts';
import { linePng, type OcrLine } from './ocr.ts';

let worker: Promise<Worker> | undefined;

function getWorker(): Promise<Worker> {
  worker ??= (async () => {
    const langPath = join(dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng')), '4.0.0_best_int');
    const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
    await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE, preserve_interword_spaces: '1', user_defined_dpi: '300' });
    return w;
  })();
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
