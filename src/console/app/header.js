// The console's header: where you are, who is signed in (GET /api/me), and sign out.
import { h } from 'preact';
import htm from 'htm';
import { words } from './format.js';

const html = htm.bind(h);

/** "Ana (support) · agent · seller seller-1" — the key's name when it has one, else its id. */
export function whoIs(me) {
  const scope = me.sellerId ? `seller ${me.sellerId}` : 'all sellers';
  return `${me.name ?? me.keyId} · ${words(me.role)} · ${scope}`;
}

export function Header({ me, onSignOut, canSignOut }) {
  return html`<header class="top">
    <a class="brand" href="#/">Disputes</a>
    ${me && html`<p class="who">Signed in as ${whoIs(me)}</p>`}
    ${canSignOut && html`<button type="button" class="secondary" onClick=${onSignOut}>Sign out</button>`}
  </header>`;
}
