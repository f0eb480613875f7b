/**
 * Grey pictures as bytes: the picture type, and the binary PGM form zxing reads directly.
 * No sharp here (gray-image.ts adds it), so reading codes from frames does not load libvips.
 */
/** A single-channel 8-bit picture in memory (a decoded frame or photo). */
export interface GrayImage {
  data: Buffer;
  width: number;
  height: number;
  /**
   * The same pixels as a binary PGM (header then `data`, one buffer), when the source made
   * them so (ffmpeg's frames, crops): zxing reads it as is, with no RGBA copy.
   */
  pgm?: Buffer;
}

/** A rectangle in a picture's pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const pgmHeader = (width: number, height: number) => Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');

/** `P5 <w> <h> 255` and one whitespace: the header ffmpeg's `pgm` encoder writes. */
const PGM_HEADER = /^P5\s(\d+)\s(\d+)\s255\s/;

/** A binary PGM's picture (a view of `pgm`, no copy), or undefined when `pgm` is not one whole 8-bit PGM. */
export function fromPgm(pgm: Buffer): GrayImage | undefined {
  const m = PGM_HEADER.exec(pgm.subarray(0, 32).toString('latin1'));
  if (!m) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const start = m[0].length;
  if (pgm.length < start + width * height) return undefined;
  return { data: pgm.subarray(start, start + width * height), width, height, pgm: pgm.subarray(0, start + width * height) };
}

/** An empty PGM-backed picture: `data` is a view into `pgm` after its header. */
function allocPgm(width: number, height: number): GrayImage {
  const header = pgmHeader(width, height);
  const pgm = Buffer.allocUnsafe(header.length + width * height);
  header.copy(pgm);
  return { data: pgm.subarray(header.length), width, height, pgm };
}

/** The picture as binary PGM bytes: its own when it has them, else one copy of the pixels. */
export function toPgm(img: GrayImage): Buffer {
  if (img.pgm) return img.pgm;
  return Buffer.concat([pgmHeader(img.width, img.height), img.data.subarray(0, img.width * img.height)]);
}

/** Copies a rectangle out of a GrayImage (clamped to its bounds); the copy is PGM-backed. */
export function crop(img: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(img.width, Math.ceil(x + w));
  const y1 = Math.min(img.height, Math.ceil(y + h));
  const out = allocPgm(Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  for (let row = 0; row < out.height; row++) {
    img.data.copy(out.data, row * out.width, (y0 + row) * img.width + x0, (y0 + row) * img.width + x0 + out.width);
  }
  return out;
}
