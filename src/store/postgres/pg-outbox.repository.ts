import type { OutboxMessage, OutboxRepository } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/** Webhook messages written in the unit of work, delivered after COMMIT. */
export class PgOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Queryable) {}

  async enqueue(m: OutboxMessage): Promise<void> {
    await this.db.query('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)', [m.disputeId, m.seq, m.type, json(m.payload), m.createdAt]);
  }
}
