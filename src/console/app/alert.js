// Errors as people read them: the problem+json `detail` (ApiError's message) in an alert region.
import { h } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

/** Nothing when there is no error; else the error's words, announced (role="alert"). */
export function ErrorAlert({ error, children }) {
  if (!error) return null;
  return html`<div class="alert alert-error" role="alert"><p>${error.message || String(error)}</p>${children}</div>`;
}

/** A status message that is not an error (e.g. "Sent."), announced politely. */
export function Notice({ text }) {
  return text ? html`<p class="alert alert-info" role="status">${text}</p>` : null;
}
