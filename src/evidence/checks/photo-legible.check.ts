/**
 * `photo.legible`: a label or delivery-proof photo a person can read. Measured: resolution
 * (short side ≥ policy.minShortSidePx), sharpness (sharp's stats().sharpness, the Laplacian
 * spread, on a 1024 px copy ≥ policy.minSharpness), exposure. A barcode or text line we can
 * actually read beats the metrics: it is legible by demonstration.
 */
import { result, type Check } from '../check.ts';
import { sharpOfGray } from '../media/gray-image.ts';
import { MediaError } from '../media/media-error.ts';
import { readPicture } from '../media/read-picture.ts';
import { codeMatches } from '../match.ts';

/** Mean grey below/above which a photo is too dark/washed out, and the contrast (stdev) below which it is flat. */
const DARK_MEAN = 40;
const BRIGHT_MEAN = 235;
const MIN_CONTRAST = 15;
const SHARPNESS_SIDE = 1024;

export const photoLegibleCheck: Check<'photo.legible'> = {
  id: 'photo.legible',
  appliesTo: (kind) => kind === 'label_photo' || kind === 'delivery_proof_photo',
  async run(file, ctx) {
    const { minShortSidePx, minSharpness } = ctx.policy.evidence;
    let header, gray;
    try {
      header = await file.imageHeader();
      gray = await file.workingGray();
    } catch (e) {
      if (e instanceof MediaError) return result(this.id, 'fail', e.code, `The photo cannot be read (${e.message}).`);
      throw e;
    }
    const shortSide = Math.min(header.width, header.height);
    if (shortSide < minShortSidePx) {
      return result(this.id, 'fail', 'PHOTO.TOO_SMALL', `The photo is ${header.width}×${header.height}; it needs at least ${minShortSidePx} px on its short side to be read.`, {
        details: { width: header.width, height: header.height, minShortSidePx },
      });
    }
    const stats = await sharpOfGray(gray).resize({ width: SHARPNESS_SIDE, height: SHARPNESS_SIDE, fit: 'inside' }).stats();
    const channel = stats.channels[0];
    const metrics = {
      width: header.width,
      height: header.height,
      sharpness: round(stats.sharpness),
      minSharpness,
      meanBrightness: round(channel?.mean ?? 0),
      contrast: round(channel?.stdev ?? 0),
    };
    const blurred = stats.sharpness < minSharpness;
    const badExposure = metrics.meanBrightness < DARK_MEAN || metrics.meanBrightness > BRIGHT_MEAN || metrics.contrast < MIN_CONTRAST;
    // Try to read it: always the barcodes (cheap), OCR only to rescue a photo the metrics doubt.
    const reading = await readPicture(gray, { ocr: blurred || badExposure, maxLines: 4, signal: ctx.signal, enough: (lines, codes) => lines.length + codes.length > 0 });
    const reads = [...reading.barcodes.map((b) => `barcode: ${b.text}`), ...reading.lines.filter((l) => l.text.length >= 6).map((l) => `text: ${l.text}`)];
    const trackingRead = ctx.trackingNumber ? [...reading.barcodes.map((b) => b.text), ...reading.lines.map((l) => l.text)].some((t) => codeMatches(t, ctx.trackingNumber!)) : undefined;
    const details = { ...metrics, reads, ...(trackingRead === undefined ? {} : { trackingNumberRead: trackingRead }) };
    if (reads.length > 0) {
      return result(this.id, 'pass', 'PHOTO.READABLE', `We could read the photo (${reads[0]}).`, { details, proof: reads.map((text) => ({ text })) });
    }
    if (blurred) {
      return result(this.id, 'fail', 'PHOTO.BLURRED', `The photo is blurred (sharpness ${metrics.sharpness}, needs ${minSharpness}) and nothing on it could be read. Retake it in focus.`, { details });
    }
    if (badExposure) {
      return result(this.id, 'fail', 'PHOTO.EXPOSURE', `The photo is ${metrics.meanBrightness < DARK_MEAN ? 'too dark' : metrics.meanBrightness > BRIGHT_MEAN ? 'overexposed' : 'too flat (no contrast)'} and nothing on it could be read. Retake it in even light.`, { details });
    }
    return result(this.id, 'pass', 'PHOTO.CLEAR', `The photo is sharp (${metrics.sharpness}) and well exposed.`, { details });
  },
};

const round = (n: number) => Math.round(n * 100) / 100;
