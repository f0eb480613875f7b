/**
 * MuPDF (the `mupdf` npm package: its WASM build, loaded from node_modules, no native code,
 * no download; ≈ 180 ms to load on our machine, once per thread). Its parser's warnings
 * ("repairing PDF document") go to our log at debug level instead of stderr.
 */
import * as mupdf from 'mupdf';
import { evidenceLog } from '../log.ts';

mupdf.setLog({
  error: (message) => evidenceLog.debug({ mupdf: message }, 'mupdf error'),
  warning: (message) => evidenceLog.debug({ mupdf: message }, 'mupdf warning'),
});

export { mupdf };
