import { createHmac } from 'node:crypto';
import { assertFresh, badSignature, sameBytes, type InboundDelivery, type VerifiedDelivery } from '../inbound-delivery.ts';

/**
 * Zendesk: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + raw body)),
 * `X-Zendesk-Webhook-Signature-Timestamp` = ISO 8601. The signature identifies the delivery.
 *
 *   verifyZendesk(delivery, secret, Date.now()) // → { seenKey, sentAt } or throws INTEGRATION.*
 */
export function verifyZendesk(d: InboundDelivery, secret: string, now: number): VerifiedDelivery {
  const signature = d.header('x-zendesk-webhook-signature');
  const timestamp = d.header('x-zendesk-webhook-signature-timestamp');
  if (!signature || !timestamp) throw badSignature('X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp are required.');
  const expected = createHmac('sha256', secret).update(timestamp).update(d.rawBody).digest();
  if (!sameBytes(Buffer.from(signature, 'base64'), expected)) throw badSignature('The Zendesk signature does not match the body.');
  const sentAt = Date.parse(timestamp);
  assertFresh(sentAt, now);
  return { seenKey: expected.toString('base64'), sentAt };
}
