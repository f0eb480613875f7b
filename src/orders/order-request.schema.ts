import { printableText } from '../domain/text.ts';
import { z } from 'zod';
import { OrderSchema } from '../domain/order.schema.ts';

/** An order id in a path: what OrderSchema allows, limited to characters a URL carries plainly. */
export const OrderIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'an order id such as 8123-4471');

/**
 * `PUT /api/orders/:orderId` body: the order facts (OrderSchema) plus the seller. `orderId` may
 * be left out (the path names it); when given it must be the path's.
 */
export const PutOrderSchema = OrderSchema.extend({
  orderId: OrderSchema.shape.orderId.optional(),
  sellerId: printableText(100),
});
