/**
 * Webhook endpoints, their deliveries and every attempt (see src/webhooks/ for the glossary).
 *
 * - endpoint: a URL an integrator registered, with its signing secret and event filter.
 * - delivery: one message (a `webhook-id`) to one endpoint; pending until a 2xx, failed after
 *   the last retry or a 410. Its body is fixed when the outbox row is routed.
 * - attempt: one HTTP request of a delivery (status code, latency, error).
 */

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  /** Event types this endpoint receives; empty = every type. */
  events: string[];
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRow {
  id: string;
  messageId: string;
  endpointId: string;
  type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  roundAttempts: number;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookAttemptRow {
  deliveryId: string;
  n: number;
  at: number;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** A deadline in force and what its notice needs to say. */
export interface UpcomingDeadline {
  disputeId: string;
  externalId: string | null;
  sellerId: string;
  policyVersion: string;
  version: number;
  deadline: string;
  dueAt: number;
}

/** What one attempt changed: the delivery's new state. */
export interface AttemptOutcome {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookRepository {
  addEndpoint(row: WebhookEndpointRow): Promise<void>;
  endpoint(id: string): Promise<WebhookEndpointRow | undefined>;
  endpoints(): Promise<WebhookEndpointRow[]>;
  /** Removes the endpoint with its deliveries and attempts; false when there was none. */
  removeEndpoint(id: string): Promise<boolean>;
  rotateSecret(id: string, secret: string, previousUntil: number): Promise<void>;
  disableEndpoint(id: string, at: number, reason: string): Promise<void>;

  /** Inserts the delivery unless (messageId, endpointId) exists already; true when inserted. */
  addDelivery(row: WebhookDeliveryRow): Promise<boolean>;
  delivery(id: string): Promise<WebhookDeliveryRow | undefined>;
  /** Newest first. */
  deliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]>;
  attempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]>;
  /** Appends attempt `attempt.n` and moves the delivery to `outcome`. */
  recordAttempt(attempt: WebhookAttemptRow, outcome: AttemptOutcome): Promise<void>;
  /** Gives a pending delivery up without an attempt (its endpoint was disabled): failed, with `reason`. */
  abandon(id: string, at: number, reason: string): Promise<void>;
  /** Starts a delivery over (a redelivery): pending, due at `at`, a new round of the schedule. */
  restart(id: string, at: number): Promise<void>;

  /** Deadlines in force due in (after, until] whose notice was not sent yet, with the dispute fields a notice names. */
  deadlinesDueBetween(after: number, until: number): Promise<UpcomingDeadline[]>;
  /** Notes that a deadline's notice was sent; false when it was noted already (exactly once per deadline instant). */
  noteDeadline(d: Pick<UpcomingDeadline, 'disputeId' | 'deadline' | 'dueAt'>, at: number): Promise<boolean>;

  /** Deletes finished deliveries (and their attempts and done `webhook.deliver` jobs) and notices older than `before`. */
  prune(before: number): Promise<{ deliveries: number }>;
}

/** The job that makes one delivery's next attempt (payload `{ deliveryId }`); `prune` removes the done ones. */
export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
