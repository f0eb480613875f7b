import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api, signedIn, signIn } from './api.js';
import { boot } from './boot.js';
import { DisputeHeading } from './dispute-heading.js';
import { startChatwootContext } from './embed-chatwoot.js';

const html = htm.bind(h);

function SignIn({ onDone }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  async function submit(e) {
    e.preventDefault();
    signIn(key);
    try {
      await api('/api/disputes?limit=1');
      onDone();
    } catch (err) {
      setError(err.message);
    }
  }
  return html`<form class="sign-in" onSubmit=${submit}>
    <h1>Agent console</h1>
    <label for="api-key">API key</label>
    <input id="api-key" type="password" autocomplete="off" value=${key} onInput=${(e) => setKey(e.target.value)} required />
    <button type="submit">Sign in</button>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <p class="hint">The key stays in this tab only. API reference: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a> · <a href="/healthz">/healthz</a></p>
  </form>`;
}

function App() {
  const [ready, setReady] = useState(signedIn());
  // A helpdesk sidebar opens its ticket's dispute: Zendesk's comes in the boot data, Chatwoot's from its context messages.
  const [disputeId, openDispute] = useState(boot.disputeId || null);
  const [notice, notify] = useState(null);
  useEffect(() => (ready && boot.embed === 'chatwoot' ? startChatwootContext(openDispute, notify) : undefined), [ready]);
  if (!ready) return html`<${SignIn} onDone=${() => setReady(true)} />`;
  if (disputeId) return html`<${DisputeHeading} id=${disputeId} />`;
  return html`<main><h1>Disputes</h1>${notice && html`<p role="status">${notice}</p>`}</main>`;
}

render(html`<${App} />`, document.getElementById('app'));
