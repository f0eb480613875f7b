import { timeLimit } from '../domain/time-limit.ts';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './ssrf.ts';

export interface SendOptions {
  /** Standard Webhooks' 15 s: a receiver should answer at once and work later. */
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborts the request (the job's claim was lost). */
  signal?: AbortSignal;
}

export interface SendResult {
  /** The receiver's status, or null when no answer came (refused, timed out, reset). */
  statusCode: number | null;
  retryAfter?: string;
  error?: string;
  latencyMs: number;
}

/** What of a receiver's answer body is read (and dropped): enough to keep the connection reusable. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one signed message. Never throws: a network failure is a result like a 500. Redirects
 * are not followed (a 3xx counts as a failure, as in Standard Webhooks' reference senders).
 *
 *   const r = await sendWebhook(url, headers, body, { timeoutMs: 15_000, allowPrivate: false });
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, opts: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const limit = timeLimit(opts.timeoutMs, opts.signal);
  const signal = limit.signal;
  return new Promise<SendResult>((resolve) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'dispute-webhooks/1' },
        lookup: guardedLookup(opts.allowPrivate),
        signal,
      },
      (res: IncomingMessage) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => resolve({ statusCode: res.statusCode ?? null, retryAfter: header(res, 'retry-after'), latencyMs: latency() });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const timedOut = signal.aborted && signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
      resolve({ statusCode: null, error: timedOut ? `timed out after ${opts.timeoutMs} ms` : `${err.code ?? 'ERROR'}: ${err.message}`, latencyMs: latency() });
    });
    req.end(body);
  }).finally(limit.release);
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
