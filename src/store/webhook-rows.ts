/**
 * Webhook rows as both databases return them (snake_case columns; PostgreSQL's int8 already
 * numbers, see postgres/pg-queryable.ts) mapped to port objects.
 */
import type { DeliveryStatus, UpcomingDeadline, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from './webhook.repository.port.ts';

type Raw = Record<string, unknown>;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toEndpointRow = (r: Raw): WebhookEndpointRow => ({
  id: r.id as string,
  url: r.url as string,
  description: strOrNull(r.description),
  events: JSON.parse(r.events as string) as string[],
  secret: r.secret as string,
  previousSecret: strOrNull(r.previous_secret),
  previousSecretUntil: numOrNull(r.previous_secret_until),
  disabledAt: numOrNull(r.disabled_at),
  disabledReason: strOrNull(r.disabled_reason),
  createdAt: Number(r.created_at),
});

export const toDeliveryRow = (r: Raw): WebhookDeliveryRow => ({
  id: r.id as string,
  messageId: r.message_id as string,
  endpointId: r.endpoint_id as string,
  type: r.type as string,
  body: r.body as string,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  roundAttempts: Number(r.round_attempts),
  nextAttemptAt: numOrNull(r.next_attempt_at),
  lastStatus: numOrNull(r.last_status),
  lastError: strOrNull(r.last_error),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export const toAttemptRow = (r: Raw): WebhookAttemptRow => ({
  deliveryId: r.delivery_id as string,
  n: Number(r.n),
  at: Number(r.at),
  statusCode: numOrNull(r.status_code),
  latencyMs: Number(r.latency_ms),
  error: strOrNull(r.error),
});

export const toUpcomingDeadline = (r: Raw): UpcomingDeadline => ({
  disputeId: r.dispute_id as string,
  externalId: strOrNull(r.external_id),
  sellerId: r.seller_id as string,
  policyVersion: r.policy_version as string,
  version: Number(r.version),
  deadline: r.deadline as string,
  dueAt: Number(r.due_at),
});
