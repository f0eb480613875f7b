import { CreateEndpointSchema, DeliveriesQuerySchema, IdParamsSchema } from '../routes/webhooks.routes.ts';
import { rolesWith, type OperationSpec } from './operation.ts';

const admins = rolesWith('webhooks.manage');
const idParam = { id: IdParamsSchema.shape.id };
const object = (description: string) => ({ type: 'object', description });

/** The webhook endpoint administration under /api/webhooks (admin keys). */
export const WEBHOOK_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post', path: '/api/webhooks/endpoints', tag: 'Webhooks', summary: 'Add a webhook endpoint',
    description: 'Subscribes a URL to event types (none given: every type). The answer carries the signing `secret` (`whsec_…`), shown once. Loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=1.',
    access: admins, idempotent: true,
    body: { kind: 'json', schema: CreateEndpointSchema, examples: { resolved: { summary: 'Resolutions only', value: { url: 'https://hooks.example.com/disputes', events: ['dispute.resolved'], description: 'ERP sync' } } } },
    success: { status: 201, description: 'The endpoint with its secret, with `Location`.', schema: object('Endpoint with `id` and `secret`.') },
    errors: [],
  },
  {
    method: 'get', path: '/api/webhooks/endpoints', tag: 'Webhooks', summary: 'List webhook endpoints', description: 'Never their secrets.',
    access: admins,
    success: { status: 200, description: 'The endpoints.', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object' } } } } },
    errors: [],
  },
  {
    method: 'delete', path: '/api/webhooks/endpoints/{id}', tag: 'Webhooks', summary: 'Remove a webhook endpoint', description: 'Its deliveries go with it.',
    access: admins, params: idParam,
    success: { status: 204, description: 'Removed.' },
    errors: ['WEBHOOK.ENDPOINT_NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'post', path: '/api/webhooks/endpoints/{id}/rotate-secret', tag: 'Webhooks', summary: 'Rotate an endpoint\'s secret',
    description: 'A new secret; the previous one keeps signing beside it for 24 h (both signatures in `webhook-signature`).',
    access: admins, params: idParam, idempotent: true,
    success: { status: 200, description: 'The endpoint with its new secret.', schema: object('Endpoint with `secret`.') },
    errors: ['WEBHOOK.ENDPOINT_NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'get', path: '/api/webhooks/endpoints/{id}/deliveries', tag: 'Webhooks', summary: 'An endpoint\'s delivery log',
    description: 'Newest first: `webhookId`, `type`, `status` (pending, delivered, failed), `attempts`, `nextAttemptAt`, `attemptLog`.',
    access: admins, params: idParam, query: DeliveriesQuerySchema,
    success: { status: 200, description: 'Deliveries.', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object' } } } } },
    errors: ['WEBHOOK.ENDPOINT_NOT_FOUND', 'REQUEST.INVALID'],
  },
  {
    method: 'post', path: '/api/webhooks/deliveries/{id}/redeliver', tag: 'Webhooks', summary: 'Send a finished delivery again',
    description: 'Same `webhook-id`, a new round of retries.',
    access: admins, params: idParam,
    success: { status: 202, description: 'Queued.', schema: object('The delivery.') },
    errors: ['WEBHOOK.DELIVERY_NOT_FOUND', 'WEBHOOK.DELIVERY_PENDING', 'WEBHOOK.ENDPOINT_DISABLED', 'REQUEST.INVALID'],
  },
];
