import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../domain/order.schema.ts';
import type { OrderRow } from '../../store/order.repository.port.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface RegisterOrder {
  type: 'register_order';
  sellerId: string;
  order: Order;
}

/** ORDER.SELLER_MISMATCH unless `sellerId` is the order's seller: an order never changes hands. */
export function sameSeller(order: OrderRow, sellerId: string): void {
  if (order.sellerId !== sellerId) {
    throw new DomainError('ORDER.SELLER_MISMATCH', `Order ${order.orderId} belongs to another seller.`, { orderId: order.orderId });
  }
}

/**
 * Registers (or replaces) an order's facts before any dispute: an ERP does it at shipping
 * time so the packing video it uploads next is checked against the order's SKUs and label.
 */
export async function registerOrder(uow: UnitOfWork, cmd: RegisterOrder): Promise<{ order: OrderRow; created: boolean }> {
  const { tx, now } = uow;
  const existing = await tx.orders.get(cmd.order.orderId, { lock: true });
  if (!existing) {
    const order: OrderRow = { orderId: cmd.order.orderId, sellerId: cmd.sellerId, facts: cmd.order, createdAt: now, updatedAt: now };
    await tx.orders.insert(order);
    return { order, created: true };
  }
  sameSeller(existing, cmd.sellerId);
  await tx.orders.updateFacts(existing.orderId, cmd.order, now);
  return { order: { ...existing, facts: cmd.order, updatedAt: now }, created: false };
}
