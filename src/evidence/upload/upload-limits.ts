import type { EvidenceKind } from '../../domain/evidence-summary.ts';
import type { Policy } from '../../policy/policy.schema.ts';

/** The most bytes a kind may upload (videos 500 MB, photos 25 MB by default; a carrier letter may be a PDF or a photo). */
export function maxBytesFor(kind: EvidenceKind | undefined, p: Policy): number {
  const e = p.evidence;
  if (kind === 'packing_video') return e.maxVideoBytes;
  if (kind === 'carrier_letter') return Math.max(e.maxDocumentBytes, e.maxPhotoBytes);
  if (kind) return e.maxPhotoBytes;
  return Math.max(e.maxVideoBytes, e.maxPhotoBytes, e.maxDocumentBytes);
}

/** How many uploads may stream at once, and how long one may take. Service options override each. */
export interface UploadLimits {
  /** Uploads streaming at once for one caller (API key; anonymous callers by remote address). */
  perCaller: number;
  /** Uploads streaming at once in this process. */
  total: number;
  /** An upload that sends no byte for this long is cut off (its slot and temp file are freed). */
  idleMs: number;
  /** An upload still streaming after this long is cut off, however steadily it trickles. */
  totalMs: number;
  /** What `Retry-After` tells a caller refused for a full slot (seconds). */
  retryAfterS: number;
  /** Bytes of evidence one seller may keep on disk (rejected files count until the sweep removes them). */
  sellerQuotaBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  // A console uploads a handful of files at once (browsers keep 6 connections per host); 4
  // leaves two for the rest of the page. Issue 9: one client's 9,990 stalled uploads took
  // every file descriptor.
  perCaller: 4,
  // Each upload holds a socket and a temp file: 64 uploads are 128 descriptors of the usual
  // 1,024 (ulimit -n), leaving the rest for the store, ffmpeg and ordinary requests.
  total: 64,
  // Mobile uploads pause for seconds on a bad network, not for half a minute.
  idleMs: 30_000,
  // The largest file (a 500 MB video) at a slow 1 MB/s takes ~8 min; twice that.
  totalMs: 15 * 60_000,
  retryAfterS: 5,
  // Ten disputes' worth of full-size packing videos (the policy's 500 MB cap) per seller.
  // Issue 9: with no quota, 20 rejected uploads kept 2 GB on disk for good.
  sellerQuotaBytes: 5 * 1024 ** 3,
};
