/** When a failed delivery is tried again: the Standard Webhooks schedule, jittered, and the receiver's Retry-After. */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delays after attempt 1, 2, … (the first attempt is immediate): Standard Webhooks' schedule,
 * 8 attempts over ~27.6 h; after the last the delivery fails.
 */
export const STANDARD_RETRY_SCHEDULE_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** ±10 % around each delay: receivers that failed together (an outage) are not retried in one burst. */
export const RETRY_JITTER = 0.1;

/**
 * A Retry-After asking for more than this is capped: the schedule's longest step (10 h), so one
 * answer cannot park a delivery for days.
 */
export const MAX_RETRY_AFTER_MS = 10 * HOUR;

export interface RetryPolicy {
  scheduleMs: readonly number[];
  /** Fraction of each delay drawn at random either way (0 = none, for tests). */
  jitter: number;
  /** [0, 1); Math.random by default. */
  random?: () => number;
}

/**
 * When to try again after `attemptsInRound` attempts (this one included) failed, or null when
 * the schedule is spent. `retryAfterMs` (the receiver's ask) is a floor.
 *
 *   nextAttemptAt(1, now, undefined, { scheduleMs: [5000], jitter: 0 })  // now + 5000
 */
export function nextAttemptAt(attemptsInRound: number, now: number, retryAfterMs: number | undefined, p: RetryPolicy): number | null {
  const base = p.scheduleMs[attemptsInRound - 1];
  if (base === undefined) return null;
  const spread = (2 * (p.random ?? Math.random)() - 1) * p.jitter;
  const delay = Math.max(0, Math.round(base * (1 + spread)));
  return now + Math.max(delay, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** A Retry-After header (delay-seconds or an HTTP-date) in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * SECOND;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
