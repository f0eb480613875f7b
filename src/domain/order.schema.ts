import { z } from 'zod';
import { PositiveMoneySchema } from './money.ts';
import { printableText } from './text.ts';

/** The order facts a dispute is about, as the marketplace gives them. Field names are public. */
export const TRACKING_STATUSES = ['in_transit', 'delivered', 'stalled', 'returned', 'customs_held', 'lost'] as const;
export const TrackingStatusSchema = z.enum(TRACKING_STATUSES);

const isoTime = z.iso.datetime({ offset: true });

export const DeliveryProofSchema = z.object({
  signerName: printableText(200).optional(),
  signedAt: isoTime.optional(),
});

/** Tracking facts that change over a dispute's life (sent again with TRACKING_UPDATED). */
export const TrackingSchema = z.object({
  status: TrackingStatusSchema,
  lastUpdateAt: isoTime.optional(),
  deliveredAt: isoTime.optional(),
  deliveryProof: DeliveryProofSchema.optional(),
});

export const ShipmentSchema = TrackingSchema.extend({
  trackingNumber: printableText(64, 4),
  carrier: printableText(100),
  line: z.object({
    name: printableText(200),
    official: z.boolean(),
    signaturePhoto: z.boolean(),
  }),
  shippedAt: isoTime.optional(),
  fulfilledBy: z.enum(['seller', 'platform_warehouse']).default('seller'),
});

export const OrderSchema = z.object({
  orderId: printableText(64),
  amount: PositiveMoneySchema,
  /** Matched to the policy's categories (with aliases) when the dispute is filed; an unknown one is kept and flagged. */
  category: printableText(64),
  items: z
    .array(z.object({ sku: printableText(64), title: printableText(300).optional(), quantity: z.number().int().positive().default(1) }))
    .min(1)
    .max(100),
  shipment: ShipmentSchema,
});

export type Order = z.infer<typeof OrderSchema>;
export type Tracking = z.infer<typeof TrackingSchema>;
