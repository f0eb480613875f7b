import { Router } from 'express';
import { z } from 'zod';
import { INTERNAL_EVENT_TYPES, DISPUTE_STATUSES } from '../../../machines/dispute.machine.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DisputeRepository } from '../../store/dispute.repository.port.ts';
import type { Clock } from '../../workflow/clock.ts';
import { ClientEventSchema, ExpectedVersionSchema } from '../../workflow/client-event.schema.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import type { GroupCommit } from '../../workflow/group-commit.ts';
import { OpenDisputeSchema } from '../../workflow/open-dispute.command.ts';
import { disputeView, summaryView } from '../dispute.view.ts';
import { answerOnce, sendAnswer } from '../idempotency.ts';
import { jsonBody, parse } from '../validate.ts';
import { disputeId, read } from './read.ts';

const ListQuerySchema = z.strictObject({
  status: z.enum(DISPUTE_STATUSES).optional(),
  sellerId: z.string().max(100).optional(),
  dueBefore: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
/** Dispute resources under /api/disputes. Handlers are thin: parse, call the workflow, shape the view. */
export function disputesRouter(workflow: DisputeWorkflow, store: DisputeRepository, clock: Clock, commits: GroupCommit): Router {
  const r = Router();

  r.post('/', async (req, res) => {
    sendAnswer(
      res,
      await commits.submit(() => answerOnce(store, req, () => {
        const cmd = parse(OpenDisputeSchema, jsonBody(req));
        const d = workflow.open(cmd);
        res.location(`/api/disputes/${d.row.id}`);
        return { status: 201, body: disputeView(d) };
      }, clock.now())),
    );
  });

  r.get('/', read((req) => {
    const q = parse(ListQuerySchema, req.query, 'query');
    const rows = workflow.list({ status: q.status, sellerId: q.sellerId, dueBefore: q.dueBefore, after: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return { items: page.map((d) => summaryView(d.row)), nextCursor: rows.length > q.limit ? (page.at(-1)?.row.id ?? null) : null };
  }));

  r.get('/:id', read((req) => disputeView(workflow.load(disputeId(req)))));

  r.post('/:id/events', async (req, res) => {
    sendAnswer(
      res,
      await commits.submit(() => answerOnce(store, req, () => {
        const id = disputeId(req);
        const body = jsonBody(req);
        const { version, ...event } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
        if (typeof event.type === 'string' && INTERNAL_EVENT_TYPES.has(event.type)) {
          throw new DomainError('REQUEST.INVALID', `${event.type} is internal to the service; clients cannot send it.`, {
            errors: [{ pointer: '/type', detail: 'internal event' }],
          });
        }
        const expectedVersion = parse(ExpectedVersionSchema, { version }).version;
        const parsed = parse(ClientEventSchema, typeof body === 'object' && body !== null ? event : body);
        return { status: 200, body: disputeView(workflow.send(id, parsed, { expectedVersion })) };
      }, clock.now())),
    );
  });

  r.get('/:id/events', read((req) => ({
    items: workflow.log(disputeId(req)).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  })));

  return r;
}
