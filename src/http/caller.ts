import type { Response } from 'express';
import type { Caller } from '../auth/caller.ts';

/**
 * The caller the auth middleware put on this response's locals. Until a route is behind the
 * middleware it is the local anonymous caller (`keyId: 'anonymous'`, admin, all sellers).
 */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? { keyId: 'anonymous', role: 'admin', sellerId: null };
}
