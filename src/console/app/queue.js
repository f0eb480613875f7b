// The queue: disputes most urgent first, a page at a time by cursor ("Load more"), with each
// one's next deadline as a live countdown, what is missing and the preview's side. Fields the
// list may not carry yet render as "—".
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { ErrorAlert } from './alert.js';
import { Countdown } from './countdown.js';
import { money, sideWords, words } from './format.js';
import { NO_FILTERS, QueueFilters, queueQuery } from './queue-filters.js';
import { disputeHref } from './router.js';

const html = htm.bind(h);

/** What a row says is missing: evidence kinds (strings or `{ kind }`), or "—". */
const missingWords = (m) => (Array.isArray(m) && m.length ? m.map((x) => words(typeof x === 'string' ? x : x.kind)).join(', ') : '—');

function Row({ d }) {
  return html`<tr>
    <td data-label="Dispute"><a href=${disputeHref(d.id)}>${d.externalId ?? d.id}</a><span class="hint block">${d.sellerId}</span></td>
    <td data-label="Status">${words(d.status)}</td>
    <td data-label="Reason">${d.reason ? words(d.reason) : '—'}</td>
    <td data-label="Amount">${money(d.amount)}</td>
    <td data-label="Next deadline">${d.nextDueAt ? html`<${Countdown} at=${d.nextDueAt} />` : '—'}</td>
    <td data-label="Missing">${missingWords(d.missing)}</td>
    <td data-label="Preview">${d.favours ? sideWords(d.favours) : '—'}${d.needsReview ? html` <span class="badge badge-review">${d.needsReview} to review</span>` : ''}</td>
  </tr>`;
}

export function Queue({ me }) {
  const [filters, setFilters] = useState(NO_FILTERS);
  const [items, setItems] = useState([]);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(true);

  async function load(cursor) {
    setLoading(true);
    try {
      const page = await api(`/api/disputes?${queueQuery(filters, Date.now(), cursor)}`);
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    load(null);
  }, [filters]);

  return html`<main class="queue" aria-labelledby="queue-h">
    <h1 id="queue-h">Disputes</h1>
    <${QueueFilters} filters=${filters} onChange=${setFilters} showSeller=${me.sellerId === null} />
    <${ErrorAlert} error=${error} />
    <table class="queue-table" aria-busy=${loading ? 'true' : 'false'}>
      <caption class="hint">Most urgent first · ${items.length} shown</caption>
      <thead><tr><th scope="col">Dispute</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Amount</th><th scope="col">Next deadline</th><th scope="col">Missing</th><th scope="col">Preview</th></tr></thead>
      <tbody>${items.map((d) => html`<${Row} key=${d.id} d=${d} />`)}</tbody>
    </table>
    ${!loading && !error && items.length === 0 && html`<p class="empty">No disputes match these filters.</p>`}
    ${loading && html`<p class="hint" role="status">Loading…</p>`}
    ${next && !loading && html`<button type="button" class="secondary" onClick=${() => load(next)}>Load more</button>`}
  </main>`;
}
