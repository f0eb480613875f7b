import type { DisputeContext, DisputeStatus, Remedy } from '../../machines/dispute.machine.ts';
import type { Money } from '../domain/money.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { Flip, Missing, Reason, RuleId } from './preview.schema.ts';

/** What `preview` is given: the dispute as the store holds it. */
export interface DisputeView {
  status: DisputeStatus;
  context: DisputeContext;
}

/** Everything a rule may read. Rules are pure: no I/O, no clock (time is `now`). */
export interface RuleInput {
  status: DisputeStatus;
  ctx: DisputeContext;
  policy: Policy;
  now: number;
}

/**
 * A rule's lean. `decisive` votes (a resolved outcome, a missed seller deadline) end the
 * argument: the machine has decided or will decide on the next timer tick.
 */
export interface Vote {
  favours: 'buyer' | 'seller' | 'split';
  /** 0..1: how strongly the evidence behind this rule supports its side (weights.ts). */
  strength: number;
  decisive?: boolean;
  remedy?: Remedy;
  amount?: Money;
  liable?: 'seller' | 'none';
}

export interface Finding {
  reasons: Reason[];
  vote?: Vote;
  /** 0..1 red flag against the seller (a `weakens_seller` reason); never decides alone. */
  penalty?: number;
  /** Evidence that would help; `dueBy` is filled in by `preview` from the deadline in force. */
  missing?: Array<Omit<Missing, 'dueBy' | 'rule'>>;
  flips?: Array<Omit<Flip, 'rule'>>;
}

export interface Rule {
  id: RuleId;
  /** Seed article(s) the rule comes from, `000`..`004`, or `ours` when the seeds are silent. */
  source: string;
  evaluate(input: RuleInput): Finding | undefined;
}

/** Builds a reason for `rule`; keeps rule files short. */
export function reason(rule: RuleId, effect: Reason['effect'], text: string, facts: Reason['facts'] = {}, evidence: string[] = []): Reason {
  return { rule, effect, text, facts, evidence };
}

/**
 * The decisive vote of a missed seller deadline (000: auto-judgment for the buyer, full
 * refund): the machine's own outcome once it has judged, what it will decide until then.
 */
export function sellerDeadlineVote(ctx: DisputeContext, decided: boolean): Vote {
  const o = decided ? ctx.outcome : undefined;
  return {
    favours: o ? o.favours : 'buyer',
    strength: 1,
    decisive: true,
    remedy: o ? o.remedy : 'full_refund',
    amount: o ? o.amount : ctx.order.amount,
    liable: 'seller',
  };
}
