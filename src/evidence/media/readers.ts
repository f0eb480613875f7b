/**
 * The reading workers a thread may have started (tesseract for codes, `ocr.ts`, and for
 * words, `ocr-words.ts`; ffmpeg's frame reader, `frame-reader.ts`): their worker threads keep a
 * process alive, so whoever ends a thread that ran checks (pool workers, the CLI, tests) calls
 * `closeReaders()`.
 */
import { closeFrameReader } from './frame-reader.ts';
import { closeOcr } from './ocr.ts';
import { closeWordOcr } from './ocr-words.ts';

export async function closeReaders(): Promise<void> {
  await Promise.all([closeOcr(), closeWordOcr(), closeFrameReader()]);
}
