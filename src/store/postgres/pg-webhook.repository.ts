import type {
  AttemptOutcome,
  UpcomingDeadline,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookRepository,
} from '../webhook.repository.port.ts';
import { WEBHOOK_DELIVER_JOB } from '../webhook.repository.port.ts';
import { toAttemptRow, toDeliveryRow, toEndpointRow, toUpcomingDeadline } from '../webhook-rows.ts';
import { json, type Queryable } from './pg-queryable.ts';

type Raw = Record<string, unknown>;

/** Webhook endpoints, deliveries and attempts on PostgreSQL. */
export class PgWebhookRepository implements WebhookRepository {
  constructor(private readonly db: Queryable) {}

  private async rows(sql: string, values: unknown[]): Promise<Raw[]> {
    return (await this.db.query<Raw>(sql, values)).rows;
  }

  private async count(sql: string, values: unknown[]): Promise<number> {
    return (await this.db.query(sql, values)).rowCount ?? 0;
  }

  async addEndpoint(e: WebhookEndpointRow): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_endpoints (id, url, description, events, secret, previous_secret, previous_secret_until, disabled_at, disabled_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.id, e.url, e.description, json(e.events), e.secret, e.previousSecret, e.previousSecretUntil, e.disabledAt, e.disabledReason, e.createdAt],
    );
  }

  async endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const [r] = await this.rows('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
    return r && toEndpointRow(r);
  }

  async endpoints(): Promise<WebhookEndpointRow[]> {
    return (await this.rows('SELECT * FROM webhook_endpoints ORDER BY created_at, id', [])).map(toEndpointRow);
  }

  async removeEndpoint(id: string): Promise<boolean> {
    await this.db.query('DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = $1)', [id]);
    await this.db.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
    return (await this.count('DELETE FROM webhook_endpoints WHERE id = $1', [id])) === 1;
  }

  async rotateSecret(id: string, secret: string, previousUntil: number): Promise<void> {
    await this.db.query('UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $2, secret = $3 WHERE id = $1', [id, previousUntil, secret]);
  }

  async disableEndpoint(id: string, at: number, reason: string): Promise<void> {
    await this.db.query('UPDATE webhook_endpoints SET disabled_at = $2, disabled_reason = $3 WHERE id = $1 AND disabled_at IS NULL', [id, at, reason]);
  }

  async addDelivery(d: WebhookDeliveryRow): Promise<boolean> {
    const n = await this.count(
      `INSERT INTO webhook_deliveries (id, message_id, endpoint_id, type, body, status, attempts, round_attempts, next_attempt_at, last_status, last_error, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (message_id, endpoint_id) DO NOTHING`,
      [d.id, d.messageId, d.endpointId, d.type, d.body, d.status, d.attempts, d.roundAttempts, d.nextAttemptAt, d.lastStatus, d.lastError, d.createdAt, d.updatedAt],
    );
    return n === 1;
  }

  async delivery(id: string): Promise<WebhookDeliveryRow | undefined> {
    const [r] = await this.rows('SELECT * FROM webhook_deliveries WHERE id = $1', [id]);
    return r && toDeliveryRow(r);
  }

  async deliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return (await this.rows('SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [endpointId, limit])).map(toDeliveryRow);
  }

  async attempts(deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
    return (await this.rows('SELECT * FROM webhook_attempts WHERE delivery_id = ANY ($1::text[]) ORDER BY delivery_id, n', [[...deliveryIds]])).map(toAttemptRow);
  }

  async recordAttempt(a: WebhookAttemptRow, o: AttemptOutcome): Promise<void> {
    await this.db.query('INSERT INTO webhook_attempts (delivery_id, n, at, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6)', [
      a.deliveryId,
      a.n,
      a.at,
      a.statusCode,
      a.latencyMs,
      a.error,
    ]);
    await this.db.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, round_attempts = round_attempts + 1,
         next_attempt_at = $3, last_status = $4, last_error = $5, updated_at = $6 WHERE id = $1`,
      [a.deliveryId, o.status, o.nextAttemptAt, o.statusCode, o.error, a.at],
    );
  }

  async abandon(id: string, at: number, reason: string): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $3, updated_at = $2 WHERE id = $1 AND status = 'pending'", [id, at, reason]);
  }

  async restart(id: string, at: number): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1", [id, at]);
  }

  async deadlinesDueBetween(after: number, until: number): Promise<UpcomingDeadline[]> {
    const rows = await this.rows(
      `SELECT t.dispute_id, t.deadline, t.due_at, d.external_id, d.seller_id, d.policy_version, d.version
       FROM timers t JOIN disputes d ON d.id = t.dispute_id
       LEFT JOIN webhook_deadline_notices n ON n.dispute_id = t.dispute_id AND n.deadline = t.deadline AND n.due_at = t.due_at
       WHERE t.due_at > $1 AND t.due_at <= $2 AND n.dispute_id IS NULL ORDER BY t.due_at`,
      [after, until],
    );
    return rows.map(toUpcomingDeadline);
  }

  async noteDeadline(d: Pick<UpcomingDeadline, 'disputeId' | 'deadline' | 'dueAt'>, at: number): Promise<boolean> {
    const n = await this.count('INSERT INTO webhook_deadline_notices (dispute_id, deadline, due_at, noticed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      d.disputeId,
      d.deadline,
      d.dueAt,
      at,
    ]);
    return n === 1;
  }

  async prune(before: number): Promise<{ deliveries: number }> {
    await this.db.query("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < $1)", [before]);
    const deliveries = await this.count("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < $1", [before]);
    await this.db.query('DELETE FROM webhook_deadline_notices WHERE due_at < $1', [before]);
    await this.db.query('DELETE FROM jobs WHERE kind = $1 AND done_at IS NOT NULL AND done_at < $2', [WEBHOOK_DELIVER_JOB, before]);
    return { deliveries };
  }
}
