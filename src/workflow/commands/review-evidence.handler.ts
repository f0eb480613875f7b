import type { Caller } from '../../auth/caller.ts';
import { can } from '../../auth/permissions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EvidenceReview, EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { DisputeRow } from '../../store/store.port.ts';
import type { Actor, DisputeSteps, Loaded } from '../dispute-steps.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface ReviewEvidence {
  type: 'review_evidence';
  evidenceId: string;
  decision: 'accept' | 'reject';
  note?: string;
  /** Who decides: the guard below reads it; the log records `actor`. */
  reviewer: Caller;
  actor: Actor;
}

/**
 * Who may settle a review: a role with `evidence.review` (arbitrators, and the local caller of
 * AUTH=off). An agent never may, least of all on its own seller's evidence; the HTTP route
 * checks the same capability before the body is read.
 */
export function assertMayReview(reviewer: Caller, dispute: DisputeRow): void {
  if (!can(reviewer, 'evidence.review')) {
    throw new DomainError('AUTH.FORBIDDEN', `The ${reviewer.role} role may not review evidence of dispute ${dispute.id}.`, { role: reviewer.role, needs: 'evidence.review' });
  }
}

/**
 * A person settles a `needs_review` item: the evidence row's status becomes accepted or
 * rejected with the decision kept, and the dispute takes `EVIDENCE_REVIEWED` (actor: who
 * decided), which recomputes its preview — all in one unit of work. EVIDENCE.NOT_IN_REVIEW
 * when the item is not waiting for review; EVIDENCE.NOT_ON_DISPUTE for order evidence no
 * dispute holds yet (its checks re-run when a dispute is filed, so a review would be lost).
 */
export async function reviewEvidence(steps: DisputeSteps, uow: UnitOfWork, cmd: ReviewEvidence): Promise<Loaded & { evidence: EvidenceRow }> {
  const ev = await uow.tx.evidence.get(cmd.evidenceId);
  if (!ev) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${cmd.evidenceId}.`);
  if (!ev.disputeId) {
    throw new DomainError('EVIDENCE.NOT_ON_DISPUTE', `Evidence ${ev.id} belongs to order ${ev.orderId} and no dispute yet; it is checked again when one is filed.`);
  }
  const { dispute } = await steps.fireDue(uow, await steps.load(uow, ev.disputeId));
  if (ev.status !== 'needs_review') {
    throw new DomainError('EVIDENCE.NOT_IN_REVIEW', `Evidence ${ev.id} is ${ev.status}, not waiting for review.`, { evidenceStatus: ev.status });
  }
  assertMayReview(cmd.reviewer, dispute.row);
  const body = { type: 'EVIDENCE_REVIEWED' as const, evidenceId: ev.id, decision: cmd.decision, ...(cmd.note ? { note: cmd.note } : {}), by: cmd.actor };
  const next = steps.decide(dispute, body, uow.now);
  const status = cmd.decision === 'accept' ? 'accepted' : 'rejected';
  const review: EvidenceReview = { decision: cmd.decision, by: cmd.actor, at: uow.now, ...(cmd.note ? { note: cmd.note } : {}) };
  await uow.tx.evidence.saveReview(ev.id, status, review);
  const written = await steps.write(uow, dispute, next, body, cmd.actor, uow.now);
  return { ...written, evidence: { ...ev, status, review } };
}
