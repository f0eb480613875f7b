/**
 * MuPDF (the `mupdf` npm package: its WASM build, loaded from node_modules, no native code,
 * no download). Loaded on first use, not at import: ≈ 180 ms and 14 MB that a process which
 * never sees a PDF should not pay at start. Its parser's warnings ("repairing PDF document")
 * go to our log at debug level instead of stderr.
 */
import { evidenceLog } from '../log.ts';

export type MuPdf = typeof import('mupdf');

let loaded: Promise<MuPdf> | undefined;

/** `const mupdf = await loadMupdf(); mupdf.Document.openDocument(bytes, 'application/pdf')`. */
export function loadMupdf(): Promise<MuPdf> {
  loaded ??= import('mupdf').then((mupdf) => {
    mupdf.setLog({
      error: (message) => evidenceLog.debug({ mupdf: message }, 'mupdf error'),
      warning: (message) => evidenceLog.debug({ mupdf: message }, 'mupdf warning'),
    });
    return mupdf;
  });
  return loaded;
}
