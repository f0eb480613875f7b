import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { DisputeRepository } from '../store/dispute.repository.port.ts';
import { problemOf } from './problem.ts';

export interface Answer {
  status: number;
  body: unknown;
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
  const key = req.get('Idempotency-Key');
  if (key === undefined) return attempt();
  if (key.length < 1 || key.length > 255) {
    const e = new DomainError('REQUEST.INVALID', 'Idempotency-Key must be 1 to 255 characters.', { errors: [{ pointer: '/headers/idempotency-key', detail: 'length 1..255' }] });
    return { status: 400, body: problemOf(e) };
  }
  const scope = `${req.method} ${req.baseUrl}${req.path}`;
  const requestHash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
  return store.transaction(() => {
    const prior = store.answerFor(scope, key);
    if (prior) {
      if (prior.requestHash === requestHash) return { status: prior.status, body: prior.body };
      const e = new DomainError('IDEMPOTENCY.KEY_REUSED', `Idempotency-Key ${key} was used with another request body.`);
      return { status: 422, body: problemOf(e) };
    }
    const answer = attempt();
    if (answer.status < 500) store.saveAnswer(scope, key, { requestHash, ...answer }, now);
    return answer;
  });
}
