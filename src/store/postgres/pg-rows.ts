/** Row shapes as PostgreSQL returns them (int8 already numbers, see `int8AsNumber`) and their mappers to port objects. */
import type { EvidenceKind, EvidenceStatus } from '../../domain/evidence-summary.ts';
import type { EvidenceRow } from '../evidence.repository.port.ts';
import type { DisputeRow, DisputeSummaryRow, JobRow, LogEntry } from '../store.port.ts';
import { TRIAGE_COLUMNS, toTriage, type TriageRecord } from '../triage-columns.ts';

export type DisputeRecord = {
  id: string;
  external_id: string | null;
  seller_id: string;
  status: string;
  policy_version: string;
  machine_version: string;
  opened_at: number;
  next_due_at: number | null;
  snapshot: string;
  version: number;
  preview_digest: string | null;
  created_at: number;
  updated_at: number;
} & TriageRecord;

/** Every column but the snapshot, for lists. */
export const SUMMARY_COLUMNS = `id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, version, preview_digest, created_at, updated_at, ${TRIAGE_COLUMNS}`;

export const toSummaryRow = (r: Omit<DisputeRecord, 'snapshot'>): DisputeSummaryRow => ({
  id: r.id,
  externalId: r.external_id,
  sellerId: r.seller_id,
  status: r.status,
  policyVersion: r.policy_version,
  machineVersion: r.machine_version,
  openedAt: r.opened_at,
  nextDueAt: r.next_due_at,
  version: r.version,
  previewDigest: r.preview_digest,
  triage: toTriage(r),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toDisputeRow = (r: DisputeRecord): DisputeRow => ({ ...toSummaryRow(r), snapshot: JSON.parse(r.snapshot) });

export type LogRecord = {
  dispute_id: string;
  seq: number;
  type: string;
  payload: string;
  actor: string;
  at: number;
  prev_hash: string;
  hash: string;
};

export const toLogEntry = (r: LogRecord): LogEntry => ({
  disputeId: r.dispute_id,
  seq: r.seq,
  type: r.type,
  payload: JSON.parse(r.payload),
  actor: r.actor,
  at: r.at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export type JobRecord = {
  id: number;
  kind: string;
  payload: string;
  run_at: number;
  attempt: number;
  lease_until: number | null;
  last_error: string | null;
  done_at: number | null;
};

export const toJobRow = (r: JobRecord): JobRow => ({
  id: r.id,
  kind: r.kind,
  payload: JSON.parse(r.payload),
  runAt: r.run_at,
  attempt: r.attempt,
  leaseUntil: r.lease_until,
  lastError: r.last_error,
  doneAt: r.done_at,
});

export type EvidenceRecord = {
  id: string;
  dispute_id: string | null;
  order_id: string | null;
  kind: EvidenceKind;
  sha256: string;
  bytes: number;
  media_type: string;
  status: EvidenceStatus;
  fields: string;
  report: string | null;
  phash: string | null;
  uploaded_at: number;
  checked_at: number | null;
  file_removed_at: number | null;
  review: string | null;
};

export const toEvidenceRow = (r: EvidenceRecord): EvidenceRow => ({
  id: r.id,
  disputeId: r.dispute_id,
  orderId: r.order_id,
  kind: r.kind,
  sha256: r.sha256,
  bytes: r.bytes,
  mediaType: r.media_type,
  status: r.status,
  fields: JSON.parse(r.fields),
  report: r.report ? JSON.parse(r.report) : null,
  phash: r.phash,
  uploadedAt: r.uploaded_at,
  checkedAt: r.checked_at,
  // Present only once the sweep removed the file.
  ...(r.file_removed_at ? { fileRemovedAt: r.file_removed_at } : {}),
  review: r.review ? JSON.parse(r.review) : null,
});
