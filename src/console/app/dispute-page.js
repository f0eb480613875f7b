// One dispute: its status and claim, the audit badge, the lifecycle with the current state lit,
// order and tracking facts, deadlines, the timeline, the verdict preview with its actions and
// the evidence panel. Parts that depend on the dispute's state reload when its version moves.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { ErrorAlert, Notice } from './alert.js';
import { AuditBadge } from './audit-badge.js';
import { Deadlines } from './deadlines.js';
import { EvidencePanel } from './evidence-panel.js';
import { OrderFacts } from './facts.js';
import { dateTime, words } from './format.js';
import { Lifecycle } from './lifecycle.js';
import { PreviewPanel } from './preview-panel.js';
import { Timeline } from './timeline.js';
import { useLoad } from './use-load.js';

const html = htm.bind(h);

export function DisputePage({ id, me }) {
  const path = `/api/disputes/${encodeURIComponent(id)}`;
  const dispute = useLoad(() => api(path), [path]);
  const version = dispute.data?.version;
  const preview = useLoad(() => api(`${path}/verdict-preview`), [path, version]);
  const audit = useLoad(() => api(`${path}/events/verify`), [path, version]);
  const [notice, setNotice] = useState(null); // { error } or { info }

  async function onSent(action, updated) {
    setNotice({ info: `${action.label}: sent. The dispute is now ${words(updated?.status)}.` });
    await dispute.reload();
  }
  async function onConflict(err) {
    const fresh = await dispute.reload();
    const now = fresh ? ` The dispute is now ${words(fresh.status)} (version ${fresh.version}); the page shows its current state.` : '';
    setNotice({ error: Object.assign(new Error(`${err.message}${now}`), { status: err.status }) });
  }

  const d = dispute.data;
  if (!d) {
    return html`<main class="dispute" aria-labelledby="dispute-h">
      <p><a href="#/">← Queue</a></p>
      <h1 id="dispute-h">Dispute ${id}</h1>
      ${dispute.loading ? html`<p role="status">Loading…</p>` : html`<${ErrorAlert} error=${dispute.error} />`}
    </main>`;
  }
  return html`<main class="dispute" aria-labelledby="dispute-h">
    <p><a href="#/">← Queue</a></p>
    <header class="dispute-head card">
      <h1 id="dispute-h">Dispute ${d.externalId ?? d.id}</h1>
      <p class="status-line"><span class=${`status status-${d.status}`} data-status=${d.status}>${words(d.status)}</span>
        <span>${words(d.reason)}</span> <span class="hint">seller ${d.sellerId} · opened ${dateTime(d.openedAt)} · version ${d.version}</span></p>
      ${d.claim && html`<blockquote class="claim">${d.claim}</blockquote>`}
      <p><${AuditBadge} verdict=${audit.data} /></p>
      <${ErrorAlert} error=${audit.error} />
    </header>
    <${ErrorAlert} error=${notice?.error ?? dispute.error} />
    <${Notice} text=${notice?.info} />
    <div class="columns">
      <div class="col-main">
        <${Lifecycle} status=${d.status} />
        <${Deadlines} deadlines=${d.deadlines} />
        <${OrderFacts} order=${d.order} />
        <${Timeline} disputeId=${d.id} version=${d.version} />
      </div>
      <div class="col-side">
        <${ErrorAlert} error=${preview.error} />
        <${PreviewPanel} dispute=${d} preview=${preview.data} me=${me} onSent=${onSent} onConflict=${onConflict} />
        <${EvidencePanel} dispute=${d} me=${me} onChanged=${() => dispute.reload()} />
      </div>
    </div>
  </main>`;
}
