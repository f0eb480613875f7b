import type { Router } from 'express';
import { listedRouter } from '../route-list.ts';
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types.ts';
import type { WebhookAdmin } from '../../webhooks/webhook-admin.ts';
import { idempotencyOf, sendAnswer } from '../idempotency.ts';
import { jsonBody, parse } from '../validate.ts';
import { read } from './read.ts';

export const CreateEndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).optional(),
  description: z.string().max(500).optional(),
});

export const IdParamsSchema = z.object({ id: z.string().regex(/^(ep|dlv)_[A-Za-z0-9_-]{1,40}$/, 'an id such as ep_… or dlv_…') });
export const DeliveriesQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export interface WebhooksRouterDeps {
  admin: WebhookAdmin;
}

/**
 * Webhook administration under /api/webhooks (admin routes: the role guard goes in front when
 * mounted). Endpoints, their delivery logs, redelivery and secret rotation.
 *
 *   api.use('/webhooks', webhooksRouter({ admin }));
 */
export function webhooksRouter(deps: WebhooksRouterDeps): Router {
  const { admin } = deps;
  const r = listedRouter();
  const id = (params: unknown) => parse(IdParamsSchema, params, 'params').id;

  r.post('/endpoints', async (req, res) => {
    const idempotency = idempotencyOf(req);
    const a = await admin.create(parse(CreateEndpointSchema, jsonBody(req)), idempotency);
    res.location(`/api/webhooks/endpoints/${(a.body as { id: string }).id}`);
    sendAnswer(res, a);
  });
  r.get('/endpoints', read(async () => ({ items: await admin.list() })));
  r.delete('/endpoints/:id', async (req, res) => {
    await admin.remove(id(req.params));
    res.status(204).end();
  });
  r.post('/endpoints/:id/rotate-secret', async (req, res) => sendAnswer(res, await admin.rotateSecret(id(req.params), idempotencyOf(req))));
  r.get('/endpoints/:id/deliveries', read(async (req) => ({ items: await admin.deliveries(id(req.params), parse(DeliveriesQuerySchema, req.query, 'query').limit) })));
  r.post('/deliveries/:id/redeliver', async (req, res) => void res.status(202).json(await admin.redeliver(id(req.params))));
  return r;
}
