import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { Answer, Idempotency, Outcome } from '../workflow/dispute-workflow.ts';
import { callerOf } from './caller.ts';
import { problemOf, sendProblem, type Problem } from './problem.ts';

/** Sends a (possibly replayed) answer: problems as problem+json, the rest as JSON. */
export function sendAnswer(res: Response, a: Answer): void {
  if (a.status >= 400) sendProblem(res, a.body as Problem);
  else res.status(a.status).json(a.body);
}

/** The answer for an outcome: `ok` shapes a success, an expected failure becomes its problem+json. */
export function answerWith(ok: (o: Extract<Outcome, { ok: true }>) => Answer): (o: Outcome) => Answer {
  return (o) => {
    if (o.ok) return ok(o);
    const p = problemOf(o.error);
    return { status: p.status, body: p };
  };
}

/** 1 to 255 visible ASCII characters, spaces only inside (what UUIDs, ULIDs and hashes are made of). */
const KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

/**
 * What an idempotency key is scoped to: the caller's key id, the method, the route's
 * PATTERN and its (decoded) params, never the raw path. Express matches paths without
 * regard to case or a trailing slash, so `/api/disputes/`, `/API/DISPUTES` and `/api/disputes`
 * reach one handler and must share one scope (else one key made two disputes). Mount paths
 * in app.ts are literals, so the lower-cased base URL is the mount pattern.
 */
export function idempotencyScope(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  const params = Object.entries(req.params ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([callerOf(req.res!).keyId, req.method, `${req.baseUrl.toLowerCase()}${typeof route === 'string' ? route : req.path}`, params]);
}

/**
 * The request's `Idempotency-Key`, scoped by `idempotencyScope`, with a hash of what was asked
 * (`requestHash`, default: the JSON body). Undefined without a key; REQUEST.INVALID when
 * malformed. The workflow stores the first answer in the command's own unit of work and
 * replays it; the same key with another request is IDEMPOTENCY.KEY_REUSED (422).
 */
export function idempotencyOf(req: Request, requestHash?: string): Idempotency | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new DomainError('REQUEST.INVALID', 'Idempotency-Key must be 1 to 255 visible ASCII characters (spaces only inside).', {
      in: 'headers',
      errors: [{ pointer: '/headers/idempotency-key', detail: '1..255 of %x20-7E, not starting or ending with a space' }],
    });
  }
  return {
    scope: idempotencyScope(req),
    key,
    requestHash: requestHash ?? createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex'),
  };
}
