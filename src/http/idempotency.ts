import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { DisputeRepository } from '../store/dispute.repository.port.ts';
import { problemOf, sendProblem, type Problem } from './problem.ts';

export interface Answer {
  status: number;
  body: unknown;
}

/** Sends a (possibly replayed) answer: problems as problem+json, the rest as JSON. */
export function sendAnswer(res: Response, a: Answer): void {
  if (a.status >= 400) sendProblem(res, a.body as Problem);
  else res.status(a.status).json(a.body);
}

/**
 * Runs a command at most once per `Idempotency-Key`: the first answer (success or expected
 * failure) is stored in the same transaction as the command's writes, and a retry with the
 * same body gets it back; the same key with another body is 422. Without a key, runs as is.
 */
export function answerOnce(store: DisputeRepository, req: Request, run: () => Answer, now: number): Answer {
  const attempt = (): Answer => {
    try {
      return run();
    } catch (e) {
      if (e instanceof DomainError) return { status: problemOf(e).status, body: problemOf(e) };
      throw e;
    }
  };
  const key = idempotencyKey(req);
  if (key === undefined) return attempt();
  const requestHash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
  return store.transaction(() => {
    const prior = priorAnswer(store, key, requestHash);
    if (prior) return prior;
    const answer = attempt();
    if (answer.status < 500) store.saveAnswer(key.scope, key.key, { requestHash, ...answer }, now);
    return answer;
  });
}

export interface IdempotencyKey {
  scope: string;
  key: string;
}

/** The request's `Idempotency-Key` and the route it scopes to; undefined without one; REQUEST.INVALID when malformed. */
export function idempotencyKey(req: Request): IdempotencyKey | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new DomainError('REQUEST.INVALID', 'Idempotency-Key must be 1 to 255 characters.', { errors: [{ pointer: '/headers/idempotency-key', detail: 'length 1..255' }] });
  }
  return { scope: `${req.method} ${req.baseUrl}${req.path}`, key };
}

/** The stored first answer for this key: replayed when the request is the same, 422 when it is not. */
export function priorAnswer(store: DisputeRepository, k: IdempotencyKey, requestHash: string): Answer | undefined {
  const prior = store.answerFor(k.scope, k.key);
  if (!prior) return undefined;
  if (prior.requestHash === requestHash) return { status: prior.status, body: prior.body };
  const e = new DomainError('IDEMPOTENCY.KEY_REUSED', `Idempotency-Key ${k.key} was used with another request body.`);
  return { status: 422, body: problemOf(e) };
}
