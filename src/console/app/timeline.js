// The audit log as a timeline: when, who (the log's actor, e.g. `key:key_… (Ana)`), what.
// Reloads when the dispute's version changes (every change writes one entry).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { ErrorAlert } from './alert.js';
import { dateTime, money, words } from './format.js';

const html = htm.bind(h);

/** A short line for what an entry's payload says (the fields people look for). */
function detailOf(payload) {
  if (!payload || typeof payload !== 'object') return '';
  const parts = [];
  if (payload.solution) parts.push(words(payload.solution));
  if (payload.amount) parts.push(money(payload.amount));
  if (payload.deadline) parts.push(words(payload.deadline));
  if (payload.by) parts.push(`by ${payload.by}`);
  if (payload.decision) parts.push(words(payload.decision));
  if (typeof payload.message === 'string') parts.push(`“${payload.message}”`);
  if (typeof payload.comment === 'string') parts.push(`“${payload.comment}”`);
  return parts.join(' · ');
}

function Entry({ e }) {
  const detail = detailOf(e.payload);
  return html`<li>
    <time datetime=${e.at}>${dateTime(e.at)}</time>
    <span class="event">${words(e.type)}</span>
    <span class="actor">${e.actor}</span>
    ${detail && html`<span class="hint block">${detail}</span>`}
  </li>`;
}

export function Timeline({ disputeId, version }) {
  const [entries, setEntries] = useState([]);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const base = `/api/disputes/${encodeURIComponent(disputeId)}/events?limit=100`;

  async function load(cursor) {
    try {
      const page = await api(cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base);
      setEntries((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }
  useEffect(() => {
    load(null);
  }, [disputeId, version]);

  return html`<section class="card" aria-labelledby="timeline-h">
    <h2 id="timeline-h">Timeline</h2>
    <${ErrorAlert} error=${error} />
    <ol class="timeline">${entries.map((e) => html`<${Entry} key=${e.seq} e=${e} />`)}</ol>
    ${next && html`<button type="button" class="secondary" onClick=${() => load(next)}>More entries</button>`}
  </section>`;
}
