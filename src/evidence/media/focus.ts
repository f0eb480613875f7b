/**
 * How sharp the parts of a picture that matter are. A whole-scene number is not legibility:
 * a 12 MP phone photo of a parcel is mostly smooth cardboard and wall, so sharp's Laplacian
 * spread over the whole picture (on a 1024 px copy) is 1.31 for our phone fixture whose label
 * reads at once, and 3.80 over the label alone (policy minimum 2). So we measure where text or
 * codes are (paper regions) and, when there is none, whether anything in the scene is in focus.
 */
import { crop, sharpOfGray, type GrayImage } from './gray-image.ts';
import type { Box } from './regions.ts';

/** sharp's `stats().sharpness` (standard deviation of the Laplacian) of one box of the picture. */
export async function boxSharpness(img: GrayImage, box: Box): Promise<number> {
  return (await (await sharpOfGray(crop(img, box.x, box.y, box.width, box.height))).stats()).sharpness;
}

/** The sharpest of the boxes (text regions): the place a reader would look. 0 for none. */
export async function sharpestOf(img: GrayImage, boxes: readonly Box[]): Promise<number> {
  let best = 0;
  for (const b of boxes) best = Math.max(best, await boxSharpness(img, b));
  return best;
}

/** The scene is judged on a 1024 px copy: sensor noise averages out, edges stay. */
const EDGE_SIDE = 1024;
/** The strongest 0.1 % of edges: a door frame or a box edge is far less than 1 % of a scene. */
const EDGE_QUANTILE = 0.999;
/**
 * Below this the strongest edges are blur. Measured on our fixtures (|4-neighbour Laplacian|
 * at the 99.9th percentile, 1024 px): blurred photos 5 and 14, a sharp scene of brown on brown
 * with no text 55, photos with labels 285 to 434.
 */
export const MIN_EDGE_STRENGTH = 30;

/**
 * How strong the sharpest edges of the scene are (0 to 1020): `await edgeStrength(gray)` → 55.
 * Something in the scene is in focus when this reaches `MIN_EDGE_STRENGTH`, whatever the
 * smooth rest of the picture does.
 */
export async function edgeStrength(img: GrayImage): Promise<number> {
  const { data, info } = await (await sharpOfGray(img))
    .resize({ width: EDGE_SIDE, height: EDGE_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = info.width;
  const hist = new Uint32Array(1021);
  for (let y = 1; y < info.height - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const l = 4 * (data[i] as number) - (data[i - 1] as number) - (data[i + 1] as number) - (data[i - w] as number) - (data[i + w] as number);
      hist[Math.abs(l)]!++;
    }
  }
  const total = Math.max(1, (w - 2) * (info.height - 2));
  let acc = 0;
  for (let v = 0; v < hist.length; v++) {
    acc += hist[v] as number;
    if (acc >= total * EDGE_QUANTILE) return v;
  }
  return hist.length - 1;
}
