import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';

/**
 * `evidence.pending` — ours (000 only says what evidence must show): evidence still being
 * checked or waiting for an agent's review does not count yet; the preview says so, since
 * its acceptance may change the preview.
 */
export const evidencePending: Rule = {
  id: 'evidence.pending',
  source: 'ours',
  evaluate({ ctx }) {
    const pending = ctx.evidence.filter((e) => e.status === 'checking' || e.status === 'needs_review');
    if (pending.length === 0) return undefined;
    return {
      reasons: pending.map((e) =>
        reason('evidence.pending', 'info', `The ${e.kind.replaceAll('_', ' ')} ${e.id} is ${e.status === 'checking' ? 'still being checked' : 'waiting for review'} and does not count yet.`, { kind: e.kind, status: e.status }, [e.id]),
      ),
    };
  },
};
