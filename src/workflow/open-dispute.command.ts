import { z } from 'zod';
import { OrderSchema } from '../domain/order.schema.ts';
import { DISPUTE_REASONS } from '../domain/reasons.ts';

/** `POST /api/disputes` body. `openedAt` lets disputes be imported with their real filing time. */
export const OpenDisputeSchema = z.strictObject({
  externalId: z.string().min(1).max(100).optional(),
  sellerId: z.string().min(1).max(100),
  reason: z.enum(DISPUTE_REASONS),
  openedAt: z.iso
    .datetime({ offset: true })
    .transform((s) => Date.parse(s))
    .optional(),
  claim: z.string().max(5000).optional(),
  order: OrderSchema,
});

export type OpenDisputeCommand = z.output<typeof OpenDisputeSchema>;
