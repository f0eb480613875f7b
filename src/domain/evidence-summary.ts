/**
 * What a dispute remembers of one piece of evidence once its checks have run: enough for
 * the verdict preview to reason with, without reading files. The full report lives in the
 * evidence store.
 */
export const EVIDENCE_KINDS = ['packing_video', 'label_photo', 'delivery_proof_photo', 'product_photo', 'carrier_letter'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_STATUSES = ['checking', 'accepted', 'rejected', 'needs_review'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One check's answer: `{ id: 'video.duration', status: 'fail', code: 'VIDEO.TOO_SHORT', ... }`. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  code: string;
  message: string;
  /** What the check measured, shaped by `CHECK_DETAILS[id]` (check-details.ts); read it with `detailsOf`. */
  details?: Record<string, unknown>;
  /**
   * What a `fail` rests on: `measured` (a fact of the file: type, duration, an editor's tag)
   * rejects the evidence; `perceived` (a machine's reading: OCR/barcode found nothing, content
   * looks like a screenshot, near-duplicate picture) sends it to a person instead. Absent = measured.
   */
  basis?: 'measured' | 'perceived';
  /** Where the check saw what it claims: frame timestamps, thumbnails (evidence-relative paths). */
  proof?: Array<{ atSeconds?: number; image?: string; text?: string }>;
}

export interface EvidenceSummary {
  id: string;
  kind: EvidenceKind;
  sha256: string;
  status: EvidenceStatus;
  /** When the file reached us (epoch ms). */
  uploadedAt: number;
  /** When the capture says it was made (epoch ms), if known. */
  capturedAt?: number;
  /** The report's rows without messages or proofs (built by `summarize` in evidence-summary.builder.ts). */
  checks: Array<Pick<CheckResult, 'id' | 'status' | 'code' | 'details'>>;
  /** Delivery-proof facts entered with the photo. */
  signerName?: string;
  signedAt?: number;
  /** An ERP's claim of when it uploaded the file to the marketplace (shown, never measured). */
  claimedUploadedAt?: number;
  /** A person's decision on an item the checks sent to review (`by`: the log's actor). */
  review?: { decision: 'accept' | 'reject'; by: string; at: number; note?: string };
}
