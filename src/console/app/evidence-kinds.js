// Evidence kinds in words, from the server (GET /console/evidence-kinds.json, built from
// EVIDENCE_KINDS), fetched once per page.
let options = null;

/** `[{ kind, label }]` in the API's order. */
export function evidenceKinds() {
  options ??= fetch('/console/evidence-kinds.json')
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((body) => body.kinds)
    .catch((err) => {
      options = null; // the next panel asks again
      throw new Error(`The evidence kinds could not be loaded (${err.message}).`);
    });
  return options;
}

/** The kinds, the ones the preview says are missing first (in the preview's order). */
export function kindsNeededFirst(kinds, missing = []) {
  const rank = (k) => {
    const i = missing.findIndex((m) => m.kind === k.kind);
    return i === -1 ? missing.length : i;
  };
  return [...kinds].sort((a, b) => rank(a) - rank(b)); // stable: the rest keep the API's order
}

/** Bytes as people read them: 1.4 MB, 512 KB. */
export function bytesInWords(n) {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} KB`;
  return `${n} B`;
}
