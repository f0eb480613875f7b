import type { EvidenceKind, EvidenceStatus } from '../domain/evidence-summary.ts';
import type { Page } from './store.port.ts';

/** What the form said beside the file (delivery-proof signer, capture time). */
export interface EvidenceFields {
  capturedAt?: number;
  signerName?: string;
  signedAt?: number;
  /**
   * When an ERP says it uploaded the file to the marketplace (order uploads only): kept and
   * shown as a claim; the 2 h packing-video duty is measured from our own receive time.
   */
  claimedUploadedAt?: number;
}

/** A person's decision on a `needs_review` item (`by` is the log's actor). */
export interface EvidenceReview {
  decision: 'accept' | 'reject';
  note?: string;
  by: string;
  at: number;
}

/** Who evidence belongs to: a dispute, an order filed before any dispute, or both once attached. */
export interface EvidenceOwner {
  disputeId: string | null;
  orderId: string | null;
}

/** One uploaded file as the store keeps it; `report` is the checks' full answer once done. */
export interface EvidenceRow {
  id: string;
  /** Null while the evidence belongs only to an order (no dispute filed yet). */
  disputeId: string | null;
  orderId: string | null;
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
  review: EvidenceReview | null;
}

/** Where a page of a dispute's evidence ends. */
export type EvidenceKey = Pick<EvidenceRow, 'uploadedAt' | 'id'>;

export interface EvidenceRepository {
  insert(row: EvidenceRow): Promise<void>;
  get(id: string): Promise<EvidenceRow | undefined>;
  /** In (uploadedAt, id) order; a page continues after an (uploadedAt, id). */
  forDispute(disputeId: string, page?: Page<EvidenceKey>): Promise<EvidenceRow[]>;
  forOrder(orderId: string): Promise<EvidenceRow[]>;
  /** The order's evidence no dispute holds yet (attached when a dispute is filed for the order). */
  unattachedForOrder(orderId: string): Promise<EvidenceRow[]>;
  /**
   * Attaches order evidence to a dispute and sends it back to `checking` (report, phash and
   * checked_at cleared): its checks are re-run against the dispute's facts.
   */
  attachForRecheck(id: string, disputeId: string): Promise<void>;
  /** Settles a `needs_review` item: its status becomes accepted/rejected and the decision is kept. */
  saveReview(id: string, status: 'accepted' | 'rejected', review: EvidenceReview): Promise<void>;
  saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): Promise<void>;
  /** Evidence of other owners (not this dispute, not this order) with the same bytes. */
  sameHashElsewhere(sha256: string, owner: EvidenceOwner): Promise<EvidenceRow[]>;
  /** Evidence of other owners with a picture hash (all of them, for a Hamming scan). */
  withPictureHashElsewhere(owner: EvidenceOwner): Promise<Array<Pick<EvidenceRow, 'id' | 'disputeId' | 'orderId' | 'sha256' | 'phash'>>>;
  /** How many rows whose file was not removed point at this content address (a stored file with none is garbage). */
  countBySha256(sha256: string): Promise<number>;
  /** Bytes of a seller's evidence still on disk (the per-seller quota): its disputes' and its orders'. */
  storedBytesForSeller(sellerId: string): Promise<number>;
  /** Rejected evidence checked before `before` whose file is still there (the retention sweep's work), oldest first. */
  rejectedBefore(before: number, limit: number): Promise<Array<Pick<EvidenceRow, 'id' | 'sha256'>>>;
  /** Notes that the file is gone; the row stays. */
  markFileRemoved(id: string, at: number): Promise<void>;
}
