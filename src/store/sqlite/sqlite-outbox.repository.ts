import type Database from 'better-sqlite3';
import type { OutboxMessage, OutboxRepository } from '../store.port.ts';

/** Webhook messages written in the unit of work, delivered after COMMIT. */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly insert;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)');
  }

  async enqueue(m: OutboxMessage): Promise<void> {
    this.insert.run(m.disputeId, m.seq, m.type, JSON.stringify(m.payload), m.createdAt);
  }
}
