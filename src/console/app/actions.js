// The dispute's action buttons: each opens a confirmation, then sends POST /api/disputes/:id/events
// with the version the agent saw and an Idempotency-Key (one per confirmation, so a retried
// click cannot send twice). A 409 (the dispute moved on) goes to the page, which reloads.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { actionsFor } from './event-actions.js';

const html = htm.bind(h);

export function Actions({ dispute, me, onSent, onConflict }) {
  const [open, setOpen] = useState(null); // { action, key }
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const actions = actionsFor(dispute, me);

  async function send(fields) {
    const { action, key } = open;
    setSending(true);
    setError(null);
    try {
      const body = { ...action.body(dispute, fields, me), version: dispute.version };
      const updated = await api(`/api/disputes/${encodeURIComponent(dispute.id)}/events`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
      setOpen(null);
      onSent(action, updated);
    } catch (err) {
      if (err.status === 409) {
        setOpen(null);
        onConflict(err);
      } else setError(err);
    } finally {
      setSending(false);
    }
  }

  return html`<div class="actions" role="group" aria-label="Actions">
    ${actions.length === 0 && html`<p class="hint">No action is open to this key at this stage.</p>`}
    ${actions.map((a) => html`<button type="button" onClick=${() => (setError(null), setOpen({ action: a, key: crypto.randomUUID() }))}>${a.label}</button>`)}
    ${open && html`<${ConfirmDialog} key=${open.key} action=${open.action} dispute=${dispute} sending=${sending} error=${error} onConfirm=${send} onCancel=${() => setOpen(null)} />`}
  </div>`;
}
