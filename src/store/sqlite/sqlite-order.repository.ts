import type Database from 'better-sqlite3';
import type { Order } from '../../domain/order.schema.ts';
import { toOrderRow, type OrderRecord } from '../order-record.ts';
import type { OrderRepository, OrderRow } from '../order.repository.port.ts';

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
    const r = this.q.get.get(orderId) as OrderRecord | undefined;
    return r && toOrderRow(r);
  }

  async insert(row: OrderRow): Promise<void> {
    this.q.insert.run(row.orderId, row.sellerId, row.facts ? JSON.stringify(row.facts) : null, row.createdAt, row.updatedAt);
  }

  async updateFacts(orderId: string, facts: Order, at: number): Promise<void> {
    this.q.updateFacts.run(JSON.stringify(facts), at, orderId);
  }
}
