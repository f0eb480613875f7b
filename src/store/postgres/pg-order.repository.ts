import type { Order } from '../../domain/order.schema.ts';
import { toOrderRow, type OrderRecord } from '../order-record.ts';
import type { OrderRepository, OrderRow } from '../order.repository.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/** Orders known before any dispute, in the same unit of work as the disputes. */
export class PgOrderRepository implements OrderRepository {
  constructor(private readonly db: Queryable) {}

  async get(orderId: string, opts?: { lock?: boolean }): Promise<OrderRow | undefined> {
    const { rows } = await this.db.query<OrderRecord>(`SELECT * FROM orders WHERE order_id = $1${opts?.lock ? ' FOR UPDATE' : ''}`, [orderId]);
    return rows[0] && toOrderRow(rows[0]);
  }

  async insert(row: OrderRow): Promise<void> {
    await this.db.query('INSERT INTO orders (order_id, seller_id, facts, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)', [
      row.orderId,
      row.sellerId,
      row.facts ? json(row.facts) : null,
      row.createdAt,
      row.updatedAt,
    ]);
  }

  async updateFacts(orderId: string, facts: Order, at: number): Promise<void> {
    await this.db.query('UPDATE orders SET facts = $2, updated_at = $3 WHERE order_id = $1', [orderId, json(facts), at]);
  }
}
