import type { DisputeContext, DisputeStatus } from '../../machines/dispute.machine.ts';
import type { Money } from '../domain/money.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { confidenceOf, noisyOr } from './confidence.ts';
import { liabilityOf } from './liability.ts';
import type { Flip, Missing, Preview, PreviewFavour, PreviewRemedy, RuleId } from './preview.schema.ts';
import type { DisputeView, Finding, Rule, RuleInput, Vote } from './rule.ts';
import { RULES } from './rules/index.ts';

export type { Preview } from './preview.schema.ts';
export { PreviewSchema, RULE_IDS } from './preview.schema.ts';
export type { DisputeView } from './rule.ts';

/**
 * The deadline by which evidence still helps: the solution deadline while the seller is
 * responding or proposing, the answer / negotiation window after that, the arbitration
 * evidence window in arbitration. Undefined (so `missing` is empty) when no window is open.
 */
export function evidenceDueBy(status: DisputeStatus, ctx: DisputeContext, now: number): number | undefined {
  const d = ctx.deadlines;
  const due =
    status === 'awaiting_seller_response' || status === 'awaiting_solution'
      ? d.solution
      : status === 'awaiting_buyer'
        ? d.buyer_answer
        : status === 'negotiating'
          ? d.negotiation
          : status === 'in_arbitration' && !ctx.arbitrationEvidenceClosed
            ? d.arbitration_evidence
            : undefined;
  return due !== undefined && now < due ? due : undefined;
}

interface Found {
  rule: Rule;
  finding: Finding;
}

function votesFor(found: readonly Found[], side: 'buyer' | 'seller'): Array<{ id: RuleId; vote: Vote }> {
  return found.flatMap(({ rule, finding }) => (finding.vote && finding.vote.favours === side ? [{ id: rule.id, vote: finding.vote }] : []));
}

/**
 * The verdict the rules would give now. Pure: no I/O, no clock — `now` (epoch ms) is given.
 *
 * @example
 *   const p = preview({ status: 'awaiting_solution', context }, policyByVersion('2024-05.1')!, Date.now());
 *   p.favours; // 'buyer'
 *   p.reasons.map((r) => r.rule); // ['not_received.delivery_proof', 'signature_line.required']
 */
export function preview(dispute: DisputeView, policy: Policy, now: number): Preview {
  const input: RuleInput = { status: dispute.status, ctx: dispute.context, policy, now };
  const found: Found[] = RULES.flatMap((rule) => {
    const finding = rule.evaluate(input);
    return finding ? [{ rule, finding }] : [];
  });
  const reasons = found.flatMap((f) => f.finding.reasons);
  const base = { disputeId: dispute.context.disputeId, status: dispute.status, policyVersion: policy.version, at: now };

  const decisive = found.find((f) => f.finding.vote?.decisive);
  if (decisive?.finding.vote) {
    const v = decisive.finding.vote;
    const liability = liabilityOf(input, v.favours, v.remedy ?? 'none', v.amount, v.liable);
    return {
      ...base,
      favours: v.favours,
      remedy: v.remedy ?? 'none',
      ...(v.amount ? { amount: v.amount } : {}),
      liable: liability.liable,
      ...(liability.liableAmount ? { liableAmount: liability.liableAmount } : {}),
      confidence: 1,
      decidedBy: found.filter((f) => f.finding.vote?.decisive && f.finding.vote.favours === v.favours).map((f) => f.rule.id),
      reasons: [...reasons, ...liability.reasons],
      missing: [],
      flips: [],
    };
  }

  const buyer = votesFor(found, 'buyer');
  const seller = votesFor(found, 'seller');
  const b = noisyOr(buyer.map((x) => x.vote.strength));
  const s = noisyOr(seller.map((x) => x.vote.strength));
  const favours: PreviewFavour = b > s ? 'buyer' : s > b ? 'seller' : 'undecided';
  const penalties = found.flatMap((f) => (f.finding.penalty !== undefined ? [f.finding.penalty] : []));
  const remedy: PreviewRemedy = favours === 'buyer' ? 'full_refund' : favours === 'seller' ? 'none' : 'undecided';
  const amount: Money | undefined = favours === 'buyer' ? dispute.context.order.amount : undefined;
  const liability = liabilityOf(input, favours, remedy, amount);
  const confidence = favours === 'undecided' ? 0 : confidenceOf(favours, buyer.map((x) => x.vote.strength), seller.map((x) => x.vote.strength), penalties);

  const dueBy = evidenceDueBy(dispute.status, dispute.context, now);
  const missing: Missing[] = [];
  if (dueBy !== undefined) {
    for (const { rule, finding } of found) {
      for (const m of finding.missing ?? []) {
        if (!missing.some((x) => x.kind === m.kind)) missing.push({ ...m, dueBy, rule: rule.id });
      }
    }
  }
  const flips: Flip[] = found.flatMap(({ rule, finding }) => (finding.flips ?? []).filter((f) => f.wouldFavour !== favours).map((f) => ({ ...f, rule: rule.id })));

  return {
    ...base,
    favours,
    remedy,
    ...(amount ? { amount } : {}),
    liable: liability.liable,
    ...(liability.liableAmount ? { liableAmount: liability.liableAmount } : {}),
    confidence,
    decidedBy: (favours === 'buyer' ? buyer : favours === 'seller' ? seller : []).map((x) => x.id),
    reasons: [...reasons, ...liability.reasons],
    missing,
    flips,
  };
}
