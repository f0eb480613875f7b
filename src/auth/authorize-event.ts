import { DomainError } from '../domain/errors.ts';
import type { ClientEventBody } from '../workflow/dispute-workflow.ts';
import type { Caller } from './caller.ts';
import { maySend, partyOf } from './permissions.ts';

/**
 * ESCALATED's `by` is the caller's party: filled in before the body is validated, so a body may
 * leave it out (or repeat it). A local caller (AUTH=off) speaks for no party and must name one.
 */
export function withCallerParty(c: Caller, body: Record<string, unknown>): Record<string, unknown> {
  const party = partyOf(c);
  return body.type === 'ESCALATED' && body.by === undefined && party !== undefined ? { ...body, by: party } : body;
}

/** 403 AUTH.FORBIDDEN_EVENT (naming the role and the event) unless the caller's role speaks for the party that sends `event`. */
export function authorizeEvent(c: Caller, event: ClientEventBody): ClientEventBody {
  if (!maySend(c, event.type)) {
    throw new DomainError('AUTH.FORBIDDEN_EVENT', `The ${c.role} role may not send ${event.type}.`, { role: c.role, event: event.type });
  }
  const party = partyOf(c);
  if (event.type === 'ESCALATED' && party !== undefined && event.by !== party) {
    throw new DomainError('AUTH.FORBIDDEN_EVENT', `The ${c.role} role escalates for the ${party}, not the ${event.by}.`, { role: c.role, event: event.type });
  }
  return event;
}
