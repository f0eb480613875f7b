/**
 * A helpdesk's own web pages, played by a loopback server on its own port (so its own origin):
 * the pages that frame our console in a sidebar. `pages` maps a path to the HTML it serves (add
 * pages as a test needs them);
 * any POST (a note the service sends back to the "helpdesk") is answered 200 `{}`. Also a
 * Zendesk app JWT signer written from RFC 7519/7515 (HS256), not from src/.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostPage = (query: URLSearchParams) => string;

export async function helpdeskHost() {
  const pages: Record<string, HostPage> = {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (req.method !== 'GET') {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      return;
    }
    const page = pages[url.pathname];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(url.searchParams));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, pages, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A JWT: header and claims as given, signed HS256 with `secret` (or unsigned for `alg: none`). */
export function signJwt(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${b64url(header)}.${b64url(claims)}`;
  const sig = header.alg === 'none' ? '' : createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${sig}`;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A sidebar page as Zendesk's signed-URL apps make it: an iframe named `console`, and a form
 * POSTed into it with the signed `token` (and an unsigned `ticket_id`) as the page loads.
 */
export const zendeskSidebar = (embedUrl: string): HostPage => (q) => `<!doctype html><title>Ticket</title>
<h1>Ticket ${attr(q.get('ticket_id') ?? '')}</h1>
<iframe name="console" title="Disputes" width="360" height="640"></iframe>
<form method="post" action="${attr(embedUrl)}" target="console">
<input type="hidden" name="token" value="${attr(q.get('token') ?? '')}">
<input type="hidden" name="ticket_id" value="${attr(q.get('ticket_id') ?? '')}">
</form>
<script>document.forms[0].submit()</script>`;

/** A page that frames `src` directly (a console page framed by whoever serves this). */
export const framing = (src: string): HostPage => () => `<!doctype html><title>Framing</title><iframe name="console" src="${attr(src)}" width="360" height="640"></iframe>`;
