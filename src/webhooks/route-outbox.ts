import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Tx } from '../store/store.port.ts';
import { WEBHOOK_DELIVER_JOB, type WebhookEndpointRow } from '../store/webhook.repository.port.ts';
import { WEBHOOK_EVENT_TYPES } from './event-types.ts';
import { publicEvents, type WebhookPayload } from './payloads.ts';

/** Outbox rows routed per unit of work: short transactions, and a backlog drains in steps. */
export const ROUTE_BATCH = 100;

const subscribed = (e: WebhookEndpointRow, type: string) => e.disabledAt === null && (e.events.length === 0 || e.events.includes(type));

/**
 * Routes up to `ROUTE_BATCH` outbox rows, in one unit of work: one delivery and one
 * `webhook.deliver` job per (event × subscribed endpoint), then marks the rows routed. A crash
 * before COMMIT leaves the rows unrouted; routing again mints the same `webhook-id`s
 * (`msg_<outbox id>_<type index>`), and a delivery exists once per (message, endpoint).
 *
 * Why a job per delivery rather than one per outbox row: each endpoint then has its own lease,
 * retry schedule and log, so one slow or failing receiver never delays another's messages.
 */
export async function routeOutbox(tx: Tx, now: number, log: Logger): Promise<{ messages: number; deliveries: number }> {
  const messages = await tx.outbox.unrouted(ROUTE_BATCH);
  if (!messages.length) return { messages: 0, deliveries: 0 };
  const endpoints = await tx.webhooks.endpoints();
  let deliveries = 0;
  for (const m of messages) {
    let events: WebhookPayload[] = [];
    try {
      events = publicEvents(m);
    } catch (err) {
      // A row no schema reads would block every row behind it; it is logged and passed over.
      log.warn({ err, outboxId: m.id, type: m.type }, 'outbox row not understood; no webhook sent for it');
    }
    for (const event of events) {
      const messageId = `msg_${m.id}_${WEBHOOK_EVENT_TYPES.indexOf(event.type)}`;
      const body = JSON.stringify(event);
      for (const e of endpoints.filter((x) => subscribed(x, event.type))) {
        const id = `dlv_${randomBytes(12).toString('base64url')}`;
        const row = { id, messageId, endpointId: e.id, type: event.type, body, status: 'pending' as const, attempts: 0, roundAttempts: 0 };
        if (!(await tx.webhooks.addDelivery({ ...row, nextAttemptAt: now, lastStatus: null, lastError: null, createdAt: now, updatedAt: now }))) continue;
        await tx.jobs.add({ kind: WEBHOOK_DELIVER_JOB, payload: { deliveryId: id }, runAt: now }, now);
        deliveries++;
      }
    }
  }
  await tx.outbox.markRouted(
    messages.map((m) => m.id),
    now,
  );
  return { messages: messages.length, deliveries };
}
