/** Row mappers shared by the SQLite repositories: column names → port objects, JSON text → values. */
import type { DisputeRow, DisputeSummaryRow, LogEntry } from '../store.port.ts';
import { TRIAGE_COLUMNS, toTriage, type TriageRecord } from '../triage-columns.ts';

export type Raw = Record<string, unknown>;

/** Every column but the snapshot, for lists. */
export const SUMMARY_COLUMNS = `id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, version, preview_digest, created_at, updated_at, ${TRIAGE_COLUMNS}`;

export const toSummaryRow = (r: Raw): DisputeSummaryRow => ({
  id: r.id as string,
  externalId: (r.external_id as string | null) ?? null,
  sellerId: r.seller_id as string,
  status: r.status as string,
  policyVersion: r.policy_version as string,
  machineVersion: r.machine_version as string,
  openedAt: r.opened_at as number,
  nextDueAt: (r.next_due_at as number | null) ?? null,
  version: r.version as number,
  previewDigest: (r.preview_digest as string | null) ?? null,
  triage: toTriage(r as unknown as TriageRecord),
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

export const toDisputeRow = (r: Raw): DisputeRow => ({ ...toSummaryRow(r), snapshot: JSON.parse(r.snapshot as string) });

export const toLogEntry = (r: Raw): LogEntry => ({
  disputeId: r.dispute_id as string,
  seq: r.seq as number,
  type: r.type as string,
  payload: JSON.parse(r.payload as string),
  actor: r.actor as string,
  at: r.at as number,
  prevHash: r.prev_hash as string,
  hash: r.hash as string,
});
