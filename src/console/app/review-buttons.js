// Settling a `needs_review` item: accept or reject with a note, after a confirmation
// (POST /api/evidence/:id/review). Shown only to keys with the `evidence.review` capability.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';

const html = htm.bind(h);

export function ReviewButtons({ evidence, onReviewed }) {
  const [decision, setDecision] = useState(null);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const noteId = `review-note-${evidence.id}`;

  async function confirm(e) {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const body = { decision, ...(note.trim() ? { note: note.trim() } : {}) };
      const reviewed = await api(`/api/evidence/${evidence.id}/review`, { method: 'POST', body });
      setDecision(null);
      onReviewed(reviewed);
    } catch (err) {
      setError(err.message);
    } finally {
      setSending(false);
    }
  }

  if (!decision) {
    return html`<div class="review-buttons" role="group" aria-label="Review">
      <button type="button" onClick=${() => setDecision('accept')}>Accept…</button>
      <button type="button" class="danger" onClick=${() => setDecision('reject')}>Reject…</button>
    </div>`;
  }
  const verb = decision === 'accept' ? 'Accept' : 'Reject';
  return html`<form class="review-confirm" onSubmit=${confirm}>
    <label for=${noteId}>Note (why)</label>
    <textarea id=${noteId} maxlength="5000" value=${note} onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
    <p>${verb} this evidence? The decision goes into the dispute's log under your key.</p>
    <button type="submit" disabled=${sending}>${`Confirm: ${verb.toLowerCase()}`}</button>
    <button type="button" class="secondary" disabled=${sending} onClick=${() => setDecision(null)}>Cancel</button>
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </form>`;
}
