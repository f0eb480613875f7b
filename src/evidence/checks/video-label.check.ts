/**
 * `video.label`: the packing video shows the parcel label with the order's tracking number
 * (its barcode, or the number as text). A different tracking number read is a clear fail;
 * nothing read is `perceived` (a person reviews).
 */
import { result, type Check } from '../check.ts';
import { scanOrFailure, startScan } from './scan-targets.ts';

/** Carrier tracking numbers: UPU S10 (`RR123456789CN`) and the longer prefixed forms (`LP00712345678CN`). */
const TRACKING_SHAPE = /^[A-Z]{2}\d{9,14}[A-Z]{0,2}$/;

export const videoLabelCheck: Check<'video.label'> = {
  id: 'video.label',
  appliesTo: (kind) => kind === 'packing_video',
  startEarly: startScan,
  async run(file, ctx) {
    const tracking = ctx.trackingNumber;
    if (!tracking) return result(this.id, 'skip', 'VIDEO.LABEL_NO_TRACKING', 'The order has no tracking number to look for.');
    const scan = await scanOrFailure(this.id, file, ctx);
    if ('status' in scan) return scan;
    const details = { trackingNumber: tracking, framesRead: scan.framesRead, ocrFrames: scan.ocrFrames, passes: scan.passes, otherReads: scan.otherReads.map((r) => `${r.atSeconds}s ${r.source}: ${r.text}`) };
    const seen = scan.tracking;
    if (seen) {
      return result(this.id, 'pass', 'VIDEO.LABEL_SEEN', `The parcel label with tracking number ${tracking} is visible at ${seen.atSeconds} s (${seen.source}).`, {
        details,
        proof: [{ atSeconds: seen.atSeconds, ...(seen.image ? { image: seen.image } : {}), text: `${seen.source}: ${seen.text}` }],
      });
    }
    const otherBarcodes = scan.otherReads.filter((r) => r.source === 'barcode');
    const proof = scan.otherReads.slice(0, 3).map((r) => ({ atSeconds: r.atSeconds, ...(r.image ? { image: r.image } : {}), text: `${r.source}: ${r.text}` }));
    // Another tracking-shaped barcode is another parcel's label (a fact); any other barcode may be the product's own.
    const otherLabels = otherBarcodes.filter((b) => TRACKING_SHAPE.test(b.text));
    if (otherBarcodes.length > 0) {
      return result(this.id, 'fail', 'VIDEO.LABEL_MISMATCH', `The barcode in the video reads ${otherBarcodes.map((b) => b.text).join(', ')}, not the order's tracking number ${tracking}.`, {
        ...(otherLabels.length ? {} : { basis: 'perceived' as const }),
        details,
        proof,
      });
    }
    return result(this.id, 'fail', 'VIDEO.LABEL_UNREADABLE', `We could not read the parcel label in the video. Show the shipping label (tracking number ${tracking}) flat and close to the camera for a second or two.`, {
      basis: 'perceived',
      details,
      proof,
    });
  },
};
