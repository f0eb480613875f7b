/**
 * What the agent queue shows and filters on, derived from a snapshot and the preview computed
 * for it, in the unit of work that writes them (the row's columns, migration 012; the
 * migration's backfill computes the same from stored snapshots and previews).
 */
import type { DisputeContext, DisputeStatus } from '../../machines/dispute.machine.ts';
import { toMinor } from '../domain/money.ts';
import type { Triage, TriageMissing } from '../store/store.port.ts';
import type { Preview } from '../verdict/preview.ts';

/** The earliest deadline in force by name (ties by name), as `nextDue` finds its instant. */
function nextDeadline(ctx: DisputeContext): string | null {
  const [first] = Object.entries(ctx.deadlines).sort(([a, x], [b, y]) => x! - y! || (a < b ? -1 : 1));
  return first ? first[0] : null;
}

/** One entry per evidence kind (the earliest dueBy), in the preview's order: bounded by the 5 kinds. */
function missingKinds(p: Preview): TriageMissing[] {
  const byKind = new Map<string, number>();
  for (const m of p.missing) byKind.set(m.kind, Math.min(m.dueBy, byKind.get(m.kind) ?? Infinity));
  return [...byKind].map(([kind, dueBy]) => ({ kind, dueBy }));
}

/**
 * @example
 *   triageOf('awaiting_solution', context, preview(…)).favours // 'buyer'
 */
export function triageOf(status: DisputeStatus, ctx: DisputeContext, p: Preview): Triage {
  return {
    reason: ctx.reason,
    amountMinor: toMinor(ctx.order.amount),
    currency: ctx.order.amount.currency,
    favours: p.favours,
    missing: missingKinds(p),
    // A resolved dispute takes no review (the machine refuses EVIDENCE_REVIEWED then): not waiting for anyone.
    needsReview: status === 'resolved' ? 0 : ctx.evidence.filter((e) => e.status === 'needs_review').length,
    nextDeadline: nextDeadline(ctx),
  };
}
