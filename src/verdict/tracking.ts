import type { Order } from '../domain/order.schema.ts';
import { HOUR_MS, type Policy } from '../policy/policy.schema.ts';

/** Statuses under which a parcel is still supposed to move, so silence means stalled. */
const MOVING = new Set(['in_transit', 'customs_held']);

export interface StallFacts {
  stalled: boolean;
  /** Hours since the last tracking update at `now`, or null when unknown. */
  silentHours: number | null;
}

/**
 * 002: tracking with no update for `stalledAfterHours` is stalled. A parcel the carrier
 * already marks `stalled` is stalled; a moving one is stalled once `now − lastUpdateAt`
 * reaches the window (72 h 00 m counts: "no update for 72 h" has then happened).
 */
export function stallOf(order: Order, policy: Policy, now: number): StallFacts {
  const s = order.shipment;
  const last = s.lastUpdateAt === undefined ? undefined : Date.parse(s.lastUpdateAt);
  const silentHours = last === undefined ? null : Math.round(((now - last) / HOUR_MS) * 100) / 100;
  if (s.status === 'stalled') return { stalled: true, silentHours };
  if (!MOVING.has(s.status) || last === undefined) return { stalled: false, silentHours };
  return { stalled: now - last >= policy.logistics.stalledAfterHours * HOUR_MS, silentHours };
}

/** 000: the dispute reasons about the goods' condition, decided by the packing video. */
export const CONDITION_REASONS: ReadonlySet<string> = new Set(['not_as_described', 'damaged', 'wrong_item', 'missing_parts', 'counterfeit']);
