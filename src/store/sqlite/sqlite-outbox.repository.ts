import type Database from 'better-sqlite3';
import type { OutboxMessage, OutboxRepository, StoredOutboxMessage } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** Messages written in the unit of work, routed to webhook deliveries after COMMIT. */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      insert: db.prepare('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      // SQLite's writer lock already keeps other routers out until COMMIT.
      unrouted: db.prepare('SELECT id, dispute_id, seq, type, payload, created_at FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?'),
      markRouted: db.prepare('UPDATE outbox SET delivered_at = @at WHERE id IN (SELECT value FROM json_each(@ids))'),
      prune: db.prepare('DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?'),
    };
  }

  async enqueue(m: OutboxMessage): Promise<void> {
    this.q.insert.run(m.disputeId, m.seq, m.type, JSON.stringify(m.payload), m.createdAt);
  }

  async unrouted(limit: number): Promise<StoredOutboxMessage[]> {
    return (this.q.unrouted.all(limit) as Raw[]).map((r) => ({
      id: r.id as number,
      disputeId: r.dispute_id as string,
      seq: r.seq as number,
      type: r.type as string,
      payload: JSON.parse(r.payload as string),
      createdAt: r.created_at as number,
    }));
  }

  async markRouted(ids: readonly number[], at: number): Promise<void> {
    if (ids.length) this.q.markRouted.run({ ids: JSON.stringify(ids), at });
  }

  async prune(before: number): Promise<number> {
    return this.q.prune.run(before).changes;
  }
}
