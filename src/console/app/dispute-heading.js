// Stand-in for the dispute page (console-ui's dispute-page.js takes its place): the dispute's
// id and status, read with the page's token, or the API's words when that fails.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';

const html = htm.bind(h);

export function DisputeHeading({ id }) {
  const [state, setState] = useState({ dispute: null, error: null });
  useEffect(() => {
    setState({ dispute: null, error: null });
    api(`/api/disputes/${encodeURIComponent(id)}`).then(
      (dispute) => setState({ dispute, error: null }),
      (err) => setState({ dispute: null, error: err.message }),
    );
  }, [id]);
  if (state.error) return html`<main><p class="error" role="alert">${state.error}</p></main>`;
  if (!state.dispute) return html`<main><p>Loading dispute ${id}…</p></main>`;
  return html`<main><h1>Dispute ${state.dispute.id}</h1><p>Status: <span class="status">${state.dispute.status}</span></p></main>`;
}
