import type { Request } from 'express';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { invalidRequest } from './problem.ts';

/** Parses `data` with `schema` or throws REQUEST.INVALID with a JSON pointer per problem. */
export function parse<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw invalidRequest(r.error, where);
  return r.data;
}

/** The JSON body of a request that must have one. */
export function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  return req.body;
}
