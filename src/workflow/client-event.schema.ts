import { z } from 'zod';
import { amountPresenceIssue, MoneySchema, type AmountEvent } from '../domain/money.ts';
import { TrackingSchema } from '../domain/order.schema.ts';

const party = z.enum(['buyer', 'seller']);

/** `amountPresenceIssue` as a zod check at `/amount`. */
function amountPresence(ctx: z.core.ParsePayload<AmountEvent>): void {
  const issue = amountPresenceIssue(ctx.value);
  if (issue) ctx.issues.push({ code: 'custom', input: ctx.value.amount, path: ['amount'], message: issue });
}

/**
 * The events a client may send, one zod object per type. `DEADLINE_PASSED` and
 * `EVIDENCE_REPORTED` are internal and absent here on purpose: a client cannot send them.
 */
export const ClientEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('SELLER_RESPONDED'), message: z.string().max(5000).optional() }),
  // Amounts: present or not here; against the order by `assertAmount` (src/domain/money.ts) when the event is sent.
  z.strictObject({ type: z.literal('SOLUTION_PROPOSED'), solution: z.enum(['refund', 'resend', 'partial_refund']), amount: MoneySchema.optional() }).check(amountPresence),
  z.strictObject({ type: z.literal('SELLER_ACCEPTED_CLAIM') }),
  z.strictObject({ type: z.literal('BUYER_ACCEPTED') }),
  z.strictObject({ type: z.literal('BUYER_REJECTED'), comment: z.string().max(5000).optional() }),
  z.strictObject({ type: z.literal('ESCALATED'), by: party }),
  z.strictObject({ type: z.literal('BUYER_WITHDREW') }),
  z.strictObject({ type: z.literal('TRACKING_UPDATED'), tracking: TrackingSchema }),
  z
    .strictObject({
      type: z.literal('ARBITRATION_DECIDED'),
      favour: z.enum(['buyer', 'seller', 'split']),
      remedy: z.enum(['full_refund', 'partial_refund', 'resend', 'none']),
      amount: MoneySchema.optional(),
      note: z.string().max(5000).optional(),
    })
    .refine(
      (e) =>
        (e.favour === 'seller' && e.remedy === 'none') ||
        (e.favour === 'buyer' && (e.remedy === 'full_refund' || e.remedy === 'resend')) ||
        (e.favour === 'split' && e.remedy === 'partial_refund'),
      { message: 'favour and remedy disagree: seller→none, buyer→full_refund|resend, split→partial_refund', path: ['remedy'] },
    )
    .check(amountPresence),
]);

/** The optional `version` a client sends beside its event, for optimistic concurrency. */
export const ExpectedVersionSchema = z.object({ version: z.number().int().positive().optional() });
