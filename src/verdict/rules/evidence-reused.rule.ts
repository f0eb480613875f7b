import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { checkStatus } from '../evidence.ts';
import { PENALTY } from '../weights.ts';

/**
 * `evidence.reused` — 000 (original files only) with 002's "one order, one number, one box":
 * evidence whose `reuse` check fails (REUSE.DUPLICATE: the same file in another dispute)
 * proves nothing about this order, counts as absent even if accepted, and is a red flag
 * against the seller. A `warn` is reported without counting it out.
 */
export const evidenceReused: Rule = {
  id: 'evidence.reused',
  source: '000, 002',
  evaluate({ ctx }) {
    const hits = ctx.evidence.filter((e) => {
      const s = checkStatus(e, 'reuse');
      return s === 'fail' || s === 'warn';
    });
    if (hits.length === 0) return undefined;
    const reasons = hits.map((e) => {
      const check = e.checks.find((c) => c.id === 'reuse');
      const other = check?.details?.['disputeId'];
      const fail = check?.status === 'fail';
      return reason(
        'evidence.reused',
        'weakens_seller',
        `The ${e.kind.replaceAll('_', ' ')} ${e.id} ${fail ? 'was already used' : 'may have been used'} in another dispute${typeof other === 'string' ? ` (${other})` : ''}${fail ? ' and counts as absent' : ''}.`,
        { kind: e.kind, code: check?.code ?? null, status: check?.status ?? null, otherDispute: typeof other === 'string' ? other : null },
        [e.id],
      );
    });
    return { reasons, penalty: 1 - (1 - PENALTY.evidenceReused) ** hits.length };
  },
};
