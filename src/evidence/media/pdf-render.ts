/**
 * Renders a PDF's first page to pixels with MuPDF (WASM), for the reviewer (a proof image)
 * and for the stamp search. 100 dpi: an A4 page is 827×1169, enough for a seal (a few cm
 * across, > 100 px) and for a person to read the letter; the render of our one-page
 * fixture takes ≈ 30 ms.
 */
import { loadMupdf } from './mupdf.ts';

export interface RgbImage {
  /** Packed RGB, 3 bytes a pixel, rows without padding. */
  data: Buffer;
  width: number;
  height: number;
}

const DPI = 100;

/** `await renderFirstPage(bytes)` → `{ data, width: 827, height: 1169 }`; throws when MuPDF cannot draw it. */
export async function renderFirstPage(bytes: Buffer): Promise<RgbImage> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const page = doc.loadPage(0);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(DPI / 72, DPI / 72), mupdf.ColorSpace.DeviceRGB, false);
    try {
      const width = pixmap.getWidth();
      const height = pixmap.getHeight();
      const stride = pixmap.getStride();
      const pixels = pixmap.getPixels();
      const data = Buffer.alloc(width * height * 3);
      for (let y = 0; y < height; y++) data.set(pixels.subarray(y * stride, y * stride + width * 3), y * width * 3);
      return { data, width, height };
    } finally {
      pixmap.destroy();
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}
