import type { EvidenceKind, EvidenceStatus } from '../domain/evidence-summary.ts';

/** What the form said beside the file (delivery-proof signer, capture time). */
export interface EvidenceFields {
  capturedAt?: number;
  signerName?: string;
  signedAt?: number;
}

/** One uploaded file as the store keeps it; `report` is the checks' full answer once done. */
export interface EvidenceRow {
  id: string;
  disputeId: string;
  kind: EvidenceKind;
  sha256: string;
  bytes: number;
  mediaType: string;
  status: EvidenceStatus;
  fields: EvidenceFields;
  report: unknown;
  phash: string | null;
  uploadedAt: number;
  checkedAt: number | null;
}

export interface EvidenceRepository {
  insert(row: EvidenceRow): void;
  get(id: string): EvidenceRow | undefined;
  forDispute(disputeId: string): EvidenceRow[];
  /** Rows whose checks never finished (a restart re-queues them). */
  checking(): EvidenceRow[];
  saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): void;
  /** Evidence on other disputes with the same bytes, or with a picture hash (all, for a Hamming scan). */
  sameHashElsewhere(sha256: string, disputeId: string): EvidenceRow[];
  withPictureHashElsewhere(disputeId: string): Array<Pick<EvidenceRow, 'id' | 'disputeId' | 'sha256' | 'phash'>>;
}
