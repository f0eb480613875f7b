import { summarize } from '../evidence/evidence-summary.builder.ts';
import type { DisputeSteps, Loaded } from '../workflow/dispute-steps.ts';
import { EVIDENCE_CHECK_JOB } from '../workflow/commands/register-evidence.handler.ts';
import type { UnitOfWork } from '../workflow/unit-of-work.ts';

/**
 * When a dispute is filed for an order of the same seller, the order's evidence no dispute
 * holds yet joins it in the same unit of work: each row is attached and sent back to
 * `checking`, the dispute takes its `EVIDENCE_REPORTED` (so it is listed and previewed as
 * pending), and a check job re-runs every check against the dispute's facts (SKUs, tracking
 * number, reuse on other disputes). Re-running them all rather than the order-dependent ones
 * keeps one report per file, made by one run; the file keeps its order receive time.
 */
export async function attachOrderEvidence(steps: DisputeSteps, uow: UnitOfWork, d: Loaded, sellerId: string, orderId: string): Promise<Loaded> {
  const { tx, now } = uow;
  const order = await tx.orders.get(orderId, { lock: true });
  if (!order || order.sellerId !== sellerId) return d;
  for (const ev of await tx.evidence.unattachedForOrder(orderId)) {
    await tx.evidence.attachForRecheck(ev.id, d.row.id);
    const body = { type: 'EVIDENCE_REPORTED' as const, evidence: summarize({ ...ev, status: 'checking' }, null) };
    d = await steps.apply(uow, d, body, 'system:evidence', now);
    await tx.jobs.add({ kind: EVIDENCE_CHECK_JOB, payload: { evidenceId: ev.id }, runAt: now }, now);
    uow.jobsAdded++;
  }
  return d;
}
