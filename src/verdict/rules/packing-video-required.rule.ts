import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { signatureDuty, timelyPackingVideo } from '../duties.ts';
import { usableOfKind } from '../evidence.ts';
import { PENALTY } from '../weights.ts';

/**
 * `packing_video.required` — 000: the same orders (over $50, dispute-prone categories) need a
 * packing video uploaded within 2 h of shipping (policy.evidence.packingVideoWithinHoursOfShipping).
 * Missing or late weakens the seller; a video uploaded now cannot repair it, so no `missing` entry.
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
    const facts = { shippedAt, withinHours: hours, acceptedVideos: videos.length, timelyVideo: timely?.id ?? null };
    if (timely) {
      return { reasons: [reason('packing_video.required', 'info', `A packing video was uploaded within ${hours} h of shipping as required.`, facts, [timely.id])] };
    }
    const text =
      shippedAt === null
        ? 'A packing video within the shipping window is required, but the ship time is unknown, so none can be shown timely.'
        : videos.length > 0
          ? `A packing video was required within ${hours} h of shipping; the accepted one was uploaded later.`
          : `A packing video was required within ${hours} h of shipping; there is none.`;
    return {
      reasons: [reason('packing_video.required', 'weakens_seller', text, facts, videos.map((v) => v.id))],
      penalty: PENALTY.packingVideoLateOrMissing,
    };
  },
};
