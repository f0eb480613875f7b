import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { ListCursor } from '../store/store.port.ts';

const CursorSchema = z.strictObject({ id: z.string().min(1).max(100), dueAt: z.number().int().optional() });

/** A page's `nextCursor`: opaque to clients (base64url JSON of where the page ended). */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The cursor a client sent back; REQUEST.INVALID when it is not one of ours. */
export function decodeCursor(text: string): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const r = CursorSchema.safeParse(parsed);
  if (!r.success) throw new DomainError('REQUEST.INVALID', 'The cursor is not one this API gave out.', { in: 'query', errors: [{ pointer: '/cursor', detail: 'use nextCursor as given' }] });
  return r.data;
}
