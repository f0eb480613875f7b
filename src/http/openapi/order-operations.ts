import { OrderIdSchema, PutOrderSchema } from '../../orders/order-request.schema.ts';
import { ReviewBodySchema } from '../routes/evidence-review.routes.ts';
import { EvidenceIdSchema } from '../routes/evidence.routes.ts';
import { OrderUploadFieldsSchema } from '../routes/orders.routes.ts';
import { rolesWith, type OperationSpec } from './operation.ts';
import { ORDER_EXAMPLE } from './examples.ts';

const orderParam = { orderId: OrderIdSchema };
const object = (description: string) => ({ type: 'object', description });

/** Orders before any dispute (order-level evidence at shipping time) and the review of flagged evidence. */
export const ORDER_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'put', path: '/api/orders/{orderId}', tag: 'Orders', summary: 'Register an order\'s facts',
    description: 'Order facts before any dispute (an ERP at shipping time): 201 when new, 200 when replaced. A dispute filed later for the order (same seller) gets its evidence, re-checked against the dispute\'s SKUs and tracking number.',
    access: rolesWith('orders.write'), params: orderParam,
    body: { kind: 'json', schema: PutOrderSchema, examples: { shipped: { summary: 'An order just shipped', value: ORDER_EXAMPLE } } },
    success: { status: 201, description: 'The order (200 when it replaced the facts).', schema: object('Order with facts and evidence.') },
    errors: ['ORDER.SELLER_MISMATCH', 'AUTH.FORBIDDEN'],
  },
  {
    method: 'get', path: '/api/orders/{orderId}', tag: 'Orders', summary: 'Read an order', description: 'Facts and order-level evidence.',
    access: rolesWith('disputes.read'), params: orderParam,
    success: { status: 200, description: 'The order.', schema: object('Order with facts and evidence.') },
    errors: ['ORDER.NOT_FOUND'],
  },
  {
    method: 'post', path: '/api/orders/{orderId}/evidence', tag: 'Orders', summary: 'Upload evidence to an order',
    description: 'Multipart like the dispute upload (`kind` before `file`); the 2 h packing-video duty is measured from our receive time; `uploadedAt` is an ERP\'s claim, kept and shown, never measured.',
    access: rolesWith('evidence.upload'), params: orderParam, idempotent: true,
    body: { kind: 'multipart', fields: OrderUploadFieldsSchema, file: 'file' },
    success: { status: 202, description: 'Stored; checks run in the background.', schema: { $ref: '#/components/schemas/Evidence' } },
    errors: ['ORDER.NOT_FOUND', 'ORDER.SELLER_MISMATCH', 'AUTH.FORBIDDEN', 'EVIDENCE.TYPE_NOT_ALLOWED', 'EVIDENCE.TOO_LARGE', 'EVIDENCE.EMPTY', 'EVIDENCE.QUOTA_EXCEEDED', 'UPLOAD.KIND_AFTER_FILE', 'UPLOAD.TOO_MANY_PER_CALLER', 'UPLOAD.SERVER_BUSY', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'post', path: '/api/evidence/{id}/review', tag: 'Evidence', summary: 'Settle a needs_review item',
    description: 'A person accepts or rejects flagged evidence; an `EVIDENCE_REVIEWED` entry (actor: the key) enters the dispute\'s log and the preview counts an accepted item as usable, saying it was reviewed.',
    access: rolesWith('evidence.review'), params: { id: EvidenceIdSchema }, idempotent: true,
    body: { kind: 'json', schema: ReviewBodySchema, examples: { accept: { summary: 'Accept after looking at it', value: { decision: 'accept', note: 'Original from the seller\'s phone, stripped by the messenger.' } } } },
    success: { status: 200, description: 'The evidence, settled.', schema: { $ref: '#/components/schemas/Evidence' } },
    errors: ['EVIDENCE.NOT_FOUND', 'EVIDENCE.NOT_IN_REVIEW', 'EVIDENCE.NOT_ON_DISPUTE', 'AUTH.FORBIDDEN'],
  },
];
