// The dispute page's evidence panel (stub: the evidence helper replaces it).
// Contract: EvidencePanel({ dispute, me, onChanged }) — `dispute` is GET /api/disputes/:id,
// `me` is GET /api/me, `onChanged()` asks the page to reload the dispute and its preview.
import { h } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

export function EvidencePanel({ dispute }) {
  return html`<section aria-labelledby="evidence-h"><h2 id="evidence-h">Evidence</h2>
    <ul>${dispute.evidence.map((e) => html`<li>${e.kind} · ${e.id}</li>`)}</ul>
  </section>`;
}
