/** Examples in the API document (each validated against its request schema by test/http/openapi.test.ts). */

/** The README's example of filing a dispute. */
export const FILE_DISPUTE_EXAMPLE = {
  externalId: 'AE-8123-4471',
  sellerId: 'seller-1',
  reason: 'not_received',
  claim: 'Parcel never arrived',
  order: {
    orderId: '8123-4471',
    amount: { value: '64.90', currency: 'USD' },
    category: 'watches',
    items: [{ sku: 'SKU-AE-48213-BLK', title: 'Steel watch', quantity: 1 }],
    shipment: {
      trackingNumber: 'LP00712345678CN',
      carrier: 'Cainiao',
      line: { name: 'Cainiao Special Line', official: true, signaturePhoto: true },
      shippedAt: '2026-11-01T10:00:00Z',
      status: 'delivered',
      lastUpdateAt: '2026-11-12T15:20:00Z',
      deliveredAt: '2026-11-12T15:20:00Z',
      deliveryProof: { signerName: 'J. GARCIA', signedAt: '2026-11-12T15:20:00Z' },
    },
  },
};

/** The README's order, registered at shipping time (before delivery, so no delivery facts yet). */
const { orderId: _id, shipment: { lastUpdateAt: _u, deliveredAt: _d, deliveryProof: _p, ...shipment }, ...order } = FILE_DISPUTE_EXAMPLE.order;
export const ORDER_EXAMPLE = { sellerId: FILE_DISPUTE_EXAMPLE.sellerId, ...order, shipment: { ...shipment, status: 'in_transit' } };
