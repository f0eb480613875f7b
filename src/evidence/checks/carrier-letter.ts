/**
 * A carrier letter read once per file and shared by `letter.pdf_safety` and `letter.stamp`:
 * a PDF is inspected (`media/pdf-inspect.ts`) and, when it carries nothing active, its first
 * page rendered (`media/pdf-render.ts`); a photo or scan of a letter is decoded as RGB.
 */
import { readFile } from 'node:fs/promises';
import type { EvidenceFile } from '../evidence-file.ts';
import { inspectPdf, type PdfInspection } from '../media/pdf-inspect.ts';
import { renderFirstPage, type RgbImage } from '../media/pdf-render.ts';
import { MediaError } from '../media/media-error.ts';
import { loadSharp } from '../media/sharp-lib.ts';

export interface LetterPages {
  /** Present for a PDF. */
  inspection?: PdfInspection;
  /** The page to look at: the rendered first page of a safe PDF, or the picture itself. */
  page?: RgbImage;
  source: 'pdf_page' | 'image';
}

/** A letter photo is looked at no larger than this: the seal search works on 800 px. */
const IMAGE_SIDE = 1600;

const letters = new WeakMap<EvidenceFile, Promise<LetterPages>>();

/** `await letterPages(file)` → `{ inspection: { findings: [] … }, page: { data, width: 827, height: 1170 }, source: 'pdf_page' }`. */
export function letterPages(file: EvidenceFile): Promise<LetterPages> {
  let pages = letters.get(file);
  if (!pages) {
    pages = read(file);
    letters.set(file, pages);
  }
  return pages;
}

async function read(file: EvidenceFile): Promise<LetterPages> {
  const { type, family } = await file.sniff();
  if (type === 'pdf') {
    const inspection = await inspectPdf(file.path).catch((e: Error) => {
      throw new MediaError('PDF.UNREADABLE', `the PDF cannot be parsed: ${e.message}`);
    });
    // Nothing of an unsafe PDF is drawn: it is rejected anyway.
    if (inspection.findings.length > 0 || inspection.pages === 0) return { inspection, source: 'pdf_page' };
    return { inspection, page: await renderFirstPage(await readFile(file.path)), source: 'pdf_page' };
  }
  if (family !== 'image') return { source: 'image' };
  const sharp = await loadSharp();
  const { data, info } = await sharp(file.path, { limitInputPixels: file.policy.evidence.maxPixels })
    .rotate()
    .resize({ width: IMAGE_SIDE, height: IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((e: Error) => {
      throw new MediaError('IMAGE.UNREADABLE', `the image cannot be decoded: ${e.message}`);
    });
  return { page: { data, width: info.width, height: info.height }, source: 'image' };
}
