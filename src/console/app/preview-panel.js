// The verdict preview: who it favours and why (the rules' own words and ids), what is missing
// by when (the seller's own next deadline first), what would flip it, and the actions.
import { h } from 'preact';
import htm from 'htm';
import { Actions } from './actions.js';
import { Countdown } from './countdown.js';
import { dateTime, money, sideWords, words } from './format.js';

const html = htm.bind(h);
/** Deadlines the seller must meet (`buyer_answer` is the buyer's). */
const SELLER_DEADLINES = ['first_response', 'solution', 'negotiation', 'arbitration_evidence'];

function sellerNext(deadlines) {
  const mine = Object.entries(deadlines ?? {}).filter(([k]) => SELLER_DEADLINES.includes(k));
  return mine.sort(([, a], [, b]) => Date.parse(a) - Date.parse(b))[0];
}

export function PreviewPanel({ dispute, preview, me, onSent, onConflict }) {
  const next = sellerNext(dispute.deadlines);
  const missing = [...(preview?.missing ?? [])].sort((a, b) => Date.parse(a.dueBy) - Date.parse(b.dueBy));
  return html`<section class="card preview" aria-labelledby="preview-h">
    <h2 id="preview-h">Verdict preview</h2>
    ${!preview
      ? html`<p class="hint">No preview yet.</p>`
      : html`<p class=${`favours favours-${preview.favours}`}>Favours: <strong>${sideWords(preview.favours)}</strong>
          ${preview.remedy !== 'undecided' && preview.remedy !== 'none' ? html` · ${words(preview.remedy)}${preview.amount ? ` ${money(preview.amount)}` : ''}` : ''}
          <span class="hint"> · confidence ${Math.round(preview.confidence * 100)} %</span></p>
        <h3>Why</h3>
        ${preview.reasons.length === 0 ? html`<p class="hint">No rule has spoken yet.</p>` : html`<ul class="reasons">${preview.reasons.map((r) => html`<li class=${`effect-${r.effect}`}>${r.text} <span class="rule">(${r.rule})</span></li>`)}</ul>`}
        <h3>Missing</h3>
        ${next && html`<p class="seller-next">Your next deadline: <strong>${words(next[0])}</strong> ${dateTime(next[1])} <${Countdown} at=${next[1]} /></p>`}
        ${missing.length === 0 ? html`<p class="hint">Nothing missing that would still help.</p>` : html`<ul class="missing">${missing.map((m) => html`<li><strong>${words(m.kind)}</strong> showing ${m.mustShow.join(', ')} — by ${dateTime(m.dueBy)} <span class="rule">(${m.rule})</span></li>`)}</ul>`}
        ${preview.flips.length > 0 && html`<h3>What would flip it</h3><ul class="flips">${preview.flips.map((f) => html`<li>${f.change} → favours ${sideWords(f.wouldFavour)} <span class="rule">(${f.rule})</span></li>`)}</ul>`}`}
    ${dispute.outcome && html`<p class="outcome">Resolved: favours <strong>${sideWords(dispute.outcome.favours)}</strong>, ${words(dispute.outcome.remedy)}${dispute.outcome.amount ? ` ${money(dispute.outcome.amount)}` : ''} (${words(dispute.outcome.decidedBy)})</p>`}
    ${dispute.proposal && !dispute.outcome && html`<p>On the table: ${words(dispute.proposal.solution)}${dispute.proposal.amount ? ` ${money(dispute.proposal.amount)}` : ''} (${dateTime(dispute.proposal.at)})</p>`}
    <h3>Actions</h3>
    <${Actions} dispute=${dispute} me=${me} onSent=${onSent} onConflict=${onConflict} />
  </section>`;
}
