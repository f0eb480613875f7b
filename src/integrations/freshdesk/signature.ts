import { DomainError } from '../../domain/errors.ts';
import { assertFresh, sameSecret, type InboundDelivery, type VerifiedDelivery } from '../inbound-delivery.ts';
import { FreshdeskPayloadSchema } from './mapping.ts';

/**
 * Freshdesk signs nothing: the rule's URL carries our per-endpoint secret (`?token=`) or its
 * request carries it in `X-Freshdesk-Webhook-Token`; compared in constant time. The delivery
 * is dated by the ticket's `ticket_updated_at` and identified by ticket id + that time, so a
 * resent copy of one update is a replay and a new update is not.
 *
 *   verifyFreshdesk(delivery, token, () => JSON.parse(raw), Date.now()) // → { seenKey, sentAt } or throws INTEGRATION.*
 */
export function verifyFreshdesk(d: InboundDelivery, token: string, body: () => unknown, now: number): VerifiedDelivery {
  const given = d.header('x-freshdesk-webhook-token') ?? d.query('token');
  if (given === undefined || !sameSecret(given, token)) throw new DomainError('INTEGRATION.BAD_TOKEN', 'The Freshdesk webhook token is missing or wrong.');
  const w = FreshdeskPayloadSchema.safeParse(body());
  if (!w.success) throw new DomainError('INTEGRATION.STALE', 'freshdesk_webhook.ticket_id and ticket_updated_at are required to date the delivery.');
  const { ticket_id: ticketId, ticket_updated_at: updatedAt } = w.data.freshdesk_webhook;
  const sentAt = Date.parse(updatedAt);
  assertFresh(sentAt, now);
  return { seenKey: `${ticketId}@${sentAt}`, sentAt };
}
