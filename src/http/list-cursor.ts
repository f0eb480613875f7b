import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { ListCursor } from '../store/store.port.ts';

/** Where a dispute list's page ended: `dueAt` in urgency order (null among disputes without a deadline). */
const ListCursorSchema = z.strictObject({ id: z.string().min(1).max(100), dueAt: z.number().int().nullable().optional() });

/** A page's `nextCursor`: opaque to clients (base64url JSON of where the page ended). */
export function encodeCursor(c: object): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The cursor a client sent back, read with `schema` (the dispute list's by default); REQUEST.INVALID when it is not one of ours. */
export function decodeCursor(text: string): ListCursor;
export function decodeCursor<S extends z.ZodType>(text: string, schema: S): z.output<S>;
export function decodeCursor(text: string, schema: z.ZodType = ListCursorSchema): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const r = schema.safeParse(parsed);
  if (!r.success) throw new DomainError('REQUEST.INVALID', 'The cursor is not one this API gave out.', { in: 'query', errors: [{ pointer: '/cursor', detail: 'use nextCursor as given' }] });
  return r.data;
}

/**
 * `?limit=&cursor=` of a per-dispute list (events, previews, evidence). 500 at most: one
 * page of a long log was 7.2 MB and 36 MB of previews in one answer blocked /healthz for 2 s;
 * 500 events are ~0.5 MB. 100 by default.
 */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(400).optional(),
});

/**
 * One page from rows fetched with `limit + 1`: the first `limit` items and, when there were
 * more, the cursor of the last one (`keyOf` says what a page ends at).
 *
 *   const rows = await repo.entries(id, { after, limit: q.limit + 1 });
 *   return pageOf(rows, q.limit, (e) => ({ seq: e.seq }), view);
 */
export function pageOf<R, V>(rows: readonly R[], limit: number, keyOf: (r: R) => object, view: (r: R) => V): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
