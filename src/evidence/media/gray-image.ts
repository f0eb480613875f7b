import sharp from 'sharp';

/** A single-channel 8-bit picture in memory (a decoded frame or photo). */
export interface GrayImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Wraps a GrayImage for further sharp work (resize, stats, encode). */
export type SharpPipeline = ReturnType<typeof sharp>;

export function sharpOfGray(img: GrayImage): SharpPipeline {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/** Copies a rectangle out of a GrayImage (clamped to its bounds). */
export function crop(img: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(img.width, Math.ceil(x + w));
  const y1 = Math.min(img.height, Math.ceil(y + h));
  const cw = Math.max(1, x1 - x0);
  const ch = Math.max(1, y1 - y0);
  const out = Buffer.alloc(cw * ch);
  for (let row = 0; row < ch; row++) {
    img.data.copy(out, row * cw, (y0 + row) * img.width + x0, (y0 + row) * img.width + x0 + cw);
  }
  return { data: out, width: cw, height: ch };
}

/** Writes a small JPEG of the picture (proof thumbnails). */
export async function writeThumbnail(img: GrayImage, file: string, maxSide = 480): Promise<void> {
  await sharpOfGray(img).resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toFile(file);
}
