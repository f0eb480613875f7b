/**
 * The outbox messages the webhooks read, as the command path writes them: their types and
 * payload schemas in one place, so the writer (src/workflow/dispute-steps.ts, the deadline
 * sweep) and the reader (payloads.ts) cannot drift apart.
 */
import { z } from 'zod';

/** A change to a dispute (`record` in dispute-steps.ts): the status moved, or it did not. */
export const OUTBOX_STATUS_CHANGED = 'dispute.status_changed';
export const OUTBOX_UPDATED = 'dispute.updated';
/** Written by the deadline sweep, once per deadline instant. */
export const OUTBOX_DEADLINE_APPROACHING = 'dispute.deadline_approaching';

const EvidenceFactsSchema = z.object({ id: z.string(), kind: z.string(), status: z.string() });
export type EvidenceFacts = z.infer<typeof EvidenceFactsSchema>;

export const DisputeChangeSchema = z.object({
  disputeId: z.string(),
  externalId: z.string().nullable(),
  /** Absent on rows written before webhooks. */
  sellerId: z.string().optional(),
  version: z.number(),
  /** The log entry's type: DISPUTE_FILED, SELLER_RESPONDED, EVIDENCE_REPORTED… */
  event: z.string(),
  status: z.string(),
  previousStatus: z.string().nullable(),
  outcome: z.unknown().nullable(),
  /** The verdict preview changed with this entry (its digest moved). */
  previewChanged: z.boolean().default(false),
  /** The evidence the entry is about (EVIDENCE_REPORTED, a review). */
  evidence: EvidenceFactsSchema.optional(),
});
export type DisputeChange = z.input<typeof DisputeChangeSchema>;

export const DeadlineApproachingSchema = z.object({
  disputeId: z.string(),
  externalId: z.string().nullable(),
  sellerId: z.string(),
  version: z.number(),
  deadline: z.string(),
  dueAt: z.number(),
});
export type DeadlineApproaching = z.infer<typeof DeadlineApproachingSchema>;

/**
 * The evidence an event's payload names, if any: `{ evidence: { id, kind, status } }` (a report),
 * or `{ evidenceId }` (a review), whose kind and settled status the dispute's own summaries give.
 */
export function evidenceOf(payload: unknown, known: readonly EvidenceFacts[] = []): EvidenceFacts | undefined {
  const r = z.object({ evidence: EvidenceFactsSchema }).safeParse(payload);
  if (r.success) return { id: r.data.evidence.id, kind: r.data.evidence.kind, status: r.data.evidence.status };
  const byId = z.object({ evidenceId: z.string() }).safeParse(payload);
  const summary = byId.success ? known.find((e) => e.id === byId.data.evidenceId) : undefined;
  return summary && { id: summary.id, kind: summary.kind, status: summary.status };
}

/**
 * The outbox payload of one accepted change (what `record` in dispute-steps.ts writes).
 *
 *   disputeChange(row, { type: 'SELLER_RESPONDED', payload: {} }, 'awaiting_seller_response', null, true)
 */
export function disputeChange(
  row: { id: string; externalId: string | null; sellerId: string; version: number; status: string },
  e: { type: string; payload: unknown },
  previousStatus: string | null,
  outcome: unknown,
  previewChanged: boolean,
  known: readonly EvidenceFacts[] = [],
): DisputeChange {
  const evidence = evidenceOf(e.payload, known);
  return {
    disputeId: row.id,
    externalId: row.externalId,
    sellerId: row.sellerId,
    version: row.version,
    event: e.type,
    status: row.status,
    previousStatus,
    outcome,
    previewChanged,
    ...(evidence ? { evidence } : {}),
  };
}
