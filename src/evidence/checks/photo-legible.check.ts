/**
 * `photo.legible`: a label or delivery-proof photo is legible when what must be read can be
 * read. In order:
 *  1. read it: a barcode or a code line (shared with `label.match`, `photo-reading.ts`); on a
 *     delivery photo also the carrier's print, signer and time (`read-print.ts`), which
 *     `delivery.proof` uses when the upload names none → `PHOTO.READABLE`;
 *  2. nothing decoded: the sharpness of the regions that carry text or codes (not the whole
 *     scene, see `media/focus.ts`) against policy.minSharpness → `PHOTO.CLEAR` or `PHOTO.BLURRED`;
 *  3. no text anywhere: a scene in focus is `PHOTO.NOTHING_TO_READ` (warn, a person looks),
 *     a blurred one `PHOTO.BLURRED`.
 * Exposure and resolution still fail a photo nothing could be read on.
 */
import { result, type Check } from '../check.ts';
import { edgeStrength, MIN_EDGE_STRENGTH, sharpestOf } from '../media/focus.ts';
import { sharpOfGray } from '../media/gray-image.ts';
import { MediaError } from '../media/media-error.ts';
import { readDeliveryPrint } from '../media/read-print.ts';
import { findPaperRegions, findTextLines } from '../media/regions.ts';
import { codeMatches } from '../match.ts';
import { photoReading } from './photo-reading.ts';

/** Mean grey below/above which a photo is too dark/washed out, and the contrast (stdev) below which it is flat. */
const DARK_MEAN = 40;
const BRIGHT_MEAN = 235;
const MIN_CONTRAST = 15;
const STATS_SIDE = 1024;

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
    const reading = await photoReading(file, ctx.signal);
    const print = file.kind === 'delivery_proof_photo' ? await readDeliveryPrint(gray, { skip: reading.barcodes.map((b) => b.box), ...(ctx.signal ? { signal: ctx.signal } : {}) }) : undefined;
    const textRegions = findPaperRegions(gray).filter((r) => findTextLines(gray, r).length > 0);
    const stats = await (await sharpOfGray(gray)).resize({ width: STATS_SIDE, height: STATS_SIDE, fit: 'inside' }).stats();
    const channel = stats.channels[0];
    const reads = [
      ...reading.barcodes.map((b) => `barcode: ${b.text}`),
      ...reading.lines.filter((l) => l.text.length >= 6).map((l) => `text: ${l.text}`),
      ...(print?.signer ? [`signer: ${print.signer}`] : []),
      ...(print?.signedAt !== undefined ? [`signed at: ${new Date(print.signedAt).toISOString()}`] : []),
    ];
    const trackingRead = ctx.trackingNumber ? [...reading.barcodes.map((b) => b.text), ...reading.lines.map((l) => l.text)].some((t) => codeMatches(t, ctx.trackingNumber!)) : undefined;
    const details = {
      width: header.width,
      height: header.height,
      // The sharpness that decides: of the text regions when there are some, else of the whole scene.
      sharpness: round(textRegions.length ? await sharpestOf(gray, textRegions) : stats.sharpness),
      minSharpness,
      measuredOn: textRegions.length ? ('text_regions' as const) : ('scene' as const),
      textRegions: textRegions.length,
      sceneSharpness: round(stats.sharpness),
      meanBrightness: round(channel?.mean ?? 0),
      contrast: round(channel?.stdev ?? 0),
      reads,
      ...(trackingRead === undefined ? {} : { trackingNumberRead: trackingRead }),
      ...(print?.signer ? { signerRead: print.signer } : {}),
      ...(print?.signedAt !== undefined ? { signedAtRead: new Date(print.signedAt).toISOString() } : {}),
    };
    if (reads.length > 0) {
      return result(this.id, 'pass', 'PHOTO.READABLE', `We could read the photo (${reads[0]}).`, { details, proof: reads.map((text) => ({ text })) });
    }
    const exposure = exposureProblem(details.meanBrightness, details.contrast);
    if (textRegions.length > 0) {
      if (details.sharpness < minSharpness) {
        return result(this.id, 'fail', 'PHOTO.BLURRED', `The text on the photo is blurred (sharpness ${details.sharpness} where the text is, needs ${minSharpness}) and nothing on it could be read. Retake it in focus.`, { details });
      }
      if (exposure) return result(this.id, 'fail', 'PHOTO.EXPOSURE', `The photo is ${exposure} and nothing on it could be read. Retake it in even light.`, { details });
      return result(this.id, 'pass', 'PHOTO.CLEAR', `The text on the photo is sharp (${details.sharpness}, needs ${minSharpness}), though the machine decoded none of it.`, { details });
    }
    const edges = await edgeStrength(gray);
    if (edges < MIN_EDGE_STRENGTH) {
      return result(this.id, 'fail', 'PHOTO.BLURRED', `The photo is blurred (its sharpest edges reach ${edges}, in focus needs ${MIN_EDGE_STRENGTH}) and nothing on it could be read. Retake it in focus.`, { details });
    }
    if (exposure) return result(this.id, 'fail', 'PHOTO.EXPOSURE', `The photo is ${exposure} and nothing on it could be read. Retake it in even light.`, { details });
    return result(this.id, 'warn', 'PHOTO.NOTHING_TO_READ', 'The photo is in focus but shows nothing to read (no label, no printed text); a person will look at it.', { details });
  },
};

function exposureProblem(mean: number, contrast: number): string | undefined {
  if (mean < DARK_MEAN) return 'too dark';
  if (mean > BRIGHT_MEAN) return 'overexposed';
  if (contrast < MIN_CONTRAST) return 'too flat (no contrast)';
  return undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;
