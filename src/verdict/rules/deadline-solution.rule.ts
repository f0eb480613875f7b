import type { Rule } from '../rule.ts';
import { reason, sellerDeadlineVote } from '../rule.ts';

/**
 * `deadline.solution` — 000: the seller must offer a valid solution (refund, resend,
 * partial refund) within 48 h (policy.deadlines.solutionHours) of filing, else the system
 * judges for the buyer. Decisive once judged, or once `now` reaches the deadline in force.
 */
export const deadlineSolution: Rule = {
  id: 'deadline.solution',
  source: '000',
  evaluate({ status, ctx, now, policy }) {
    const o = ctx.outcome;
    const decided = o?.basis === 'deadline:solution';
    const inForce = ctx.deadlines.solution;
    const waiting = status === 'awaiting_seller_response' || status === 'awaiting_solution';
    const pending = !decided && waiting && inForce !== undefined && now >= inForce;
    if (!decided && !pending) return undefined;
    const text = decided
      ? `The seller offered no valid solution within ${policy.deadlines.solutionHours} h; the system judged for the buyer.`
      : `The seller has offered no valid solution within ${policy.deadlines.solutionHours} h; the system will judge for the buyer.`;
    return {
      reasons: [reason('deadline.solution', 'favours_buyer', text, { dueAt: inForce ?? ctx.openedAt + ctx.timing.solutionMs, judged: decided, hours: policy.deadlines.solutionHours })],
      vote: sellerDeadlineVote(ctx, decided),
    };
  },
};
