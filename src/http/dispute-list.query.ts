/**
 * The query of `GET /api/disputes` (the agent queue) and the store filter it becomes. zod is
 * the single source: the route parses with it, the API document lists its parameters.
 */
import { z } from 'zod';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../machines/dispute.machine.ts';
import { DomainError } from '../domain/errors.ts';
import { printableText } from '../domain/text.ts';
import type { ListFilter, ListOrder } from '../store/store.port.ts';
import { PREVIEW_FAVOURS } from '../verdict/preview.schema.ts';
import { decodeCursor } from './list-cursor.ts';

const STATUS_SET: ReadonlySet<string> = new Set(DISPUTE_STATUSES);

export const ListQuerySchema = z
  .strictObject({
    status: z
      .string()
      .max(200)
      .transform((s, ctx) => {
        const statuses = s.split(',');
        const unknown = statuses.filter((v) => !STATUS_SET.has(v));
        // One issue at /status, naming what is wrong, whichever of the several it was.
        if (unknown.length) ctx.issues.push({ code: 'custom', input: s, message: `unknown status ${unknown.map((v) => JSON.stringify(v)).join(', ')}: one or more of ${DISPUTE_STATUSES.join(', ')}, separated by commas` });
        return statuses as DisputeStatus[];
      })
      .optional()
      .describe('One status, or several separated by commas (any of them): `status=negotiating,in_arbitration`.'),
    sellerId: printableText(100).optional(),
    dueBefore: z.iso
      .datetime({ offset: true })
      .transform((s) => Date.parse(s))
      .optional()
      .describe('Only disputes with a deadline at or before this instant (the due queue; "due soon" is now + 12 h). Always in urgency order.'),
    needsReview: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('`true`: only disputes with evidence waiting for a person\'s review; `false`: only those with none.'),
    favours: z.enum(PREVIEW_FAVOURS).optional().describe('Only disputes whose latest verdict preview favours this side.'),
    order: z
      .enum(['urgency', 'id'])
      .optional()
      .describe('`urgency`: most urgent first (next deadline ascending, disputes without one last, then id). `id`: by id. Default: `urgency` with `dueBefore`, `needsReview` or `favours` (the queue\'s filters, which take no other order), `id` otherwise (as this list always was).'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(400).optional(),
  })
  .check((ctx) => {
    // Their indexes are in urgency order (src/store/dispute-list-plan.ts): by id they would need a sort.
    if (ctx.value.order === 'id' && queueFilterOf(ctx.value)) {
      ctx.issues.push({ code: 'custom', input: ctx.value.order, path: ['order'], message: `${queueFilterOf(ctx.value)} lists in urgency order only` });
    }
  });
type ListQuery = z.output<typeof ListQuerySchema>;

/** The first filter only the queue (urgency order) offers, if the query has one. */
function queueFilterOf(q: Pick<ListQuery, 'dueBefore' | 'needsReview' | 'favours'>): string | undefined {
  return (['dueBefore', 'needsReview', 'favours'] as const).find((k) => q[k] !== undefined);
}

/** The order a list is read in: asked for, or urgency when a queue filter is given (see `order` above). */
const orderOf = (q: ListQuery): ListOrder => q.order ?? (queueFilterOf(q) ? 'urgency' : 'id');

/**
 * The store filter of a parsed query, for `sellerId` (the key's seller when it is scoped), with
 * the cursor read. REQUEST.INVALID for a cursor of a list in another order.
 */
export function listFilterOf(q: ListQuery, sellerId: string | undefined): Omit<ListFilter, 'limit'> & { order: ListOrder } {
  const order = orderOf(q);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  // An urgency page continues from (dueAt, id): a cursor of an id-ordered list cannot say where.
  if (after && order === 'urgency' && after.dueAt === undefined) {
    throw new DomainError('REQUEST.INVALID', 'The cursor is from a list in another order.', { in: 'query', errors: [{ pointer: '/cursor', detail: 'use nextCursor with the query that gave it' }] });
  }
  return { status: q.status, sellerId, dueBefore: q.dueBefore, needsReview: q.needsReview, favours: q.favours, order, after };
}
