import { createHmac } from 'node:crypto';
import { assertFresh, badSignature, sameBytes, type InboundDelivery, type VerifiedDelivery } from '../inbound-delivery.ts';

const PREFIX = 'sha256=';

/**
 * Chatwoot: `X-Chatwoot-Signature: sha256=` + hex(HMAC-SHA256(secret, `${timestamp}.${raw body}`)),
 * `X-Chatwoot-Timestamp` = Unix seconds. The signature identifies the delivery.
 *
 *   verifyChatwoot(delivery, secret, Date.now()) // → { seenKey, sentAt } or throws INTEGRATION.*
 */
export function verifyChatwoot(d: InboundDelivery, secret: string, now: number): VerifiedDelivery {
  const signature = d.header('x-chatwoot-signature');
  const timestamp = d.header('x-chatwoot-timestamp');
  if (!signature?.startsWith(PREFIX) || !timestamp) throw badSignature('X-Chatwoot-Signature (sha256=…) and X-Chatwoot-Timestamp are required.');
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(d.rawBody).digest();
  if (!sameBytes(Buffer.from(signature.slice(PREFIX.length), 'hex'), expected)) throw badSignature('The Chatwoot signature does not match the body.');
  assertFresh(/^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN, now);
  return { seenKey: expected.toString('hex'), sentAt: Number(timestamp) * 1000 };
}
