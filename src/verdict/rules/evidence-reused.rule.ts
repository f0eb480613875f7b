import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { isReused, reusedOn } from '../evidence.ts';
import { PENALTY } from '../weights.ts';

/**
 * `evidence.reused` — 000 (original files only) with 002's "one order, one number, one box":
 * evidence whose `reuse` check fails proves nothing about this order, counts as absent even if
 * accepted, and is a red flag against the seller. `REUSE.SAME_FILE` is the same bytes on another
 * dispute; `REUSE.NEAR_DUPLICATE` a near-identical picture (a person reviews it). The other
 * dispute comes from the check's `hits`. A reuse check that did not answer (`CHECK.TIMEOUT`,
 * `CHECK.ERROR`: a warn) is no sign of reuse and is not cited.
 */
export const evidenceReused: Rule = {
  id: 'evidence.reused',
  source: '000, 002',
  evaluate({ ctx }) {
    const hits = ctx.evidence.filter(isReused);
    if (hits.length === 0) return undefined;
    const reasons = hits.map((e) => {
      const check = e.checks.find((c) => c.id === 'reuse');
      const same = check?.code === 'REUSE.SAME_FILE';
      const others = reusedOn(e);
      return reason(
        'evidence.reused',
        'weakens_seller',
        `The ${e.kind.replaceAll('_', ' ')} ${e.id} ${same ? 'was already used' : 'looks like a file already used'} in another dispute${others.length ? ` (${others.join(', ')})` : ''} and counts as absent.`,
        { kind: e.kind, code: check?.code ?? null, status: check?.status ?? null, otherDispute: others.join(',') || null },
        [e.id],
      );
    });
    return { reasons, penalty: 1 - (1 - PENALTY.evidenceReused) ** hits.length };
  },
};
