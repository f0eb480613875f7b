/**
 * `label.match`: the label on a label photo is this order's. Read like a video frame (barcodes
 * first, then code OCR on paper regions; shared with `photo.legible` through `photo-reading.ts`).
 * A tracking number that differs from the order's fails with both numbers: measured when a
 * barcode said so (a decoded Code 128 carries a checksum), perceived when only OCR did (a
 * person checks a misread). Nothing that looks like a tracking number read → `warn`.
 */
import { result, type Check } from '../check.ts';
import { MediaError } from '../media/media-error.ts';
import { codeMatches } from '../match.ts';
import { photoReading, trackingCandidates } from './photo-reading.ts';

export const labelMatchCheck: Check<'label.match'> = {
  id: 'label.match',
  appliesTo: (kind, ctx) => kind === 'label_photo' && !!ctx.trackingNumber,
  async run(file, ctx) {
    const trackingNumber = ctx.trackingNumber!;
    let reading;
    try {
      reading = await photoReading(file, ctx.signal);
    } catch (e) {
      if (e instanceof MediaError) return result(this.id, 'fail', e.code, `The photo cannot be read (${e.message}).`);
      throw e;
    }
    const candidates = trackingCandidates(reading);
    const details = { trackingNumber, read: candidates.map((c) => `${c.from}: ${c.text}`) };
    const match = candidates.find((c) => codeMatches(c.text, trackingNumber));
    if (match) {
      return result(this.id, 'pass', 'LABEL.MATCHES_ORDER', `The label reads ${match.text} (${match.from}), the order's tracking number.`, { details, proof: [{ text: `${match.from}: ${match.text}` }] });
    }
    const other = candidates[0];
    if (other) {
      return result(this.id, 'fail', 'LABEL.OTHER_ORDER', `The label reads tracking number ${other.text} (${other.from}), but this order's is ${trackingNumber}: it is another parcel's label.`, {
        details,
        proof: candidates.map((c) => ({ text: `${c.from}: ${c.text}` })),
        ...(other.from === 'text' ? { basis: 'perceived' as const } : {}),
      });
    }
    return result(this.id, 'warn', 'LABEL.UNREAD', `No tracking number could be read on the label (the order's is ${trackingNumber}); a person will compare them.`, { details });
  },
};
