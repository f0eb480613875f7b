import type { Request, Router } from 'express';
import { sees } from '../../auth/permissions.ts';
import { DomainError } from '../../domain/errors.ts';
import { printableText } from '../../domain/text.ts';
import { OrderIdSchema, PutOrderSchema } from '../../orders/order-request.schema.ts';
import type { OrderRow } from '../../store/order.repository.port.ts';
import type { EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { Clock } from '../../workflow/clock.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { callerOf } from '../caller.ts';
import { answerWith, sendAnswer } from '../idempotency.ts';
import { listedRouter } from '../route-list.ts';
import { requireCapability } from '../scope.ts';
import { jsonBody, parse } from '../validate.ts';
import { evidenceView, isoMs, UploadFieldsSchema, type evidenceRouters, type UploadDestination } from './evidence.routes.ts';
import type { Caller } from '../../auth/caller.ts';
import { read } from './read.ts';

/**
 * The form of an order upload: no delivery-proof fields; `uploadedAt` is an ERP's claim of when
 * it uploaded the file to the marketplace (kept as `claimedUploadedAt`, shown, never measured);
 * `sellerId` names the seller of an order not registered yet (must match a registered one).
 */
export const OrderUploadFieldsSchema = UploadFieldsSchema.omit({ signerName: true, signedAt: true }).extend({
  uploadedAt: isoMs.optional(),
  sellerId: printableText(100).optional(),
});

/** A seller-scoped key acts for its own seller only (AUTH.FORBIDDEN otherwise). */
function mustSee(c: Caller, sellerId: string): void {
  if (!sees(c, sellerId)) throw new DomainError('AUTH.FORBIDDEN', `This key acts for seller ${c.sellerId} only.`, { role: c.role, sellerId: c.sellerId });
}

/**
 * An order as an upload's destination, before any dispute, checked before any byte is stored
 * and again when a resumable upload finishes: another seller's registered order is 404
 * ORDER.NOT_FOUND; no dispute pins a policy yet, so the one in force when the file arrives
 * sizes and checks it. A scoped key uploads for its own seller; the form may repeat it, never
 * choose another.
 */
export async function orderUploadDestination(workflow: DisputeWorkflow, clock: Clock, id: string, caller: Caller): Promise<UploadDestination<typeof OrderUploadFieldsSchema>> {
  const registered = await workflow.store.read((t) => t.orders.get(id));
  if (registered && !sees(caller, registered.sellerId)) throw new DomainError('ORDER.NOT_FOUND', `No order ${id}.`);
  return {
    policy: workflow.policies.inForce(clock.now()),
    sellerId: registered?.sellerId ?? caller.sellerId,
    form: {
      schema: OrderUploadFieldsSchema,
      target: ({ kind: _kind, sellerId: named, uploadedAt, ...fields }) => {
        const sellerId = named ?? caller.sellerId ?? undefined;
        if (sellerId !== undefined) mustSee(caller, sellerId);
        return {
          owner: { orderId: id, ...(sellerId ? { sellerId } : {}) },
          fields: { ...fields, ...(uploadedAt !== undefined ? { claimedUploadedAt: uploadedAt } : {}) },
        };
      },
    },
  };
}

function orderId(req: Request): string {
  const id = OrderIdSchema.safeParse(req.params.orderId);
  if (!id.success) throw new DomainError('ORDER.NOT_FOUND', `No order ${String(req.params.orderId)}.`);
  return id.data;
}

function orderView(o: OrderRow, evidence: readonly EvidenceRow[]) {
  return {
    orderId: o.orderId,
    sellerId: o.sellerId,
    facts: o.facts,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    evidence: evidence.map(evidenceView),
    links: { self: `/api/orders/${o.orderId}`, evidence: `/api/orders/${o.orderId}/evidence` },
  };
}

/**
 * Orders before any dispute: `PUT /api/orders/:orderId` registers the facts (201 new, 200
 * replaced), `GET` shows facts and evidence, `POST /:orderId/evidence` uploads evidence to the
 * order (multipart, as for disputes) → 202, checked as a durable job. A dispute filed later for
 * the order (same seller) gets that evidence, re-checked against its facts.
 */
export function ordersRouter(workflow: DisputeWorkflow, clock: Clock, receive: ReturnType<typeof evidenceRouters>['receiveEvidence'] | undefined): Router {
  const { store } = workflow;
  const r = listedRouter();

  r.put('/:orderId', requireCapability('orders.write'), async (req, res) => {
    const id = orderId(req);
    const { sellerId, orderId: bodyId, ...facts } = parse(PutOrderSchema, jsonBody(req));
    mustSee(callerOf(res), sellerId);
    if (bodyId !== undefined && bodyId !== id) {
      throw new DomainError('REQUEST.INVALID', `The body's orderId ${bodyId} is not the path's ${id}.`, { errors: [{ pointer: '/orderId', detail: 'must equal the path' }] });
    }
    const a = await workflow.execute(
      { type: 'register_order', sellerId, order: { ...facts, orderId: id } },
      { present: answerWith((o) => ({ status: o.created ? 201 : 200, body: orderView(o.order!, []) })) },
    );
    sendAnswer(res, a);
  });

  r.get('/:orderId', requireCapability('disputes.read'), read(async (req) => {
    const id = orderId(req);
    const [order, evidence] = await store.read(async (t) => [await t.orders.get(id), await t.evidence.forOrder(id)] as const);
    if (!order) throw new DomainError('ORDER.NOT_FOUND', `No order ${id}.`);
    return orderView(order, evidence);
  }));

  if (receive) {
    r.post('/:orderId/evidence', requireCapability('evidence.upload'), async (req, res) => {
      await receive(req, res, await orderUploadDestination(workflow, clock, orderId(req), callerOf(res)));
    });
  }
  return r;
}
