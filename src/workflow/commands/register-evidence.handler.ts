import { DomainError } from '../../domain/errors.ts';
import { checkLaneOf } from '../../evidence/check-lane.ts';
import { summarize } from '../../evidence/evidence-summary.builder.ts';
import type { EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { Actor, DisputeSteps, Loaded } from '../dispute-steps.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

/** The durable job that checks one piece of evidence. */
export const EVIDENCE_CHECK_JOB = 'evidence.check';

export interface RegisterEvidence {
  type: 'register_evidence';
  /** The stored file's facts; status, report and times are the handler's. */
  evidence: Pick<EvidenceRow, 'id' | 'kind' | 'sha256' | 'bytes' | 'mediaType' | 'fields'> & { disputeId: string };
  /** Who uploaded it. */
  actor?: Actor;
}

function closed(id: string): DomainError {
  return new DomainError('DISPUTE.CLOSED', `Dispute ${id} is resolved; it takes no more evidence.`);
}

/**
 * Registers an uploaded file (already at its content address): the evidence row, the
 * dispute's `EVIDENCE_REPORTED` (status checking) and the check job, in one unit of work.
 * A dispute that a due deadline resolves first answers DISPUTE.CLOSED and keeps nothing.
 */
export async function registerEvidence(steps: DisputeSteps, uow: UnitOfWork, cmd: RegisterEvidence): Promise<Loaded & { evidence: EvidenceRow }> {
  const { dispute } = await steps.fireDue(uow, await steps.load(uow, cmd.evidence.disputeId));
  if (dispute.snapshot.status !== 'active') throw closed(dispute.row.id);
  const row: EvidenceRow = { ...cmd.evidence, orderId: null, status: 'checking', report: null, phash: null, uploadedAt: uow.now, checkedAt: null, review: null };
  const body = { type: 'EVIDENCE_REPORTED' as const, evidence: summarize(row, null) };
  let next;
  try {
    next = steps.decide(dispute, body, uow.now);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'DISPUTE.EVENT_NOT_ALLOWED') throw closed(dispute.row.id);
    throw e;
  }
  await uow.tx.evidence.insert(row);
  const written = await steps.write(uow, dispute, next, body, cmd.actor ?? 'system:evidence', uow.now);
  // Fair queue: round-robin across sellers, photos not behind videos (see jobs-fair-order.ts).
  const job = { kind: EVIDENCE_CHECK_JOB, payload: { evidenceId: row.id }, runAt: uow.now, fairKey: dispute.row.sellerId, lane: checkLaneOf(row.kind) };
  await uow.tx.jobs.add(job, uow.now);
  uow.jobsAdded++;
  return { ...written, evidence: row };
}
