import { Router } from 'express';
import { z } from 'zod';
import { INTERNAL_EVENT_TYPES, DISPUTE_STATUSES } from '../../../machines/dispute.machine.ts';
import { DomainError } from '../../domain/errors.ts';
import { printableText } from '../../domain/text.ts';
import { verifyChain } from '../../store/audit-chain.ts';
import { ClientEventSchema, ExpectedVersionSchema } from '../../workflow/client-event.schema.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../workflow/open-dispute.command.ts';
import { disputeView, summaryView } from '../dispute.view.ts';
import { answerWith, idempotencyOf, sendAnswer } from '../idempotency.ts';
import { decodeCursor, encodeCursor, pageOf, PageQuerySchema } from '../list-cursor.ts';
import { jsonBody, parse } from '../validate.ts';
import { disputeId, read } from './read.ts';

const ListQuerySchema = z.strictObject({
  status: z.enum(DISPUTE_STATUSES).optional(),
  sellerId: printableText(100).optional(),
  dueBefore: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

const SeqCursorSchema = z.strictObject({ seq: z.number().int().min(0) });

/** The event a client sent, less `version`; internal events are refused by name. */
function clientEvent(body: unknown) {
  const { version, ...event } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof event.type === 'string' && INTERNAL_EVENT_TYPES.has(event.type)) {
    throw new DomainError('REQUEST.INVALID', `${event.type} is internal to the service; clients cannot send it.`, {
      errors: [{ pointer: '/type', detail: 'internal event' }],
    });
  }
  return {
    expectedVersion: parse(ExpectedVersionSchema, { version }).version,
    event: parse(ClientEventSchema, typeof body === 'object' && body !== null ? event : body),
  };
}

/** Dispute resources under /api/disputes. Handlers are thin: parse, execute one command, shape the view. */
export function disputesRouter(workflow: DisputeWorkflow): Router {
  const r = Router();

  r.post('/', async (req, res) => {
    const idempotency = idempotencyOf(req);
    const dispute = parse(OpenDisputeSchema, jsonBody(req));
    const a = await workflow.execute({ type: 'open', dispute }, { idempotency, present: answerWith((o) => ({ status: 201, body: disputeView(o.dispute!) })) });
    if (a.status === 201) res.location(`/api/disputes/${(a.body as { id: string }).id}`);
    sendAnswer(res, a);
  });

  r.get('/', read(async (req) => {
    const q = parse(ListQuerySchema, req.query, 'query');
    const rows = await workflow.list({ status: q.status, sellerId: q.sellerId, dueBefore: q.dueBefore, after: q.cursor ? decodeCursor(q.cursor) : undefined, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const more = rows.length > q.limit && last;
    // With dueBefore the list is the due queue, most urgent first; the cursor carries both keys.
    const nextCursor = more ? encodeCursor({ id: last.id, ...(q.dueBefore !== undefined ? { dueAt: last.nextDueAt ?? undefined } : {}) }) : null;
    return { items: page.map(summaryView), nextCursor };
  }));

  r.get('/:id', read(async (req) => disputeView(await workflow.load(disputeId(req)))));

  r.post('/:id/events', async (req, res) => {
    const idempotency = idempotencyOf(req);
    const id = disputeId(req);
    const { event, expectedVersion } = clientEvent(jsonBody(req));
    const a = await workflow.execute(
      { type: 'send', disputeId: id, event, expectedVersion },
      { idempotency, present: answerWith((o) => ({ status: 200, body: disputeView(o.dispute!) })) },
    );
    sendAnswer(res, a);
  });

  // The audit log, paged by seq; verify below still reads the whole chain.
  r.get('/:id/events', read(async (req) => {
    const q = parse(PageQuerySchema, req.query, 'query');
    const after = q.cursor ? decodeCursor(q.cursor, SeqCursorSchema).seq : undefined;
    const rows = await workflow.log(disputeId(req), { after, limit: q.limit + 1 });
    return pageOf(rows, q.limit, (e) => ({ seq: e.seq }), (e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }));

  // Recomputes every hash of the audit log from its entries: tampering anywhere breaks it.
  r.get('/:id/events/verify', read(async (req) => verifyChain(await workflow.log(disputeId(req)))));

  return r;
}
