import { createHmac } from 'node:crypto';
import { secretKey } from './secret.ts';

export interface SignedMessage {
  /** `webhook-id`: the same on every retry of the message. */
  id: string;
  /** Seconds since the epoch, of this attempt. */
  timestamp: number;
  body: string;
}

/**
 * The `webhook-signature` value: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, one per
 * secret, space-separated (during a rotation window both the new and the previous secret sign).
 *
 *   sign({ id: 'msg_1_0', timestamp: 1700000000, body: '{}' }, ['whsec_…'])  // 'v1,K5oZ…'
 */
export function sign(m: SignedMessage, secrets: readonly string[]): string {
  return secrets
    .map((s) => 'v1,' + createHmac('sha256', secretKey(s)).update(`${m.id}.${m.timestamp}.${m.body}`).digest('base64'))
    .join(' ');
}

/** The three Standard Webhooks headers and the content type of one attempt. */
export function webhookHeaders(m: SignedMessage, secrets: readonly string[]): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': m.id,
    'webhook-timestamp': String(m.timestamp),
    'webhook-signature': sign(m, secrets),
  };
}
