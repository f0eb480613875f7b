/**
 * Unfriendly inputs for the throughput benchmarks: disputes that differ (seller, amount,
 * items, claim length, stage of the lifecycle) and tracking events that really change each
 * dispute, so every command writes a new snapshot, a log entry, a preview row (the verdict
 * flips between "delivered with proof" and "in transit since <now>") and an outbox row.
 * Repeating one identical event would let the path skip its preview write.
 *
 *   const ids = await seedDisputes((body) => open(body), (id, e) => send(id, e), 200);
 *   await send(ids[i % 200], trackingEvent(i, 200));
 */
import { disputeBody } from '../../test/helpers/order.ts';
import type { ClientEventBody } from '../../src/workflow/dispute-workflow.ts';

/** How many disputes the load is spread over (the figure). */
export const DISPUTES = 200;
/** Commands in flight at once in process: enough for group commit and the PG pool to fill. */
export const IN_FLIGHT = 64;

/** The open stages a dispute can be in when its tracking changes, and the events that lead there. */
const STAGES: ReadonlyArray<readonly ClientEventBody[]> = [
  [],
  [{ type: 'SELLER_RESPONDED', message: 'We are checking with the carrier.' }],
  [{ type: 'SOLUTION_PROPOSED', solution: 'resend' }],
  [{ type: 'SOLUTION_PROPOSED', solution: 'refund' }, { type: 'BUYER_REJECTED', comment: 'I want the watch, not a refund.' }],
  [{ type: 'SELLER_RESPONDED' }, { type: 'SOLUTION_PROPOSED', solution: 'resend' }, { type: 'ESCALATED', by: 'buyer' }],
];

const ITEM_TITLES = ['Steel watch', 'Leather strap, brown, 20 mm', 'Gift box', 'Spare links (set of 3)'];

/** A `POST /api/disputes` body that differs from its neighbours in seller, amount, items and claim. */
export function variedDisputeBody(i: number): Record<string, unknown> {
  const base = disputeBody() as { order: { shipment: Record<string, unknown> } & Record<string, unknown> };
  const items = Array.from({ length: 1 + (i % 4) }, (_, k) => ({ sku: `SKU-${1000 + ((i * 7 + k) % 900)}-${k}`, title: ITEM_TITLES[k], quantity: 1 + ((i + k) % 3) }));
  return {
    ...base,
    externalId: `AE-bench-${i}-${Math.random().toString(36).slice(2, 8)}`,
    sellerId: `seller-${i % 17}`,
    claim: 'Parcel never arrived. '.repeat(1 + (i % 6)).trim(),
    order: {
      ...base.order,
      orderId: `8123-${String(4000 + i)}`,
      amount: { value: `${55 + ((i * 37) % 400)}.${String(i % 100).padStart(2, '0')}`, currency: 'USD' },
      items,
    },
  };
}

/** The events that take a freshly filed dispute `i` to its stage (i % 5 of the five open stages). */
export const stageEvents = (i: number): readonly ClientEventBody[] => STAGES[i % STAGES.length]!;

/**
 * The n-th tracking event of the load: for command `n` over `disputes` disputes, each dispute
 * alternates between "in transit, updated now" and "delivered now, signed for".
 */
export function trackingEvent(n: number, disputes = DISPUTES, at = Date.now()): Extract<ClientEventBody, { type: 'TRACKING_UPDATED' }> {
  const iso = new Date(at).toISOString();
  return Math.floor(n / disputes) % 2 === 0
    ? { type: 'TRACKING_UPDATED', tracking: { status: 'in_transit', lastUpdateAt: iso } }
    : { type: 'TRACKING_UPDATED', tracking: { status: 'delivered', lastUpdateAt: iso, deliveredAt: iso, deliveryProof: { signerName: 'J. GARCIA', signedAt: iso } } };
}

/**
 * Files `count` varied disputes and moves each to its stage, 10 at a time, through the given
 * calls (in process or over HTTP); returns their ids in filing order.
 */
export async function seedDisputes(
  open: (body: Record<string, unknown>) => Promise<string>,
  send: (id: string, event: ClientEventBody) => Promise<void>,
  count = DISPUTES,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = next++; i < count; i = next++) {
        const id = await open(variedDisputeBody(i));
        for (const e of stageEvents(i)) await send(id, e);
        ids[i] = id;
      }
    }),
  );
  return ids;
}
