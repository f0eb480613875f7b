/**
 * One inbound helpdesk webhook as its signature check sees it, and what the check concludes.
 *
 * Tolerance: 5 minutes. Zendesk and Chatwoot sign the moment they send; a delivery older
 * than that is either a capture being replayed or stuck far longer than any retry we want
 * to act on, and hosts on NTP agree within a second. 5 min is also the Standard Webhooks and
 * Stripe default, so a receiver's clock skew that passes there passes here. Seen keys are
 * remembered exactly as long: an older copy is refused as stale without them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';

export const INBOUND_TOLERANCE_MS = 5 * 60_000;

export interface InboundDelivery {
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** A URL query parameter. */
  query(name: string): string | undefined;
  rawBody: Buffer;
}

/** A delivery whose sender is proven: the key that identifies it for replay refusal, and when it was sent. */
export interface VerifiedDelivery {
  seenKey: string;
  sentAt: number;
}

/** Equal byte strings, in time independent of where they differ (a different length is no secret). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Equal secrets, in time independent of both their contents and their lengths (compared as SHA-256). */
export function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

/** INTEGRATION.STALE unless `sentAt` is within the tolerance of `now` (either side: clocks drift both ways). */
export function assertFresh(sentAt: number, now: number): void {
  if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > INBOUND_TOLERANCE_MS) {
    throw new DomainError('INTEGRATION.STALE', `The delivery's timestamp is missing or more than ${INBOUND_TOLERANCE_MS / 60_000} minutes from our clock; send a fresh one.`);
  }
}

export const badSignature = (detail: string) => new DomainError('INTEGRATION.BAD_SIGNATURE', detail);
