import { EVIDENCE_KINDS, type EvidenceKind } from '../domain/evidence-summary.ts';

/** Every evidence kind in words (typed over EVIDENCE_KINDS: a new kind does not compile without its label). */
const KIND_LABELS: Record<EvidenceKind, string> = {
  packing_video: 'Packing video',
  label_photo: 'Label photo',
  delivery_proof_photo: 'Delivery proof photo',
  product_photo: 'Product photo',
  carrier_letter: 'Carrier letter',
};

/** What the upload form's kind selector offers, in the API's order (`GET /console/evidence-kinds.json`). */
export const evidenceKindOptions = () => ({ kinds: EVIDENCE_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] })) });
