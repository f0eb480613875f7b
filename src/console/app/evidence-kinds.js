// Evidence kinds in words, in the API's order (EVIDENCE_KINDS in src/domain/evidence-summary.ts).
export const KIND_LABELS = {
  packing_video: 'Packing video',
  label_photo: 'Label photo',
  delivery_proof_photo: 'Delivery proof photo',
  product_photo: 'Product photo',
  carrier_letter: 'Carrier letter',
};

export const kindLabel = (kind) => KIND_LABELS[kind] || kind;

/** Every kind, the ones the preview says are missing first (in the preview's order). */
export function kindsNeededFirst(missing = []) {
  const first = missing.map((m) => m.kind).filter((k, i, all) => k in KIND_LABELS && all.indexOf(k) === i);
  return [...first, ...Object.keys(KIND_LABELS).filter((k) => !first.includes(k))];
}

/** Bytes as people read them: 1.4 MB, 512 KB. */
export function bytesInWords(n) {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} KB`;
  return `${n} B`;
}
