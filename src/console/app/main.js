// The console's entry: sign in (unless the service runs with AUTH=off or an embed brought a
// token), then the header and the route: `#/` the queue, `#/disputes/<id>` a dispute.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { api, signedIn, signIn, signOut, UNAUTHORIZED_EVENT } from './api.js';
import { ErrorAlert } from './alert.js';
import { boot } from './boot.js';
import { DisputePage } from './dispute-page.js';
import { ErrorBoundary } from './error-boundary.js';
import { Header } from './header.js';
import { Queue } from './queue.js';
import { disputeHref, useRoute } from './router.js';

const html = htm.bind(h);

function SignIn({ onDone, reason }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(reason ?? null);
  async function submit(e) {
    e.preventDefault();
    signIn(key);
    try {
      onDone(await api('/api/me'));
    } catch (err) {
      signOut();
      setError(err);
    }
  }
  return html`<form class="sign-in" onSubmit=${submit}>
    <h1>Agent console</h1>
    <label for="api-key">API key</label>
    <input id="api-key" type="password" autocomplete="off" value=${key} onInput=${(e) => setKey(e.target.value)} required />
    <button type="submit">Sign in</button>
    <${ErrorAlert} error=${error} />
    <p class="hint">The key stays in this tab only. API reference: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a> · <a href="/healthz">/healthz</a></p>
  </form>`;
}

function Routes({ me }) {
  const route = useRoute();
  return html`<${ErrorBoundary} key=${JSON.stringify(route)}>
    ${route.name === 'dispute' ? html`<${DisputePage} key=${route.id} id=${route.id} me=${me} />` : html`<${Queue} me=${me} />`}
  <//>`;
}

function App() {
  // { me } once signed in; { reason } after a 401 sent the agent back to sign in.
  const [session, setSession] = useState({ me: null, reason: null, checking: signedIn() });
  const [error, setError] = useState(null);

  useEffect(() => {
    if (session.checking) api('/api/me').then((me) => setSession({ me, reason: null, checking: false }), (err) => (setError(err), setSession({ me: null, reason: null, checking: false })));
    const onUnauthorized = (e) => setSession((s) => (s.me ? { me: null, reason: e.detail, checking: false } : s));
    addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  if (session.checking) return html`<p class="hint loading" role="status">Loading…</p>`;
  if (!session.me) {
    if (error && error.status !== 401) return html`<main><${ErrorAlert} error=${error} /></main>`;
    return html`<${SignIn} reason=${session.reason ?? error} onDone=${(me) => (setError(null), setSession({ me, reason: null, checking: false }))} />`;
  }
  const canSignOut = boot.auth === 'on' && !boot.token;
  return html`<${Header} me=${session.me} canSignOut=${canSignOut} onSignOut=${() => (signOut(), setSession({ me: null, reason: null, checking: false }))} />
    <${Routes} me=${session.me} />`;
}

// An embed opens its ticket's dispute first.
if (boot.disputeId && !location.hash) location.hash = disputeHref(boot.disputeId);
render(html`<${ErrorBoundary}><${App} /><//>`, document.getElementById('app'));
