import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { Answer, Idempotency, Outcome } from '../workflow/dispute-workflow.ts';
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

/**
 * The request's `Idempotency-Key`, scoped to its route, with a hash of what was asked
 * (`requestHash`, default: the JSON body). Undefined without a key; REQUEST.INVALID when
 * malformed. The workflow stores the first answer in the command's own unit of work and
 * replays it; the same key with another request is IDEMPOTENCY.KEY_REUSED (422).
 */
export function idempotencyOf(req: Request, requestHash?: string): Idempotency | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new DomainError('REQUEST.INVALID', 'Idempotency-Key must be 1 to 255 characters.', { errors: [{ pointer: '/headers/idempotency-key', detail: 'length 1..255' }] });
  }
  return {
    scope: `${req.method} ${req.baseUrl}${req.path}`,
    key,
    requestHash: requestHash ?? createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex'),
  };
}
