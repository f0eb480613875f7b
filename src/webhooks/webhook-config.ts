import { RETRY_JITTER, STANDARD_RETRY_SCHEDULE_MS, type RetryPolicy } from './retry-schedule.ts';

const HOUR = 3_600_000;

export interface WebhookConfig {
  /** Deliver to loopback / private addresses (`WEBHOOK_ALLOW_PRIVATE=1`); off by default: see ssrf.ts. */
  allowPrivate: boolean;
  retry: RetryPolicy;
  /** Per request. */
  timeoutMs: number;
  /** Finished deliveries (with their attempts) and routed outbox rows are deleted this long after. */
  retentionMs: number;
  /** After a rotation the previous secret keeps signing this long, beside the new one. */
  rotationWindowMs: number;
  /** How often to route outbox rows nobody told us about (other processes' commits). */
  pollMs: number;
  /** How often to look for deadlines entering their notice window, and to prune. */
  sweepMs: number;
  /** Deliveries in flight per process. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  allowPrivate: false,
  retry: { scheduleMs: STANDARD_RETRY_SCHEDULE_MS, jitter: RETRY_JITTER },
  // Standard Webhooks: receivers answer within 15 s (they queue the work, then 2xx).
  timeoutMs: 15_000,
  // 30 days: the delivery log can be read and a message redelivered for a month, long after the
  // ~27.6 h retry schedule is spent (an integrator back from an outage or a weekend replays it).
  retentionMs: 30 * 24 * HOUR,
  // 24 h: a day for every receiver instance to pick the new secret up.
  rotationWindowMs: 24 * HOUR,
  pollMs: 1_000,
  // A minute: a notice set hours ahead (policy) goes out at most a minute late; one indexed scan each.
  sweepMs: 60_000,
  // 8: deliveries are I/O waits (up to 15 s each), not CPU; 8 keeps one slow receiver from holding others back.
  concurrency: 8,
};

/** The webhook settings the environment gives (`WEBHOOK_ALLOW_PRIVATE=1`). */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv): Partial<WebhookConfig> {
  return env.WEBHOOK_ALLOW_PRIVATE === '1' ? { allowPrivate: true } : {};
}
