import type { Money } from '../domain/money.ts';
import { fromMinor, toMinor } from '../domain/money.ts';
import { dutiesMet } from './duties.ts';
import type { Liable, PreviewFavour, PreviewRemedy, Reason } from './preview.schema.ts';
import { reason, type RuleInput } from './rule.ts';

/** Reasons about the goods or their handling, which a platform warehouse answers for. */
const WAREHOUSE_REASONS = new Set(['not_received', 'damaged', 'wrong_item', 'missing_parts']);

export interface Liability {
  liable: Liable;
  liableAmount?: Money;
  reasons: Reason[];
}

function percentOf(m: Money, percent: number): Money {
  return fromMinor(Math.floor((toMinor(m) * percent) / 100), m.currency);
}

function min(a: Money, b: Money): Money {
  return toMinor(a) <= toMinor(b) ? a : b;
}

/**
 * Who pays when the buyer gets something:
 *  - `liability.platform_warehouse` — 003/004: loss or damage caused by the platform's own
 *    warehouse is paid by the platform at 100 % of value. We apply it to the reasons about
 *    handling (not received, damaged, wrong item, missing parts); not-as-described and
 *    counterfeit are about the product itself and stay with the seller.
 *  - `liability.logistics_guarantee` — 001: an official line's guarantee pays up to
 *    policy.logistics.officialLineCompensationPercent % of the order for logistics-caused
 *    `not_received`, when its rules are met (the seller's signature-line and packing-video
 *    duties of 000, where they apply). Any remainder above the cap stays with the seller.
 *  - otherwise the seller.
 */
export function liabilityOf(input: RuleInput, favours: PreviewFavour, remedy: PreviewRemedy, amount: Money | undefined, fixed?: 'seller' | 'none'): Liability {
  if (favours === 'seller' || favours === 'undecided' || remedy === 'none' || remedy === 'undecided') return { liable: 'none', reasons: [] };
  if (fixed) return { liable: fixed, liableAmount: fixed === 'none' ? undefined : amount, reasons: [] };
  if (favours === 'split') return { liable: 'seller', liableAmount: amount, reasons: [] };
  const { ctx, policy } = input;
  const s = ctx.order.shipment;
  if (s.fulfilledBy === 'platform_warehouse' && WAREHOUSE_REASONS.has(ctx.reason)) {
    return {
      liable: 'platform_warehouse',
      liableAmount: amount,
      reasons: [reason('liability.platform_warehouse', 'info', 'The platform warehouse fulfilled this order; the platform pays for loss or damage in its handling.', { fulfilledBy: s.fulfilledBy })],
    };
  }
  if (ctx.reason === 'not_received' && s.line.official) {
    const met = dutiesMet(ctx.order, ctx.evidence, policy);
    const pct = policy.logistics.officialLineCompensationPercent;
    if (!met) {
      return {
        liable: 'seller',
        liableAmount: amount,
        reasons: [reason('liability.logistics_guarantee', 'info', `${s.line.name} is an official line, but the guarantee does not apply: the signature-line or packing-video duty was not met.`, { official: true, dutiesMet: false, percent: pct })],
      };
    }
    const cap = percentOf(ctx.order.amount, pct);
    const pays = amount ? min(amount, cap) : undefined;
    return {
      liable: 'logistics_guarantee',
      liableAmount: pays,
      reasons: [
        reason('liability.logistics_guarantee', 'info', `${s.line.name} is an official line and its rules are met; the logistics guarantee pays up to ${pct} % of the order${pct < 100 ? ', the seller the rest' : ''}.`, {
          official: true,
          dutiesMet: true,
          percent: pct,
          cap: `${cap.value} ${cap.currency}`,
        }),
      ],
    };
  }
  return { liable: 'seller', liableAmount: amount, reasons: [] };
}
