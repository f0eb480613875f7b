import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own id is kept when it is short and plain; anything else is replaced. */
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/**
 * `X-Request-Id` on every response (the caller's, or a new UUID), also in `res.locals.requestId`
 * for log lines about the request.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('X-Request-Id');
  const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
}
