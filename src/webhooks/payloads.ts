/**
 * Thin payloads: `{ type, timestamp, data }` where data names the dispute (and evidence) and
 * links to where the full state is read (`/api/disputes/…`), never files or evidence bytes.
 * `publicEvents` maps one outbox message to the public events it stands for.
 */
import type { StoredOutboxMessage } from '../store/store.port.ts';
import type { WebhookEventType } from './event-types.ts';
import {
  DeadlineApproachingSchema,
  DisputeChangeSchema,
  OUTBOX_DEADLINE_APPROACHING,
  OUTBOX_STATUS_CHANGED,
  OUTBOX_UPDATED,
  type EvidenceFacts,
} from './outbox-message.ts';

export interface WebhookPayload {
  type: WebhookEventType;
  /** When the change happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** The log entry type of a review (src/workflow/commands/review-evidence.handler.ts). */
export const REVIEW_EVENT = 'EVIDENCE_REVIEWED';
/** An evidence status that is not an answer yet: its EVIDENCE_REPORTED is the upload, not the check. */
const CHECKING = 'checking';
const TERMINAL_STATUS = 'resolved';

const disputeLinks = (id: string) => ({
  dispute: `/api/disputes/${id}`,
  events: `/api/disputes/${id}/events`,
  verdictPreview: `/api/disputes/${id}/verdict-preview`,
});

interface DisputeRef {
  disputeId: string;
  externalId: string | null;
  sellerId?: string;
  version: number;
}

function disputeData(d: DisputeRef, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { disputeId: d.disputeId, externalId: d.externalId, sellerId: d.sellerId ?? null, version: d.version, ...extra, links: disputeLinks(d.disputeId) };
}

function evidenceData(d: DisputeRef, e: EvidenceFacts, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...disputeData(d),
    evidenceId: e.id,
    kind: e.kind,
    status: e.status,
    ...extra,
    links: { ...disputeLinks(d.disputeId), evidence: `/api/evidence/${e.id}` },
  };
}

/** `evidence.reviewed`: a person settled a `needs_review` item (`status` is the decision). */
export function evidenceReviewedData(d: DisputeRef, e: EvidenceFacts): Record<string, unknown> {
  return evidenceData(d, e);
}

const payload = (type: WebhookEventType, at: number, data: Record<string, unknown>): WebhookPayload => ({
  type,
  timestamp: new Date(at).toISOString(),
  data,
});

/** The public events one outbox message stands for, in a fixed order (empty for types it does not know). */
export function publicEvents(m: StoredOutboxMessage): WebhookPayload[] {
  if (m.type === OUTBOX_DEADLINE_APPROACHING) {
    const d = DeadlineApproachingSchema.parse(m.payload);
    return [payload('dispute.deadline_approaching', m.createdAt, disputeData(d, { deadline: d.deadline, dueAt: new Date(d.dueAt).toISOString() }))];
  }
  if (m.type !== OUTBOX_STATUS_CHANGED && m.type !== OUTBOX_UPDATED) return [];
  const c = DisputeChangeSchema.parse(m.payload);
  const at = m.createdAt;
  if (c.event === 'DISPUTE_FILED') return [payload('dispute.created', at, disputeData(c, { status: c.status }))];
  const out: WebhookPayload[] = [];
  if (c.status !== c.previousStatus) {
    out.push(payload('dispute.status_changed', at, disputeData(c, { status: c.status, previousStatus: c.previousStatus, event: c.event })));
    if (c.status === TERMINAL_STATUS) out.push(payload('dispute.resolved', at, disputeData(c, { outcome: c.outcome })));
  }
  if (c.evidence && c.event === 'EVIDENCE_REPORTED' && c.evidence.status !== CHECKING) out.push(payload('evidence.checked', at, evidenceData(c, c.evidence)));
  if (c.evidence && c.event === REVIEW_EVENT) out.push(payload('evidence.reviewed', at, evidenceReviewedData(c, c.evidence)));
  if (c.previewChanged) out.push(payload('verdict_preview.changed', at, disputeData(c)));
  return out;
}
