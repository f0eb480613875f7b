import { DomainError } from '../../domain/errors.ts';
import { summarize } from '../../evidence/evidence-summary.builder.ts';
import type { EvidenceReport } from '../../evidence/report.ts';
import type { EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { DisputeSteps, Loaded } from '../dispute-steps.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface RecordReport {
  type: 'record_report';
  evidenceId: string;
  /** The check job and the claim it ran under: a stale claim records nothing. */
  job: { id: number; attempt: number };
  /** The finished report (derived checks included). */
  report: EvidenceReport;
  /** The dispute whose facts the checks ran against (null: the order's, before any dispute). */
  checkedFor: string | null;
}

/**
 * Stores a check report and tells the dispute, once: the job's claim is completed in the same
 * unit of work, so a worker whose lease was lost (another process re-ran the job) is fenced
 * off with JOB.LEASE_LOST. A dispute resolved meanwhile keeps the report, not the event;
 * order evidence no dispute holds yet keeps the report only.
 */
export async function recordReport(steps: DisputeSteps, uow: UnitOfWork, cmd: RecordReport): Promise<Partial<Loaded> & { evidence: EvidenceRow }> {
  const { tx, now } = uow;
  if (!(await tx.jobs.complete(cmd.job.id, cmd.job.attempt, now))) {
    throw new DomainError('JOB.LEASE_LOST', `Job ${cmd.job.id} attempt ${cmd.job.attempt} is no longer the current claim.`);
  }
  const ev = await tx.evidence.get(cmd.evidenceId);
  if (!ev) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${cmd.evidenceId}.`);
  // Checked against an order's facts, but a dispute took the file meanwhile: its own re-check reports.
  if (ev.status !== 'checking' || ev.disputeId !== cmd.checkedFor) return { evidence: ev };
  const r = cmd.report;
  const done: EvidenceRow = { ...ev, status: r.status, report: r, phash: r.phash ?? null, checkedAt: now };
  await tx.evidence.saveReport(ev.id, done.status, r, done.phash, now);
  if (!ev.disputeId) return { evidence: done };
  const { dispute } = await steps.fireDue(uow, await steps.load(uow, ev.disputeId));
  const body = { type: 'EVIDENCE_REPORTED' as const, evidence: summarize(done, r) };
  try {
    return { ...(await steps.write(uow, dispute, steps.decide(dispute, body, now), body, 'system:evidence', now)), evidence: done };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'DISPUTE.EVENT_NOT_ALLOWED') return { evidence: done };
    throw e;
  }
}
