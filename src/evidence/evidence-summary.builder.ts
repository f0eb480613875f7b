/**
 * From a checks report to what a dispute keeps of the evidence: the one path the service,
 * `simulate` and the verdict tests all take, so the preview reasons over the same checks
 * (derived ones included) wherever the report came from.
 */
import { detailsOf } from '../domain/check-details.ts';
import type { EvidenceKind, EvidenceStatus, EvidenceSummary } from '../domain/evidence-summary.ts';
import type { EvidenceFields, EvidenceReview } from '../store/evidence.repository.port.ts';
import { deliveryProofCheck } from './checks/delivery-proof.derived-check.ts';
import { reportStatus, type EvidenceReport } from './report.ts';

/**
 * Adds the checks derived from the report plus the form's fields (`delivery.proof` on a
 * `delivery_proof_photo`) and recomputes the status. Idempotent: a derived row already
 * there is replaced, not repeated.
 * `finalizeReport(report, 'delivery_proof_photo', { signerName: 'J. Smith', signedAt })` → report with a `delivery.proof` row.
 */
export function finalizeReport(report: EvidenceReport, kind: EvidenceKind, fields: EvidenceFields): EvidenceReport {
  const measured = report.checks.filter((c) => c.id !== 'delivery.proof');
  const checks = kind === 'delivery_proof_photo' ? [...measured, deliveryProofCheck(measured, fields)] : measured;
  return { ...report, checks, status: reportStatus(checks) };
}

/** The stored evidence row, as much of it as a summary needs. */
export interface SummaryRow {
  id: string;
  kind: EvidenceKind;
  sha256: string;
  /** The stored status: `checking` until the report is saved, then the report's (or a reviewer's). */
  status: EvidenceStatus;
  uploadedAt: number;
  fields: EvidenceFields;
  /** A person's decision, once a `needs_review` item was settled. */
  review?: EvidenceReview | null;
}

/**
 * What the dispute keeps of one piece of evidence (the preview reasons with it, never the file).
 * No report yet → a `checking` summary without checks. A row still marked `checking` takes the
 * report's status; a settled row keeps its own. `capturedAt` comes from the file, else the form.
 * `summarize(row, finalizeReport(report, row.kind, row.fields))` → `{ id, kind, status: 'accepted', checks: [...], … }`.
 */
export function summarize(row: SummaryRow, report: EvidenceReport | null): EvidenceSummary {
  const at = report?.capturedAt ?? row.fields.capturedAt;
  const status: EvidenceStatus = report === null ? 'checking' : row.status === 'checking' ? report.status : row.status;
  // The form's signer, else what the carrier printed on the photo (delivery.proof read it).
  const printed = report ? detailsOf(report, 'delivery.proof') : undefined;
  const signerName = row.fields.signerName ?? printed?.signerName;
  const signedAt = row.fields.signedAt ?? printed?.signedAt;
  return {
    id: row.id,
    kind: row.kind,
    sha256: row.sha256,
    status,
    uploadedAt: row.uploadedAt,
    ...(at !== undefined ? { capturedAt: at } : {}),
    checks: (report?.checks ?? []).map((c) => ({ id: c.id, status: c.status, code: c.code, ...(c.details ? { details: c.details } : {}) })),
    ...(signerName ? { signerName } : {}),
    ...(signedAt !== undefined && signedAt !== null ? { signedAt } : {}),
    ...(row.fields.claimedUploadedAt !== undefined ? { claimedUploadedAt: row.fields.claimedUploadedAt } : {}),
    ...(row.review ? { review: row.review } : {}),
  };
}
