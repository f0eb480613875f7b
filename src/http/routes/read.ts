import type { Request, Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

export const DisputeIdSchema = z.string().regex(/^dsp_[0-9a-f]{32}$/, 'a dispute id such as dsp_…');

export function disputeId(req: Request): string {
  const id = DisputeIdSchema.safeParse(req.params.id);
  if (!id.success) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${String(req.params.id)}.`);
  return id.data;
}

/** A read handler answering JSON; a thrown DomainError reaches the app's problem+json handler (express 5 forwards rejections). */
export function read(handler: (req: Request, res: Response) => Promise<unknown>) {
  return async (req: Request, res: Response) => void res.json(await handler(req, res));
}
