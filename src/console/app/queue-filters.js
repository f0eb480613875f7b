// The queue's filters: status, due soon (a deadline within 12 h), seller (keys that see every
// seller only), needs review. The parent turns them into the list's query.
import { h } from 'preact';
import htm from 'htm';
import { words } from './format.js';
import { AMBER_UNDER_MS } from './countdown.js';

const html = htm.bind(h);
export const STATUSES = ['awaiting_seller_response', 'awaiting_solution', 'awaiting_buyer', 'negotiating', 'in_arbitration', 'resolved'];
export const NO_FILTERS = { status: '', dueSoon: false, sellerId: '', needsReview: false };

/** The list's query string for `filters` at `now` (due soon = a deadline before now + 12 h), most urgent first. */
export function queueQuery(filters, now, cursor) {
  const q = new URLSearchParams({ limit: '25', order: 'urgency' });
  if (filters.status) q.set('status', filters.status);
  if (filters.dueSoon) q.set('dueBefore', new Date(now + AMBER_UNDER_MS).toISOString());
  if (filters.sellerId.trim()) q.set('sellerId', filters.sellerId.trim());
  if (filters.needsReview) q.set('needsReview', 'true');
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export function QueueFilters({ filters, onChange, showSeller }) {
  const set = (k, v) => onChange({ ...filters, [k]: v });
  return html`<form class="filters" role="search" aria-label="Filter the queue" onSubmit=${(e) => e.preventDefault()}>
    <div class="field"><label for="filter-status">Status</label>
      <select id="filter-status" value=${filters.status} onChange=${(e) => set('status', e.target.value)}>
        <option value="">Any status</option>
        ${STATUSES.map((s) => html`<option value=${s}>${words(s)}</option>`)}
      </select>
    </div>
    <label class="check"><input type="checkbox" checked=${filters.dueSoon} onChange=${(e) => set('dueSoon', e.target.checked)} /> Due within 12 h</label>
    <label class="check"><input type="checkbox" checked=${filters.needsReview} onChange=${(e) => set('needsReview', e.target.checked)} /> Needs review</label>
    ${showSeller && html`<div class="field"><label for="filter-seller">Seller</label>
      <input id="filter-seller" type="search" value=${filters.sellerId} placeholder="seller id" onChange=${(e) => set('sellerId', e.target.value)} />
    </div>`}
  </form>`;
}
