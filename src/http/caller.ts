import type { Response } from 'express';
import { LOCAL_CALLER, type Caller } from '../auth/caller.ts';

/**
 * The caller the auth middleware put on this response's locals (`src/http/authenticate.ts`).
 * An app built without the middleware (AUTH=off) answers as the local caller.
 */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? LOCAL_CALLER;
}
