/** The example dispute body, with overrides: `disputeBody({ reason: 'damaged' })`. */
export function disputeBody(over: Record<string, unknown> = {}) {
  return {
    externalId: `AE-${Math.random().toString(36).slice(2, 10)}`,
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
    ...over,
  };
}
