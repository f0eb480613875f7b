import type { Order } from '../domain/order.schema.ts';

/**
 * An order known before any dispute: its seller and, once registered (`PUT /api/orders/:id`),
 * its facts. An order first seen through an evidence upload has no facts yet.
 */
export interface OrderRow {
  orderId: string;
  sellerId: string;
  facts: Order | null;
  createdAt: number;
  updatedAt: number;
}

export interface OrderRepository {
  /** `lock: true` holds the row until COMMIT (PostgreSQL `FOR UPDATE`). */
  get(orderId: string, opts?: { lock?: boolean }): Promise<OrderRow | undefined>;
  insert(row: OrderRow): Promise<void>;
  /** Replaces the facts (the seller never changes). */
  updateFacts(orderId: string, facts: Order, at: number): Promise<void>;
}
