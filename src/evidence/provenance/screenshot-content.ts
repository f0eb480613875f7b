/**
 * Screenshot by content, for files whose metadata was stripped: rendered UI has large areas
 * of exactly one value, and no sensor noise anywhere; a camera frame has noise even in a
 * flat wall. We count 16×16 blocks whose values span at most 1 level (on the grey working
 * copy, so resampling cannot add variation to a truly flat area).
 * Measured on our fixtures: rendered screenshots ≥ 0.55 flat, camera-like photos < 0.05.
 */
import type { GrayImage } from '../media/gray-image.ts';
import { isScreenSize } from './screen-sizes.ts';

const BLOCK = 16;
/** Flat fraction above which a picture is rendered, whatever its size. */
const FLAT_ALONE = 0.5;
/** Flat fraction above which a picture of an exact screen size is a screenshot. */
const FLAT_AT_SCREEN_SIZE = 0.2;

export interface ScreenshotSignals {
  flatFraction: number;
  screenSize: boolean;
  suspected: boolean;
}

export function screenshotSignals(img: GrayImage, originalWidth: number, originalHeight: number): ScreenshotSignals {
  let flat = 0;
  let blocks = 0;
  for (let by = 0; by + BLOCK <= img.height; by += BLOCK) {
    for (let bx = 0; bx + BLOCK <= img.width; bx += BLOCK) {
      let min = 255;
      let max = 0;
      for (let y = by; y < by + BLOCK && max - min <= 1; y++) {
        const row = y * img.width;
        for (let x = bx; x < bx + BLOCK; x++) {
          const v = img.data[row + x] as number;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      blocks++;
      if (max - min <= 1) flat++;
    }
  }
  const flatFraction = blocks ? flat / blocks : 0;
  const screenSize = isScreenSize(originalWidth, originalHeight);
  return {
    flatFraction: Math.round(flatFraction * 1000) / 1000,
    screenSize,
    suspected: flatFraction >= FLAT_ALONE || (screenSize && flatFraction >= FLAT_AT_SCREEN_SIZE),
  };
}
