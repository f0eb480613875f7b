import type { OutboxMessage, OutboxRepository, StoredOutboxMessage } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/** Messages written in the unit of work, routed to webhook deliveries after COMMIT. */
export class PgOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Queryable) {}

  async enqueue(m: OutboxMessage): Promise<void> {
    await this.db.query('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)', [m.disputeId, m.seq, m.type, json(m.payload), m.createdAt]);
  }

  async unrouted(limit: number): Promise<StoredOutboxMessage[]> {
    const { rows } = await this.db.query<{ id: number; dispute_id: string; seq: number; type: string; payload: string; created_at: number }>(
      'SELECT id, dispute_id, seq, type, payload, created_at FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
      [limit],
    );
    return rows.map((r) => ({ id: r.id, disputeId: r.dispute_id, seq: r.seq, type: r.type, payload: JSON.parse(r.payload), createdAt: r.created_at }));
  }

  async markRouted(ids: readonly number[], at: number): Promise<void> {
    if (ids.length) await this.db.query('UPDATE outbox SET delivered_at = $2 WHERE id = ANY ($1::bigint[])', [[...ids], at]);
  }

  async prune(before: number): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < $1', [before]);
    return rowCount ?? 0;
  }
}
