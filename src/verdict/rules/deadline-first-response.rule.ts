import type { Rule } from '../rule.ts';
import { reason, sellerDeadlineVote } from '../rule.ts';

/**
 * `deadline.first_response` — 000: the seller must first-respond within 24 h
 * (policy.deadlines.firstResponseHours) of filing, else the system judges for the buyer.
 * Decisive whether the machine has already judged or the timer has merely not fired yet.
 */
export const deadlineFirstResponse: Rule = {
  id: 'deadline.first_response',
  source: '000',
  evaluate({ status, ctx, now, policy }) {
    const o = ctx.outcome;
    const due = ctx.openedAt + ctx.timing.firstResponseMs;
    const decided = o?.basis === 'deadline:first_response';
    const inForce = ctx.deadlines.first_response;
    const pending = !decided && status === 'awaiting_seller_response' && inForce !== undefined && now >= inForce;
    if (!decided && !pending) return undefined;
    const text = decided
      ? `The seller did not first-respond within ${policy.deadlines.firstResponseHours} h; the system judged for the buyer.`
      : `The seller has not first-responded within ${policy.deadlines.firstResponseHours} h; the system will judge for the buyer.`;
    return {
      reasons: [reason('deadline.first_response', 'favours_buyer', text, { dueAt: inForce ?? due, judged: decided, hours: policy.deadlines.firstResponseHours })],
      vote: sellerDeadlineVote(ctx, decided),
    };
  },
};
