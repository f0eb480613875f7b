import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { failedCodes } from '../evidence.ts';
import { PENALTY } from '../weights.ts';

const NOT_ORIGINAL = new Set(['ORIGINAL.EDITED', 'ORIGINAL.SCREENSHOT']);

/**
 * `evidence.rejected` — 000: evidence must be original files (no screenshots, no edited
 * images), videos ≥ 15 s showing SKU and label. Rejected evidence counts as absent; the
 * preview says which and why. A screenshot or edited file also weakens the seller.
 */
export const evidenceRejected: Rule = {
  id: 'evidence.rejected',
  source: '000',
  evaluate({ ctx }) {
    const rejected = ctx.evidence.filter((e) => e.status === 'rejected');
    if (rejected.length === 0) return undefined;
    const reasons = rejected.map((e) => {
      const codes = failedCodes(e);
      const notOriginal = codes.some((c) => NOT_ORIGINAL.has(c));
      return reason(
        'evidence.rejected',
        notOriginal ? 'weakens_seller' : 'info',
        `The ${e.kind.replaceAll('_', ' ')} ${e.id} was rejected (${codes.join(', ') || 'no code'}) and counts as absent${notOriginal ? '; a non-original file is a red flag' : ''}.`,
        { kind: e.kind, codes: codes.join(',') || null, notOriginal },
        [e.id],
      );
    });
    const flagged = reasons.filter((r) => r.effect === 'weakens_seller').length;
    return { reasons, penalty: flagged > 0 ? 1 - (1 - PENALTY.evidenceNotOriginal) ** flagged : undefined };
  },
};
