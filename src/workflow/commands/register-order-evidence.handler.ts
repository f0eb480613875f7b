import { DomainError } from '../../domain/errors.ts';
import type { EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { UnitOfWork } from '../unit-of-work.ts';
import { EVIDENCE_CHECK_JOB } from './register-evidence.handler.ts';
import { sameSeller } from './register-order.handler.ts';

export interface RegisterOrderEvidence {
  type: 'register_order_evidence';
  orderId: string;
  /** The seller the upload names: required when the order was never registered, else must match. */
  sellerId?: string;
  evidence: Pick<EvidenceRow, 'id' | 'kind' | 'sha256' | 'bytes' | 'mediaType' | 'fields'>;
}

/**
 * Registers a file uploaded to an order before any dispute: the evidence row (received now —
 * the instant the 2 h packing-video duty is measured from) and its check job, in one unit of
 * work. An order first seen here is created bare from the upload's `sellerId`.
 */
export async function registerOrderEvidence(uow: UnitOfWork, cmd: RegisterOrderEvidence): Promise<{ evidence: EvidenceRow }> {
  const { tx, now } = uow;
  const order = await tx.orders.get(cmd.orderId, { lock: true });
  if (order && cmd.sellerId !== undefined) sameSeller(order, cmd.sellerId);
  if (!order) {
    if (cmd.sellerId === undefined) {
      throw new DomainError('ORDER.NOT_FOUND', `No order ${cmd.orderId}: register it with PUT /api/orders/${cmd.orderId}, or send sellerId with the upload.`);
    }
    await tx.orders.insert({ orderId: cmd.orderId, sellerId: cmd.sellerId, facts: null, createdAt: now, updatedAt: now });
  }
  const row: EvidenceRow = { ...cmd.evidence, disputeId: null, orderId: cmd.orderId, status: 'checking', report: null, phash: null, uploadedAt: now, checkedAt: null, review: null };
  await tx.evidence.insert(row);
  await tx.jobs.add({ kind: EVIDENCE_CHECK_JOB, payload: { evidenceId: row.id }, runAt: now }, now);
  uow.jobsAdded++;
  return { evidence: row };
}
