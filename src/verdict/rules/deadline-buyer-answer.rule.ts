import type { Proposal } from '../../../machines/dispute.machine.ts';
import type { Order } from '../../domain/order.schema.ts';
import type { Rule, Vote } from '../rule.ts';
import { reason } from '../rule.ts';

/** What accepting `p` gives, exactly as the machine's `outcomeOfAccepted` does. */
function accepted(p: Proposal, order: Order): Pick<Vote, 'favours' | 'remedy' | 'amount'> {
  if (p.solution === 'refund') return { favours: 'buyer', remedy: 'full_refund', amount: order.amount };
  if (p.solution === 'resend') return { favours: 'buyer', remedy: 'resend' };
  return { favours: 'split', remedy: 'partial_refund', amount: p.amount };
}

/**
 * `deadline.buyer_answer` — ours (policy.deadlines.buyerAnswerHours; the seeds are silent):
 * a buyer silent past the answer window is deemed to accept the seller's proposal.
 */
export const deadlineBuyerAnswer: Rule = {
  id: 'deadline.buyer_answer',
  source: 'ours',
  evaluate({ status, ctx, now, policy }) {
    const o = ctx.outcome;
    const p = ctx.proposal;
    const inForce = ctx.deadlines.buyer_answer;
    if (o?.basis === 'deadline:buyer_answer') {
      return {
        reasons: [reason('deadline.buyer_answer', 'info', `The buyer did not answer within ${policy.deadlines.buyerAnswerHours} h and was deemed to accept: ${o.remedy}.`, { judged: true, decidedAt: o.at })],
        vote: { favours: o.favours, strength: 1, decisive: true, remedy: o.remedy, amount: o.amount, liable: o.remedy === 'none' ? 'none' : 'seller' },
      };
    }
    if (status !== 'awaiting_buyer' || !p || inForce === undefined || now < inForce) return undefined;
    return {
      reasons: [reason('deadline.buyer_answer', 'info', `The buyer has not answered within ${policy.deadlines.buyerAnswerHours} h; the ${p.solution} proposal will be deemed accepted.`, { judged: false, dueAt: inForce, solution: p.solution })],
      vote: { ...accepted(p, ctx.order), strength: 1, decisive: true, liable: 'seller' },
    };
  },
};
