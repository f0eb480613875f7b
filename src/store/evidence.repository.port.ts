import type { EvidenceKind, EvidenceStatus } from '../domain/evidence-summary.ts';
import type { Page } from './store.port.ts';

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
  /** When the retention sweep removed the file (the row stays; `/file` answers 410). */
  fileRemovedAt?: number | null;
}

/** Where a page of a dispute's evidence ends. */
export type EvidenceKey = Pick<EvidenceRow, 'uploadedAt' | 'id'>;

export interface EvidenceRepository {
  insert(row: EvidenceRow): Promise<void>;
  get(id: string): Promise<EvidenceRow | undefined>;
  /** In (uploadedAt, id) order; a page continues after an (uploadedAt, id). */
  forDispute(disputeId: string, page?: Page<EvidenceKey>): Promise<EvidenceRow[]>;
  saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): Promise<void>;
  /** Evidence on other disputes with the same bytes. */
  sameHashElsewhere(sha256: string, disputeId: string): Promise<EvidenceRow[]>;
  /** Evidence on other disputes with a picture hash (all of them, for a Hamming scan). */
  withPictureHashElsewhere(disputeId: string): Promise<Array<Pick<EvidenceRow, 'id' | 'disputeId' | 'sha256' | 'phash'>>>;
  /** How many rows whose file was not removed point at this content address (a stored file with none is garbage). */
  countBySha256(sha256: string): Promise<number>;
  /** Bytes of a seller's evidence still on disk (the per-seller quota). */
  storedBytesForSeller(sellerId: string): Promise<number>;
  /** Rejected evidence checked before `before` whose file is still there (the retention sweep's work), oldest first. */
  rejectedBefore(before: number, limit: number): Promise<Array<Pick<EvidenceRow, 'id' | 'sha256'>>>;
  /** Notes that the file is gone; the row stays. */
  markFileRemoved(id: string, at: number): Promise<void>;
}
