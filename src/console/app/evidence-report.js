// One piece of evidence's report: each check's verdict in words, and the frames that prove it
// (for videos: where the SKU and the parcel label were read, boxed).
import { h } from 'preact';
import htm from 'htm';
import { ProofImage } from './proof-image.js';

const html = htm.bind(h);

const VERDICT = { pass: 'Passed', warn: 'Warning', fail: 'Failed', skip: 'Not checked' };

/** `video.sku` → `video sku`: the check's id as a heading when nothing better is known. */
const checkName = (id) => id.replace(/[._]/g, ' ');

function Proof({ evidence, proof }) {
  const at = proof.atSeconds !== undefined ? `at ${proof.atSeconds.toFixed(1)} s` : '';
  const what = [proof.text, at].filter(Boolean).join(', ');
  return html`<figure class="proof">
    ${proof.image && html`<${ProofImage} src=${evidence.links.proofs + encodeURIComponent(proof.image)} alt=${`Frame ${at}: ${proof.text || 'what the check saw'}`} />`}
    ${what && html`<figcaption>${what}</figcaption>`}
  </figure>`;
}

function Check({ evidence, check }) {
  const proofs = check.proof || [];
  return html`<li class=${`check check-${check.status}`}>
    <span class="check-verdict">${VERDICT[check.status] || check.status}</span>
    <span class="check-name">${checkName(check.id)}</span>
    <p class="check-message">${check.message}</p>
    ${proofs.length > 0 && html`<div class="proofs">${proofs.map((p) => html`<${Proof} evidence=${evidence} proof=${p} />`)}</div>`}
  </li>`;
}

export function EvidenceReport({ evidence }) {
  if (!evidence.report) return html`<p class="hint" role="status">Checking… the report appears here as soon as it is ready.</p>`;
  return html`<ul class="checks" aria-label="Checks">
    ${evidence.report.checks.map((c) => html`<${Check} key=${c.id} evidence=${evidence} check=${c} />`)}
  </ul>`;
}
