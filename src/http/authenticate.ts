import type { NextFunction, Request, Response } from 'express';
import { callerForToken } from '../auth/api-keys.ts';
import { LOCAL_CALLER } from '../auth/caller.ts';
import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';

export type AuthMode = 'on' | 'off';

/**
 * Puts the caller on `res.locals.caller`: the key of `Authorization: Bearer dek_…`, or, with
 * AUTH=off (loopback only, see service.ts), the local caller. 401 AUTH.MISSING / AUTH.INVALID
 * otherwise (an expired short-lived key is AUTH.INVALID too). Cookies are never read: a browser cannot lend a page its user's credentials.
 */
export function authenticate(store: Store, mode: AuthMode, clock: Clock) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (mode === 'off') {
      res.locals.caller = LOCAL_CALLER;
      return next();
    }
    const header = req.get('Authorization');
    if (!header) {
      res.set('WWW-Authenticate', 'Bearer realm="dispute-api"');
      throw new DomainError('AUTH.MISSING', 'Send an API key as `Authorization: Bearer dek_…`.');
    }
    const token = /^Bearer +(\S+)\s*$/i.exec(header)?.[1];
    const caller = token ? await callerForToken(store, token, clock.now()) : undefined;
    if (!caller) {
      res.set('WWW-Authenticate', 'Bearer realm="dispute-api", error="invalid_token"');
      throw new DomainError('AUTH.INVALID', 'The API key is unknown, malformed, revoked or expired.');
    }
    res.locals.caller = caller;
    next();
  };
}
