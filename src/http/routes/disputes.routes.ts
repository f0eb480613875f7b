import { Router, type Response } from 'express';
import { listedRouter } from '../route-list.ts';
import { z } from 'zod';
import { INTERNAL_EVENT_TYPES } from '../../../machines/dispute.machine.ts';
import { actorOf } from '../../auth/caller.ts';
import { authorizeEvent, withCallerParty } from '../../auth/authorize-event.ts';
import { sees } from '../../auth/permissions.ts';
import { DomainError } from '../../domain/errors.ts';
import { verifyChain } from '../../store/audit-chain.ts';
import { cursorAfter } from '../../store/dispute-list-plan.ts';
import { ClientEventSchema, ExpectedVersionSchema } from '../../workflow/client-event.schema.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../workflow/open-dispute.command.ts';
import { callerOf } from '../caller.ts';
import { listFilterOf, ListQuerySchema } from '../dispute-list.query.ts';
import { disputeView, summaryView } from '../dispute.view.ts';
import { answerWith, idempotencyOf, sendAnswer } from '../idempotency.ts';
import { decodeCursor, pageOf, PageQuerySchema } from '../list-cursor.ts';
import { requireCapability } from '../scope.ts';
import { jsonBody, parse } from '../validate.ts';
import { disputeId, read } from './read.ts';

const SeqCursorSchema = z.strictObject({ seq: z.number().int().min(0) });

/** The event a client sent, less `version`, as the caller may send it; internal events are refused by name. */
function clientEvent(body: unknown, res: Response) {
  const caller = callerOf(res);
  const { version, ...sent } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const event = withCallerParty(caller, sent);
  if (typeof event.type === 'string' && INTERNAL_EVENT_TYPES.has(event.type)) {
    throw new DomainError('REQUEST.INVALID', `${event.type} is internal to the service; clients cannot send it.`, {
      errors: [{ pointer: '/type', detail: 'internal event' }],
    });
  }
  return {
    expectedVersion: parse(ExpectedVersionSchema, { version }).version,
    event: authorizeEvent(caller, parse(ClientEventSchema, typeof body === 'object' && body !== null ? event : body)),
  };
}

/** Dispute resources under /api/disputes. Handlers are thin: parse, execute one command, shape the view. */
export function disputesRouter(workflow: DisputeWorkflow): Router {
  const r = listedRouter();
  const reads = requireCapability('disputes.read');

  r.post('/', requireCapability('disputes.open'), async (req, res) => {
    const idempotency = idempotencyOf(req);
    const dispute = parse(OpenDisputeSchema, jsonBody(req));
    const caller = callerOf(res);
    if (!sees(caller, dispute.sellerId)) {
      throw new DomainError('AUTH.FORBIDDEN', `This key files disputes for seller ${caller.sellerId} only.`, { role: caller.role, sellerId: caller.sellerId });
    }
    const a = await workflow.execute({ type: 'open', dispute, actor: actorOf(caller) }, { idempotency, present: answerWith((o) => ({ status: 201, body: disputeView(o.dispute!) })) });
    if (a.status === 201) res.location(`/api/disputes/${(a.body as { id: string }).id}`);
    sendAnswer(res, a);
  });

  r.get('/', reads, read(async (req, res) => {
    const q = parse(ListQuerySchema, req.query, 'query');
    // A seller-scoped key lists its own seller's disputes, whatever the query asks for.
    const scoped = callerOf(res).sellerId;
    if (scoped !== null && q.sellerId !== undefined && q.sellerId !== scoped) return { items: [], nextCursor: null };
    const filter = listFilterOf(q, scoped ?? q.sellerId);
    const rows = await workflow.list({ ...filter, limit: q.limit + 1 });
    return pageOf(rows, q.limit, (r) => cursorAfter(r, filter.order === 'urgency'), summaryView);
  }));

  r.get('/:id', reads, read(async (req) => disputeView(await workflow.load(disputeId(req)))));

  r.post('/:id/events', async (req, res) => {
    const idempotency = idempotencyOf(req);
    const id = disputeId(req);
    const { event, expectedVersion } = clientEvent(jsonBody(req), res);
    const a = await workflow.execute(
      { type: 'send', disputeId: id, event, expectedVersion, actor: actorOf(callerOf(res)) },
      { idempotency, present: answerWith((o) => ({ status: 200, body: disputeView(o.dispute!) })) },
    );
    sendAnswer(res, a);
  });

  // The audit log, paged by seq; verify below still reads the whole chain.
  r.get('/:id/events', reads, read(async (req) => {
    const q = parse(PageQuerySchema, req.query, 'query');
    const after = q.cursor ? decodeCursor(q.cursor, SeqCursorSchema).seq : undefined;
    const rows = await workflow.log(disputeId(req), { after, limit: q.limit + 1 });
    return pageOf(rows, q.limit, (e) => ({ seq: e.seq }), (e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }));

  // Recomputes every hash of the audit log from its entries: tampering anywhere breaks it.
  r.get('/:id/events/verify', reads, read(async (req) => verifyChain(await workflow.log(disputeId(req)))));

  return r;
}
