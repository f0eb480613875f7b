import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * The express request as the Web `Request` that `@tus/server`'s `handleWeb` takes. We build it
 * ourselves (rather than `server.handle(req, res)`) so the object the tus hooks receive is one we
 * made: a WeakMap keyed by it carries the caller into the hooks without reading any library's
 * internals, and the answer comes back to us to shape (problem+json, CORS) before it is sent.
 * A connection cut mid-body errors the body stream, which ends tus's write at the bytes it has.
 */
export function webRequestOf(req: Request): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Headers tus sets that the app owns: CORS is answered by the origin guard for the configured origins only. */
const APP_OWNED = /^access-control-/i;

/** Sends a Web `Response` from tus through express. */
export async function sendWebResponse(res: Response, answer: globalThis.Response): Promise<void> {
  res.status(answer.status);
  answer.headers.forEach((value, name) => {
    if (!APP_OWNED.test(name)) res.setHeader(name, value);
  });
  if (!answer.body) return void res.end();
  await pipeline(Readable.fromWeb(answer.body as NodeWebStream<Uint8Array>), res);
}
