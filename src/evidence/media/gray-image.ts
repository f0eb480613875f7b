/** Grey pictures with sharp (loaded on first use, sharp-lib.ts): what pgm.ts holds (re-exported here), plus sharp pipelines and thumbnails. */
import type { Sharp } from 'sharp';
import { loadSharp } from './sharp-lib.ts';
import { crop, toPgm, type Box, type GrayImage } from './pgm.ts';

export { crop, toPgm, type Box, type GrayImage };

/** Wraps a GrayImage for further sharp work (resize, stats, encode). */
export type SharpPipeline = Sharp;

export async function sharpOfGray(img: GrayImage): Promise<SharpPipeline> {
  const sharp = await loadSharp();
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/**
 * Writes a small JPEG of the picture (proof thumbnails), with a red box around each of
 * `boxes` (picture pixels): where the code or text was read. The boxes are painted into the
 * small picture's pixels: composing an SVG over a PNG of it (librsvg and an extra encode) took
 * 23 ms a 1080p frame, this 12.5 ms (median of 5, on the bench video's frame).
 */
export async function writeThumbnail(img: GrayImage, file: string, maxSide = 480, boxes: readonly Box[] = []): Promise<void> {
  const k = Math.min(1, maxSide / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * k));
  const height = Math.max(1, Math.round(img.height * k));
  const rgb = await (await sharpOfGray(img)).resize({ width, height, fit: 'fill' }).toColourspace('srgb').raw().toBuffer();
  for (const b of boxes) paintBox(rgb, width, height, { x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });
  const sharp = await loadSharp();
  await sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 70 }).toFile(file);
}

/** Box outline thickness on a thumbnail, in its pixels. */
const BOX_STROKE = 3;

/** Paints a red outline of `box` (clamped to the picture) into packed RGB pixels. */
function paintBox(rgb: Buffer, width: number, height: number, box: Box): void {
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(width - 1, Math.round(box.x + box.width));
  const y1 = Math.min(height - 1, Math.round(box.y + box.height));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const edge = x - x0 < BOX_STROKE || x1 - x < BOX_STROKE || y - y0 < BOX_STROKE || y1 - y < BOX_STROKE;
      if (!edge) continue;
      const p = 3 * (y * width + x);
      rgb[p] = 255;
      rgb[p + 1] = 0;
      rgb[p + 2] = 0;
    }
  }
}
