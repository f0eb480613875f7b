import type { Request, Response } from 'express';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * The express request as the Web `Request` that `@tus/server`'s `handleWeb` takes. We build it
 * ourselves (rather than `server.handle(req, res)`) so the object the tus hooks receive is one we
 * made: a WeakMap keyed by it carries the caller into the hooks without reading any library's
 * internals, and the answer comes back to us to shape (problem+json, CORS) before it is sent.
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
    ...(hasBody ? { body: Readable.toWeb(bodyKeepingWhatArrived(req)) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * The request body, ended (not errored) when the connection closes before the body is complete:
 * tus then keeps the bytes that arrived and HEAD tells the offset to resume from. An errored
 * stream would make tus drop what it had buffered: measured here, a PATCH cut after 20,000 bytes
 * left the offset where it was before the PATCH.
 */
function bodyKeepingWhatArrived(req: Request): PassThrough {
  const body = new PassThrough();
  req.pipe(body);
  req.once('close', () => {
    if (!req.complete) body.end();
  });
  return body;
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
