import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';

/**
 * `evidence.reviewed` — ours: evidence the checks sent to a person and that a person settled.
 * An accepted one counts as usable evidence like any accepted file; a rejected one counts as
 * rejected (`evidence.rejected` cites it). The preview says who decided, and their note.
 */
export const evidenceReviewed: Rule = {
  id: 'evidence.reviewed',
  source: 'ours',
  evaluate({ ctx }) {
    const reviewed = ctx.evidence.filter((e) => e.review);
    if (reviewed.length === 0) return undefined;
    return {
      reasons: reviewed.map((e) => {
        const r = e.review!;
        const verdict = r.decision === 'accept' ? 'accepted on review and counts as evidence' : 'rejected on review and counts as absent';
        return reason(
          'evidence.reviewed',
          'info',
          `The ${e.kind.replaceAll('_', ' ')} ${e.id} was ${verdict} (by ${r.by}${r.note ? `: "${r.note}"` : ''}).`,
          { kind: e.kind, decision: r.decision, by: r.by, at: r.at, note: r.note ?? null },
          [e.id],
        );
      }),
    };
  },
};
