import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { stallOf } from '../tracking.ts';
import { STRENGTH } from '../weights.ts';

/**
 * `not_received.tracking_status` — 000/002: for `not_received` when tracking is not
 * `delivered` (and not stalled — `tracking.stalled` speaks then): `lost` and `returned`
 * favour the buyer; a parcel still moving decides nothing yet.
 */
export const notReceivedTrackingStatus: Rule = {
  id: 'not_received.tracking_status',
  source: '000, 002',
  evaluate({ ctx, policy, now }) {
    const s = ctx.order.shipment;
    if (ctx.reason !== 'not_received' || s.status === 'delivered' || stallOf(ctx.order, policy, now).stalled) return undefined;
    const facts = { trackingStatus: s.status, lastUpdateAt: s.lastUpdateAt ?? null };
    if (s.status === 'lost' || s.status === 'returned') {
      return {
        reasons: [reason('not_received.tracking_status', 'favours_buyer', `The carrier reports the parcel ${s.status}; the buyer has not received it.`, facts)],
        vote: { favours: 'buyer', strength: s.status === 'lost' ? STRENGTH.trackingLost : STRENGTH.trackingReturned },
        missing: [{ kind: 'carrier_letter', mustShow: ['carrier stamp', 'tracking number', 'cause of the tracking exception'] }],
      };
    }
    return {
      reasons: [reason('not_received.tracking_status', 'info', `Tracking is ${s.status} and still updating; nothing is decided until it is delivered or stalls.`, facts)],
      flips: [
        { change: `no tracking update for ${policy.logistics.stalledAfterHours} h (stalled)`, wouldFavour: 'buyer' },
        { change: 'a tracking update showing delivery, with a legible signed-delivery proof (signer name and time)', wouldFavour: 'seller' },
      ],
    };
  },
};
