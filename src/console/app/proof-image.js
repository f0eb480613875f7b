// A proof image of the API (`/api/evidence/:id/proof/:name`): fetched with the bearer token
// (an <img src> cannot carry it) and shown from a blob URL, released when it leaves the page.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { authHeaders } from './bearer.js';

const html = htm.bind(h);

export function ProofImage({ src, alt }) {
  const [url, setUrl] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let objectUrl = null;
    let live = true;
    fetch(src, { headers: authHeaders() })
      .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((err) => live && setError(`The proof image could not be loaded (${err.message}).`));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src]);
  if (error) return html`<p class="error">${error}</p>`;
  return url ? html`<img class="proof-frame" src=${url} alt=${alt} />` : html`<p class="hint">Loading proof image…</p>`;
}
