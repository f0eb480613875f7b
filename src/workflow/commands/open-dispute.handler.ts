import { randomUUID } from 'node:crypto';
import { initialTransition } from 'xstate';
import { disputeMachine } from '../../../machines/dispute.machine.ts';
import { DomainError } from '../../domain/errors.ts';
import { attachOrderEvidence } from '../../orders/attach-order-evidence.ts';
import type { DisputeRow } from '../../store/store.port.ts';
import type { Actor, DisputeSteps, Loaded } from '../dispute-steps.ts';
import { prepareOpen, type OpenDisputeCommand } from '../open-dispute.command.ts';
import { previewEntries } from '../record-preview.ts';
import { MACHINE_VERSION, nextDue, persisted, statusOf } from '../snapshot.ts';
import { timingOf } from '../timing.ts';
import { triageOf } from '../triage.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface OpenDispute {
  type: 'open';
  dispute: OpenDisputeCommand;
  actor?: Actor;
}

/**
 * Files (or imports) a dispute; one imported after its deadlines is judged in the same unit of
 * work. Evidence the seller uploaded to the order beforehand is attached first (and re-checked).
 */
export async function openDispute(steps: DisputeSteps, uow: UnitOfWork, cmd: OpenDispute): Promise<Loaded> {
  const now = uow.now;
  const policy = steps.policies.inForce(cmd.dispute.openedAt ?? now);
  const c = prepareOpen(cmd.dispute, policy, now);
  const openedAt = c.openedAt ?? now;
  if (c.externalId) {
    const existing = await uow.tx.disputes.findByExternalId(c.sellerId, c.externalId);
    if (existing) throw new DomainError('DISPUTE.ALREADY_EXISTS', `Dispute ${c.externalId} of seller ${c.sellerId} exists already.`, { existingId: existing.id });
  }
  const id = `dsp_${randomUUID().replaceAll('-', '')}`;
  const [snapshot] = initialTransition(disputeMachine, {
    disputeId: id,
    reason: c.reason,
    openedAt,
    policyVersion: policy.version,
    timing: timingOf(policy),
    order: c.order,
    claim: c.claim,
  });
  const status = statusOf(snapshot);
  const row: Omit<DisputeRow, 'triage'> = {
    id,
    externalId: c.externalId ?? null,
    sellerId: c.sellerId,
    status,
    policyVersion: policy.version,
    machineVersion: MACHINE_VERSION,
    openedAt,
    nextDueAt: nextDue(snapshot.context),
    snapshot: persisted(snapshot),
    version: 1,
    previewDigest: null,
    createdAt: now,
    updatedAt: now,
  };
  const previews = previewEntries(steps.policies, row, snapshot.context, null, now);
  const filed: DisputeRow = { ...row, previewDigest: previews.digest, triage: triageOf(status, snapshot.context, previews.preview) };
  await uow.tx.disputes.insert(filed);
  await steps.record(uow, filed, snapshot, { type: 'DISPUTE_FILED', payload: { ...c, openedAt }, actor: cmd.actor ?? 'api', at: now }, null, previews.entries);
  const attached = await attachOrderEvidence(steps, uow, { row: filed, snapshot }, c.sellerId, c.order.orderId);
  return (await steps.fireDue(uow, attached)).dispute;
}
