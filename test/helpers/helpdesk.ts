/**
 * Helpdesks played by local receivers: a loopback HTTP server that records every request and
 * answers with the statuses it is told, the helpdesks' signing schemes written out from their
 * documentation (not from src/), and a service configured to talk to the receiver.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testService } from './service.ts';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text and its JSON. */
  text: string;
  body: any;
}

/** A receiver; `answers` are the statuses of its first requests (then 200), with optional headers. */
export async function helpdeskReceiver(answers: Array<{ status: number; headers?: Record<string, string> }> = []) {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, body: JSON.parse(text) });
      const answer = answers.shift() ?? { status: 200 };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end('{}');
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Resolves with the first request matching `pred` (now or when it arrives). */
    waitFor(pred: (r: Received) => boolean, what = 'a request'): Promise<Received> {
      return new Promise((ok, fail) => {
        const check = () => {
          const hit = received.find(pred);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          ok(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`receiver never got ${what}; got ${received.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing'}`));
        }, 30_000);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const SECRETS = {
  zendesk: 'zendesk-webhook-secret-0123456789abcdef',
  chatwoot: 'chatwoot-webhook-secret-0123456789abcdef',
  freshdesk: 'freshdesk-webhook-token-0123456789abcdef',
};
export const SELLER = 'seller-hd';

/** A service with all three helpdesks pointed at `helpdeskUrl`, API keys on, fast job retries. */
export function helpdeskService(helpdeskUrl: string) {
  return testService({
    access: { auth: 'on' },
    jobOptions: { leaseMs: 10_000, pollMs: 200, retryBaseMs: 50 },
    integrations: {
      publicUrl: 'https://disputes.example.test',
      zendesk: { webhookSecret: SECRETS.zendesk, baseUrl: helpdeskUrl, email: 'bot@shop.test', apiToken: 'zd-token', sellerId: SELLER },
      chatwoot: { webhookSecret: SECRETS.chatwoot, baseUrl: helpdeskUrl, apiAccessToken: 'cw-token', sellerId: SELLER },
      freshdesk: { webhookToken: SECRETS.freshdesk, baseUrl: helpdeskUrl, apiKey: 'fd-key', sellerId: SELLER },
    },
  });
}

/** Every shared ticket field of a complete dispute (README "Helpdesks"). */
export function ticketFields(orderId: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    order_id: orderId,
    reason: 'not_received',
    amount: '64.90',
    currency: 'usd',
    category: 'watches',
    skus: 'SKU-AE-48213-BLK',
    tracking_number: 'LP00712345678CN',
    carrier: 'Cainiao',
    carrier_line: 'Cainiao Special Line',
    line_official: 'true',
    line_signature_photo: 'yes',
    tracking_status: 'in_transit',
    ...over,
  };
}

export interface SignedRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Zendesk: base64 HMAC-SHA256 of timestamp + body; timestamp ISO 8601. */
export function zendeskWebhook(ticketId: number, fields: Record<string, string>, at = new Date(), secret = SECRETS.zendesk): SignedRequest {
  const body = JSON.stringify({ ticket: { id: String(ticketId), description: 'Buyer says the parcel never came', fields } });
  const ts = at.toISOString();
  const sig = createHmac('sha256', secret).update(ts + body).digest('base64');
  return { path: '/integrations/zendesk/webhook', body, headers: { 'x-zendesk-webhook-signature': sig, 'x-zendesk-webhook-signature-timestamp': ts } };
}

/** Chatwoot: `sha256=` hex HMAC-SHA256 of `timestamp.body`; timestamp in Unix seconds. */
export function chatwootWebhook(conversationId: number, accountId: number, fields: Record<string, string>, at = new Date(), secret = SECRETS.chatwoot): SignedRequest {
  const body = JSON.stringify({ event: 'conversation_created', id: conversationId, account: { id: accountId }, custom_attributes: fields, messages: [{ content: 'Where is my parcel?' }] });
  const ts = String(Math.floor(at.getTime() / 1000));
  const sig = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  return { path: '/integrations/chatwoot/webhook', body, headers: { 'x-chatwoot-signature': `sha256=${sig}`, 'x-chatwoot-timestamp': ts } };
}

/** Freshdesk: the secret token in the URL; custom fields as `ticket_cf_<name>`, dated by `ticket_updated_at`. */
export function freshdeskWebhook(ticketId: number, fields: Record<string, string>, at = new Date(), token = SECRETS.freshdesk): SignedRequest {
  const custom = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`ticket_cf_${k}`, v]));
  const body = JSON.stringify({ freshdesk_webhook: { ticket_id: ticketId, ticket_updated_at: at.toISOString(), ticket_description: 'Not delivered', ...custom } });
  return { path: `/integrations/freshdesk/webhook?token=${encodeURIComponent(token)}`, body, headers: {} };
}

/** Sends a webhook to the service as the helpdesk would (no API key). */
export async function deliver(base: string, r: SignedRequest) {
  const res = await fetch(base + r.path, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: r.body });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

/** Waits until `probe` answers truthy (a state, polled; 30 s at most). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`never: ${what}`);
}
