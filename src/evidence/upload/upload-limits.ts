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
