// One piece of evidence in the panel: what it is, where it stands, its report as it arrives,
// and the review buttons when it waits for a person who may review.
import { h } from 'preact';
import htm from 'htm';
import { EvidenceReport } from './evidence-report.js';
import { bytesInWords } from './evidence-kinds.js';
import { ReviewButtons } from './review-buttons.js';
import { useSettledEvidence } from './use-settled-evidence.js';

const html = htm.bind(h);

const STATUS = { checking: 'Checking', accepted: 'Accepted', rejected: 'Rejected', needs_review: 'Needs review' };

function ReviewNote({ review }) {
  const verb = review.decision === 'accept' ? 'Accepted' : 'Rejected';
  return html`<p class="review-note">${verb} on review by ${review.by}${review.note ? `: “${review.note}”` : ''}</p>`;
}

export function EvidenceItem({ initial, label, mayReview, onChanged }) {
  const [e, error, replace] = useSettledEvidence(initial, onChanged);
  const reviewed = (next) => {
    replace(next);
    onChanged();
  };
  return html`<li class="evidence-item" aria-labelledby=${`ev-${e.id}`}>
    <header class="evidence-head">
      <h3 id=${`ev-${e.id}`}>${label}</h3>
      <span class=${`badge status-${e.status}`}>${STATUS[e.status] || e.status}</span>
    </header>
    <p class="hint evidence-meta">${e.mediaType} · ${bytesInWords(e.bytes)} · SHA-256 <code class="sha">${e.sha256}</code></p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <${EvidenceReport} evidence=${e} />
    ${e.review && html`<${ReviewNote} review=${e.review} />`}
    ${e.status === 'needs_review' && mayReview && html`<${ReviewButtons} evidence=${e} onReviewed=${reviewed} />`}
  </li>`;
}
