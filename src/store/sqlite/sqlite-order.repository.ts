import type Database from 'better-sqlite3';
import type { Order } from '../../domain/order.schema.ts';
import type { OrderRepository, OrderRow } from '../order.repository.port.ts';

type Raw = { order_id: string; seller_id: string; facts: string | null; created_at: number; updated_at: number };
const toRow = (r: Raw): OrderRow => ({
  orderId: r.order_id,
  sellerId: r.seller_id,
  facts: r.facts ? (JSON.parse(r.facts) as Order) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Orders known before any dispute, on the disputes connection (same transactions). */
export class SqliteOrderRepository implements OrderRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      get: db.prepare('SELECT * FROM orders WHERE order_id = ?'),
      insert: db.prepare('INSERT INTO orders (order_id, seller_id, facts, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      updateFacts: db.prepare('UPDATE orders SET facts = ?, updated_at = ? WHERE order_id = ?'),
    };
  }

  // SQLite's writer lock already holds the row for the unit of work; `lock` changes nothing here.
  async get(orderId: string): Promise<OrderRow | undefined> {
    const r = this.q.get.get(orderId) as Raw | undefined;
    return r && toRow(r);
  }

  async insert(row: OrderRow): Promise<void> {
    this.q.insert.run(row.orderId, row.sellerId, row.facts ? JSON.stringify(row.facts) : null, row.createdAt, row.updatedAt);
  }

  async updateFacts(orderId: string, facts: Order, at: number): Promise<void> {
    this.q.updateFacts.run(JSON.stringify(facts), at, orderId);
  }
}
