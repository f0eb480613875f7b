import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { claimedTimelyPackingVideo, signatureDuty, timelyPackingVideo } from '../duties.ts';
import { usableOfKind } from '../evidence.ts';
import { PENALTY } from '../weights.ts';

/**
 * `packing_video.required` — 000: the same orders (over $50, dispute-prone categories) need a
 * packing video uploaded within 2 h of shipping (policy.evidence.packingVideoWithinHoursOfShipping),
 * measured from our receive time: an order upload at shipping time meets it (`POST /api/orders/:id/evidence`).
 * Missing or late weakens the seller; a video uploaded now cannot repair it, so no `missing` entry.
 * An ERP's claimed marketplace upload time is shown in the reason, marked as a claim, never counted.
 */
export const packingVideoRequired: Rule = {
  id: 'packing_video.required',
  source: '000',
  evaluate({ ctx, policy }) {
    if (!signatureDuty(ctx.order, policy).required) return undefined;
    const hours = policy.evidence.packingVideoWithinHoursOfShipping;
    const shippedAt = ctx.order.shipment.shippedAt ?? null;
    const timely = timelyPackingVideo(ctx.order, ctx.evidence, policy);
    const videos = usableOfKind(ctx.evidence, 'packing_video');
    const claimed = timely ? undefined : claimedTimelyPackingVideo(ctx.order, ctx.evidence, policy);
    const claimedAt = claimed?.claimedUploadedAt === undefined ? null : new Date(claimed.claimedUploadedAt).toISOString();
    const facts = { shippedAt, withinHours: hours, acceptedVideos: videos.length, timelyVideo: timely?.id ?? null, claimedVideo: claimed?.id ?? null, claimedUploadedAt: claimedAt };
    if (timely) {
      return { reasons: [reason('packing_video.required', 'info', `A packing video was uploaded within ${hours} h of shipping as required.`, facts, [timely.id])] };
    }
    const text =
      shippedAt === null
        ? 'A packing video within the shipping window is required, but the ship time is unknown, so none can be shown timely.'
        : videos.length > 0
          ? `A packing video was required within ${hours} h of shipping; the accepted one reached us later.${
              claimed ? ` (Claim, not verified: the seller's system says ${claimed.id} was uploaded to the marketplace at ${claimedAt}; the duty counts our receive time only.)` : ''
            }`
          : `A packing video was required within ${hours} h of shipping; there is none.`;
    return {
      reasons: [reason('packing_video.required', 'weakens_seller', text, facts, videos.map((v) => v.id))],
      penalty: PENALTY.packingVideoLateOrMissing,
    };
  },
};
