import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, as an integrator would log it. */
export interface Receipt {
  webhookId: string;
  /** 1 for the first request with this webhook-id, 2 for the second… */
  nth: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  /** The status the receiver answered. */
  answered: number;
  /** Which of the receiver's secrets verified it (standardwebhooks, the reference implementation). */
  verifiedWith: string[];
}

/** What to answer: a status and headers; `hold: true` never answers (the socket stays open). */
export type Answer = { status: number; headers?: Record<string, string> } | { hold: true };
export type Responder = (r: Omit<Receipt, 'answered'>) => Answer;

/**
 * An integrator's webhook endpoint on loopback: records every request, verifies its signature
 * with the `standardwebhooks` package against the secrets it was given, answers as `respond`
 * says, and lets a test wait for what it has received (no sleeping).
 *
 *   const rx = await startReceiver();
 *   rx.secrets.push(secret);
 *   await rx.waitFor((all) => all.some((r) => r.json.type === 'dispute.created'));
 */
export async function startReceiver(respond: Responder = () => ({ status: 204 })) {
  const receipts: Receipt[] = [];
  const secrets: string[] = [];
  const seen = new Map<string, number>();
  const held = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  const state = { respond };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const webhookId = String(req.headers['webhook-id']);
      const nth = (seen.get(webhookId) ?? 0) + 1;
      seen.set(webhookId, nth);
      const verifiedWith = secrets.filter((s) => {
        try {
          new Webhook(s).verify(body, req.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      const partial = { webhookId, nth, headers: req.headers, body, json: JSON.parse(body), verifiedWith };
      const answer = state.respond(partial);
      if ('hold' in answer) {
        held.add(res);
        receipts.push({ ...partial, answered: 0 });
      } else {
        res.writeHead(answer.status, answer.headers).end();
        receipts.push({ ...partial, answered: answer.status });
      }
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    receipts,
    secrets,
    /** Answers from now on with `r`. */
    setResponder(r: Responder) {
      state.respond = r;
    },
    /** Receipts answered with a 2xx (acknowledged), by webhook-id. */
    acknowledged() {
      const counts = new Map<string, number>();
      for (const r of receipts) if (r.answered >= 200 && r.answered < 300) counts.set(r.webhookId, (counts.get(r.webhookId) ?? 0) + 1);
      return counts;
    },
    /** Resolves once `pred` holds for what was received. */
    waitFor(pred: (all: readonly Receipt[]) => boolean): Promise<void> {
      return new Promise((ok) => {
        const check = () => {
          if (!pred(receipts)) return;
          waiters.delete(check);
          ok();
        };
        waiters.add(check);
        check();
      });
    },
    /** Drops held requests without an answer (the sender sees a reset). */
    dropHeld() {
      for (const res of held) res.socket?.destroy();
      held.clear();
    },
    async close() {
      this.dropHeld();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Polls `read` until `pred` holds for its value (state the service exposes only through reads).
 * Gives up after `giveUpMs` (60 s: every wait here settles in well under a second when the
 * service works) with the last value seen, so a state that can never come fails the test
 * instead of hanging the run.
 */
export async function until<T>(read: () => Promise<T>, pred: (v: T) => boolean, giveUpMs = 60_000): Promise<T> {
  const giveUpAt = Date.now() + giveUpMs;
  for (;;) {
    const v = await read();
    if (pred(v)) return v;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting after ${giveUpMs} ms; last seen: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
