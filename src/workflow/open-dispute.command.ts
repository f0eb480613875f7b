import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { OrderSchema } from '../domain/order.schema.ts';
import { DISPUTE_REASONS } from '../domain/reasons.ts';
import { printableText } from '../domain/text.ts';
import { categoryOf } from '../policy/categories.ts';
import type { Policy } from '../policy/policy.schema.ts';

/** `POST /api/disputes` body. `openedAt` lets disputes be imported with their real filing time. */
export const OpenDisputeSchema = z.strictObject({
  externalId: printableText(100).optional(),
  sellerId: printableText(100),
  reason: z.enum(DISPUTE_REASONS),
  openedAt: z.iso
    .datetime({ offset: true })
    .transform((s) => Date.parse(s))
    .optional(),
  claim: z.string().max(5000).optional(),
  order: OrderSchema,
});

export type OpenDisputeCommand = z.output<typeof OpenDisputeSchema>;

/**
 * How far `openedAt` may lie ahead of the service's clock: 5 minutes, for importers whose
 * clocks drift (NTP keeps hosts within a second; exports rounded to the minute need more).
 */
export const OPENED_AT_MAX_SKEW_MS = 5 * 60_000;

/**
 * The command as the dispute will hold it, checked against `now` and the policy in force:
 * `openedAt` neither in the future beyond the skew nor before the order shipped
 * (REQUEST.INVALID at `/openedAt`), the category under the policy's name for it.
 */
export function prepareOpen(c: OpenDisputeCommand, policy: Policy, now: number): OpenDisputeCommand {
  const invalid = (detail: string) =>
    new DomainError('REQUEST.INVALID', `The request body is invalid: /openedAt ${detail}.`, { in: 'body', errors: [{ pointer: '/openedAt', detail }] });
  const openedAt = c.openedAt ?? now;
  if (openedAt > now + OPENED_AT_MAX_SKEW_MS) throw invalid(`is in the future (the service's clock says ${new Date(now).toISOString()})`);
  const shippedAt = c.order.shipment.shippedAt;
  if (shippedAt !== undefined && openedAt < Date.parse(shippedAt)) throw invalid(`is before the order shipped (${shippedAt})`);
  return { ...c, order: { ...c.order, category: categoryOf(policy, c.order.category).name } };
}
