/** Grey pictures with sharp: what pgm.ts holds (re-exported here), plus sharp pipelines and thumbnails. */
import sharp from 'sharp';
import { crop, toPgm, type Box, type GrayImage } from './pgm.ts';

export { crop, toPgm, type Box, type GrayImage };

/** Wraps a GrayImage for further sharp work (resize, stats, encode). */
export type SharpPipeline = ReturnType<typeof sharp>;

export function sharpOfGray(img: GrayImage): SharpPipeline {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/**
 * Writes a small JPEG of the picture (proof thumbnails), with a red box around each of
 * `boxes` (picture pixels): where the code or text was read.
 */
export async function writeThumbnail(img: GrayImage, file: string, maxSide = 480, boxes: readonly Box[] = []): Promise<void> {
  const k = Math.min(1, maxSide / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * k));
  const height = Math.max(1, Math.round(img.height * k));
  const rects = boxes
    .map((b) => `<rect x="${(b.x * k).toFixed(1)}" y="${(b.y * k).toFixed(1)}" width="${(b.width * k).toFixed(1)}" height="${(b.height * k).toFixed(1)}" fill="none" stroke="#ff0000" stroke-width="3"/>`)
    .join('');
  const small = sharpOfGray(img).resize({ width, height, fit: 'fill' }).toColourspace('srgb');
  const pipeline = rects
    ? sharp(await small.png({ compressionLevel: 1 }).toBuffer()).composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects}</svg>`), top: 0, left: 0 }])
    : small;
  await pipeline.jpeg({ quality: 70 }).toFile(file);
}
