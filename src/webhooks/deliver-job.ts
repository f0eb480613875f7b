import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { ClaimedJob, Store } from '../store/store.port.ts';
import type { AttemptOutcome, WebhookEndpointRow } from '../store/webhook.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import { nextAttemptAt, parseRetryAfter } from './retry-schedule.ts';
import { sendWebhook, type SendResult } from './send-webhook.ts';
import { webhookHeaders } from './signer.ts';
import type { WebhookConfig } from './webhook-config.ts';

const PayloadSchema = z.object({ deliveryId: z.string() });

/** The receiver is gone for good (Standard Webhooks): its endpoint is disabled. */
const GONE = 410;

export interface DeliverDeps {
  store: Store;
  clock: Clock;
  config: WebhookConfig;
}

/** The secrets that sign now: the current one, and the previous one during its rotation window. */
export function signingSecrets(e: WebhookEndpointRow, now: number): string[] {
  return e.previousSecret && (e.previousSecretUntil ?? 0) > now ? [e.secret, e.previousSecret] : [e.secret];
}

function outcomeOf(r: SendResult, roundAttempts: number, at: number, config: WebhookConfig): AttemptOutcome {
  const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
  if (ok) return { status: 'delivered', nextAttemptAt: null, statusCode: r.statusCode, error: null };
  const error = r.error ?? `HTTP ${r.statusCode}`;
  if (r.statusCode === GONE) return { status: 'failed', nextAttemptAt: null, statusCode: r.statusCode, error: `${error}: endpoint disabled` };
  const next = nextAttemptAt(roundAttempts, at, parseRetryAfter(r.retryAfter, at), config.retry);
  return { status: next === null ? 'failed' : 'pending', nextAttemptAt: next, statusCode: r.statusCode, error };
}

/**
 * One attempt of one delivery (a claimed `webhook.deliver` job): sign, POST, then in one unit of
 * work record the attempt and either finish the job or give it back for the next attempt on
 * the schedule. The claim's `attempt` fences a stale holder off: its result is not recorded
 * (the receiver dedupes by `webhook-id`, the same on every attempt).
 */
export async function deliverOnce(deps: DeliverDeps, job: ClaimedJob, signal: AbortSignal): Promise<void> {
  const { store, clock, config } = deps;
  const { deliveryId } = PayloadSchema.parse(job.payload);
  const { delivery, endpoint } = await store.read(async (r) => {
    const delivery = await r.webhooks.delivery(deliveryId);
    return { delivery, endpoint: delivery && (await r.webhooks.endpoint(delivery.endpointId)) };
  });
  if (!delivery || delivery.status !== 'pending' || !endpoint || endpoint.disabledAt !== null) {
    // Deleted, finished elsewhere, or its endpoint disabled: nothing to send.
    const now = clock.now();
    return store.transaction(async (tx) => {
      if (!(await tx.jobs.complete(job.id, job.attempt, now))) return;
      if (delivery?.status === 'pending') await tx.webhooks.abandon(delivery.id, now, 'endpoint disabled');
    });
  }
  const sentAt = clock.now();
  const message = { id: delivery.messageId, timestamp: Math.floor(sentAt / 1000), body: delivery.body };
  const result = await sendWebhook(endpoint.url, webhookHeaders(message, signingSecrets(endpoint, sentAt)), delivery.body, {
    timeoutMs: config.timeoutMs,
    allowPrivate: config.allowPrivate,
    signal,
  });
  const at = clock.now();
  const outcome = outcomeOf(result, delivery.roundAttempts + 1, at, config);
  await store.transaction(async (tx) => {
    const held =
      outcome.nextAttemptAt === null
        ? await tx.jobs.complete(job.id, job.attempt, at)
        : await tx.jobs.release(job.id, job.attempt, outcome.nextAttemptAt, outcome.error ?? 'failed');
    if (!held) throw new DomainError('JOB.LEASE_LOST', `delivery ${delivery.id}: job ${job.id} was claimed by another holder`);
    if (!(await tx.webhooks.delivery(delivery.id))) return; // its endpoint was deleted meanwhile
    await tx.webhooks.recordAttempt({ deliveryId: delivery.id, n: delivery.attempts + 1, at: sentAt, statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error ?? null }, outcome);
    if (result.statusCode === GONE) await tx.webhooks.disableEndpoint(endpoint.id, at, `HTTP 410 from ${endpoint.url}`);
  });
}
