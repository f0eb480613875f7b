import type { NextFunction, Request, Response } from 'express';
import { can, sees, type Capability } from '../auth/permissions.ts';
import { DomainError } from '../domain/errors.ts';
import { callerOf } from './caller.ts';

/** 403 AUTH.FORBIDDEN unless the caller's role has `what`. */
export function requireCapability(what: Capability) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const c = callerOf(res);
    if (!can(c, what)) throw new DomainError('AUTH.FORBIDDEN', `The ${c.role} role may not do this (${what}).`, { role: c.role, needs: what });
    next();
  };
}

/**
 * Guards everything under `/:id` of a resource owned by a seller: `ownerOf(id)` names the owner
 * (undefined: no such thing; the route answers its own 404). A key scoped to another seller gets
 * the same 404 as for a missing id, so it cannot even learn that the id exists.
 */
export function sellerScope(ownerOf: (id: string) => Promise<string | undefined>, notFound: (id: string) => DomainError) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const c = callerOf(res);
    const id = String(req.params.id);
    if (c.sellerId !== null) {
      const owner = await ownerOf(id);
      if (owner !== undefined && !sees(c, owner)) throw notFound(id);
    }
    next();
  };
}
