// The dispute page's evidence panel: the upload form (for keys that may upload, while the
// dispute takes evidence), then every piece of evidence with its report as it arrives.
// Contract: EvidencePanel({ dispute, me, onChanged }) — `dispute` is GET /api/disputes/:id,
// `me` is GET /api/me, `onChanged()` asks the page to reload the dispute and its preview.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { EvidenceItem } from './evidence-item.js';
import { evidenceKinds, kindsNeededFirst } from './evidence-kinds.js';
import { EvidenceUpload } from './evidence-upload.js';

const html = htm.bind(h);

const labelOf = (kinds, kind) => (kinds.find((k) => k.kind === kind) || { label: kind }).label;

/** Resolved disputes take no more evidence (the API answers DISPUTE.CLOSED). */
const takesEvidence = (dispute) => dispute.status !== 'resolved';

export function EvidencePanel({ dispute, me, onChanged }) {
  const [kinds, setKinds] = useState(null);
  const [items, setItems] = useState(null);
  const [missing, setMissing] = useState([]);
  const [error, setError] = useState(null);
  const [reloads, setReloads] = useState(0);
  const caps = (me && me.capabilities) || [];

  useEffect(() => {
    let live = true;
    api(`/api/disputes/${dispute.id}/evidence?limit=500`)
      .then((page) => live && (setItems(page.items), setError(null)))
      .catch((err) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [dispute.id, dispute.version, reloads]);

  useEffect(() => {
    let live = true;
    evidenceKinds().then((k) => live && setKinds(k), (err) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, []);

  // The kinds the preview says are missing go first in the kind selector.
  useEffect(() => {
    let live = true;
    api(`/api/disputes/${dispute.id}/verdict-preview`)
      .then((p) => live && setMissing(p.missing || []))
      .catch(() => live && setMissing([])); // the selector still lists every kind
    return () => {
      live = false;
    };
  }, [dispute.id, dispute.version]);

  const uploaded = () => {
    setReloads((n) => n + 1);
    onChanged();
  };

  return html`<section class="evidence-panel" aria-labelledby="evidence-h">
    <h2 id="evidence-h">Evidence</h2>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${(items === null || kinds === null) && !error && html`<p class="hint">Loading evidence…</p>`}
    ${kinds && caps.includes('evidence.upload') && takesEvidence(dispute) &&
      html`<${EvidenceUpload} disputeId=${dispute.id} kinds=${kindsNeededFirst(kinds, missing)} onUploaded=${uploaded} />`}
    ${kinds && items && items.length === 0 && html`<p class="hint">No evidence yet.</p>`}
    ${kinds && items && items.length > 0 && html`<ul class="evidence-list">
      ${items.map((e) => html`<${EvidenceItem} key=${`${e.id}:${e.status}`} initial=${e} label=${labelOf(kinds, e.kind)} mayReview=${caps.includes('evidence.review')} onChanged=${onChanged} />`)}
    </ul>`}
  </section>`;
}
