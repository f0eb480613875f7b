import type { Order } from '../domain/order.schema.ts';
import type { OrderRow } from './order.repository.port.ts';

/** An `orders` row as both databases return it (facts as JSON text; times as numbers). */
export interface OrderRecord {
  order_id: string;
  seller_id: string;
  facts: string | null;
  created_at: number;
  updated_at: number;
}

export const toOrderRow = (r: OrderRecord): OrderRow => ({
  orderId: r.order_id,
  sellerId: r.seller_id,
  facts: r.facts ? (JSON.parse(r.facts) as Order) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
