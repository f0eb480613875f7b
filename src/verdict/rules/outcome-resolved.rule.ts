import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';

const DEADLINE_BASES = new Set(['deadline:first_response', 'deadline:solution', 'deadline:buyer_answer']);

/**
 * `outcome.resolved` — 000 (buyer files → seller responds → platform arbitrates): once a
 * dispute is resolved by agreement, the seller accepting, withdrawal or arbitration, the
 * preview is that outcome. Deadline outcomes are echoed by their own deadline rules.
 */
export const outcomeResolved: Rule = {
  id: 'outcome.resolved',
  source: '000',
  evaluate({ status, ctx }) {
    const o = ctx.outcome;
    if (status !== 'resolved' || !o || DEADLINE_BASES.has(o.basis)) return undefined;
    const effect = o.favours === 'buyer' ? 'favours_buyer' : o.favours === 'seller' ? 'favours_seller' : 'info';
    return {
      reasons: [reason('outcome.resolved', effect, `Resolved by ${o.decidedBy} (${o.basis}): ${o.favours}, ${o.remedy}.`, { decidedBy: o.decidedBy, basis: o.basis, decidedAt: o.at })],
      vote: {
        favours: o.favours,
        strength: 1,
        decisive: true,
        remedy: o.remedy,
        amount: o.amount,
        // Arbitration for the buyer: who pays follows the liability rules; otherwise the seller chose to pay or nobody pays.
        liable: o.remedy === 'none' ? 'none' : o.decidedBy === 'arbitration' ? undefined : 'seller',
      },
    };
  },
};
