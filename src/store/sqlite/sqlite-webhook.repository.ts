import type Database from 'better-sqlite3';
import type {
  AttemptOutcome,
  UpcomingDeadline,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookRepository,
} from '../webhook.repository.port.ts';
import type { Raw } from './sqlite-rows.ts';
import { WEBHOOK_DELIVER_JOB } from '../webhook.repository.port.ts';
import { toAttemptRow, toDeliveryRow, toEndpointRow, toUpcomingDeadline } from '../webhook-rows.ts';

/** Webhook endpoints, deliveries and attempts on SQLite. */
export class SqliteWebhookRepository implements WebhookRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      addEndpoint: db.prepare(`INSERT INTO webhook_endpoints (id, url, description, events, secret, previous_secret, previous_secret_until, disabled_at, disabled_reason, created_at)
        VALUES (@id, @url, @description, @events, @secret, @previousSecret, @previousSecretUntil, @disabledAt, @disabledReason, @createdAt)`),
      endpoint: db.prepare('SELECT * FROM webhook_endpoints WHERE id = ?'),
      endpoints: db.prepare('SELECT * FROM webhook_endpoints ORDER BY created_at, id'),
      removeAttempts: db.prepare('DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = ?)'),
      removeDeliveries: db.prepare('DELETE FROM webhook_deliveries WHERE endpoint_id = ?'),
      removeEndpoint: db.prepare('DELETE FROM webhook_endpoints WHERE id = ?'),
      rotate: db.prepare('UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = ?, secret = ? WHERE id = ?'),
      disable: db.prepare('UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL'),
      addDelivery: db.prepare(`INSERT INTO webhook_deliveries (id, message_id, endpoint_id, type, body, status, attempts, round_attempts, next_attempt_at, last_status, last_error, created_at, updated_at)
        VALUES (@id, @messageId, @endpointId, @type, @body, @status, @attempts, @roundAttempts, @nextAttemptAt, @lastStatus, @lastError, @createdAt, @updatedAt)
        ON CONFLICT (message_id, endpoint_id) DO NOTHING`),
      delivery: db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?'),
      deliveries: db.prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
      attempts: db.prepare('SELECT * FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, n'),
      addAttempt: db.prepare('INSERT INTO webhook_attempts (delivery_id, n, at, status_code, latency_ms, error) VALUES (@deliveryId, @n, @at, @statusCode, @latencyMs, @error)'),
      moveDelivery: db.prepare(`UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, round_attempts = round_attempts + 1,
        next_attempt_at = @nextAttemptAt, last_status = @statusCode, last_error = @error, updated_at = @at WHERE id = @id`),
      abandon: db.prepare("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE id = ? AND status = 'pending'"),
      restart: db.prepare("UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?"),
      deadlines: db.prepare(`SELECT t.dispute_id, t.deadline, t.due_at, d.external_id, d.seller_id, d.policy_version, d.version
        FROM timers t JOIN disputes d ON d.id = t.dispute_id
        LEFT JOIN webhook_deadline_notices n ON n.dispute_id = t.dispute_id AND n.deadline = t.deadline AND n.due_at = t.due_at
        WHERE t.due_at > ? AND t.due_at <= ? AND n.dispute_id IS NULL ORDER BY t.due_at`),
      noteDeadline: db.prepare('INSERT INTO webhook_deadline_notices (dispute_id, deadline, due_at, noticed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      pruneAttempts: db.prepare("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?)"),
      pruneDeliveries: db.prepare("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?"),
      pruneNotices: db.prepare('DELETE FROM webhook_deadline_notices WHERE due_at < ?'),
      pruneJobs: db.prepare('DELETE FROM jobs WHERE kind = ? AND done_at IS NOT NULL AND done_at < ?'),
    };
  }

  async addEndpoint(row: WebhookEndpointRow): Promise<void> {
    this.q.addEndpoint.run({ ...row, events: JSON.stringify(row.events) });
  }

  async endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const r = this.q.endpoint.get(id) as Raw | undefined;
    return r && toEndpointRow(r);
  }

  async endpoints(): Promise<WebhookEndpointRow[]> {
    return (this.q.endpoints.all() as Raw[]).map(toEndpointRow);
  }

  async removeEndpoint(id: string): Promise<boolean> {
    this.q.removeAttempts.run(id);
    this.q.removeDeliveries.run(id);
    return this.q.removeEndpoint.run(id).changes === 1;
  }

  async rotateSecret(id: string, secret: string, previousUntil: number): Promise<void> {
    this.q.rotate.run(previousUntil, secret, id);
  }

  async disableEndpoint(id: string, at: number, reason: string): Promise<void> {
    this.q.disable.run(at, reason, id);
  }

  async addDelivery(row: WebhookDeliveryRow): Promise<boolean> {
    return this.q.addDelivery.run(row).changes === 1;
  }

  async delivery(id: string): Promise<WebhookDeliveryRow | undefined> {
    const r = this.q.delivery.get(id) as Raw | undefined;
    return r && toDeliveryRow(r);
  }

  async deliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return (this.q.deliveries.all(endpointId, limit) as Raw[]).map(toDeliveryRow);
  }

  async attempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    return (this.q.attempts.all(JSON.stringify(deliveryIds)) as Raw[]).map(toAttemptRow);
  }

  async recordAttempt(a: WebhookAttemptRow, o: AttemptOutcome): Promise<void> {
    this.q.addAttempt.run(a);
    this.q.moveDelivery.run({ id: a.deliveryId, at: a.at, ...o });
  }

  async abandon(id: string, at: number, reason: string): Promise<void> {
    this.q.abandon.run(reason, at, id);
  }

  async restart(id: string, at: number): Promise<void> {
    this.q.restart.run(at, at, id);
  }

  async deadlinesDueBetween(after: number, until: number): Promise<UpcomingDeadline[]> {
    return (this.q.deadlines.all(after, until) as Raw[]).map(toUpcomingDeadline);
  }

  async noteDeadline(d: Pick<UpcomingDeadline, 'disputeId' | 'deadline' | 'dueAt'>, at: number): Promise<boolean> {
    return this.q.noteDeadline.run(d.disputeId, d.deadline, d.dueAt, at).changes === 1;
  }

  async prune(before: number): Promise<{ deliveries: number }> {
    this.q.pruneAttempts.run(before);
    const deliveries = this.q.pruneDeliveries.run(before).changes;
    this.q.pruneNotices.run(before);
    this.q.pruneJobs.run(WEBHOOK_DELIVER_JOB, before);
    return { deliveries };
  }
}
