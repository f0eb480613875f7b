import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { stallOf } from '../tracking.ts';
import { STRENGTH } from '../weights.ts';

/**
 * `tracking.stalled` — 002: tracking with no update for 72 h (policy.logistics.stalledAfterHours)
 * is stalled. For `not_received` it favours the buyer (a stamped carrier exception letter
 * helps the seller claim the logistics guarantee); for other reasons it is information.
 */
export const trackingStalled: Rule = {
  id: 'tracking.stalled',
  source: '002',
  evaluate({ ctx, policy, now }) {
    const s = ctx.order.shipment;
    const stall = stallOf(ctx.order, policy, now);
    if (!stall.stalled) return undefined;
    const facts = { trackingStatus: s.status, lastUpdateAt: s.lastUpdateAt ?? null, silentHours: stall.silentHours, stalledAfterHours: policy.logistics.stalledAfterHours };
    if (ctx.reason !== 'not_received') {
      return { reasons: [reason('tracking.stalled', 'info', 'Tracking is stalled; it does not bear on this claim about the goods.', facts)] };
    }
    return {
      reasons: [reason('tracking.stalled', 'favours_buyer', `Tracking has had no update for ${policy.logistics.stalledAfterHours} h or more; the parcel is stalled and the buyer has not received it.`, facts)],
      vote: { favours: 'buyer', strength: STRENGTH.trackingStalled },
      missing: [{ kind: 'carrier_letter', mustShow: ['carrier stamp', 'tracking number', 'cause of the tracking exception'] }],
      flips: [{ change: 'a tracking update showing delivery, with a legible signed-delivery proof (signer name and time)', wouldFavour: 'seller' }],
    };
  },
};
