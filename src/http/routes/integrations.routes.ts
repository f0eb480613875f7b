import express, { type Request, type Router } from 'express';
import { listedRouter } from '../route-list.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Helpdesks } from '../../integrations/helpdesks.ts';
import { INBOUND_TOLERANCE_MS, type InboundDelivery } from '../../integrations/inbound-delivery.ts';
import { INTEGRATION_INBOUND_JOB } from '../../integrations/inbound.job.ts';
import type { Store } from '../../store/store.port.ts';
import type { HelpdeskName } from '../../store/ticket-link.repository.port.ts';
import type { Clock } from '../../workflow/clock.ts';
import { assertJsonShape } from '../json-shape.ts';

/** No helpdesk configured: every delivery answers 404 INTEGRATION.NOT_CONFIGURED. */
export const NO_INTEGRATIONS: IntegrationRoutesDeps = { helpdesks: new Map(), wakeJobs: () => {} };

export interface IntegrationRoutesDeps {
  helpdesks: Helpdesks;
  /** Tells the job runner a job is waiting (after COMMIT). */
  wakeJobs: () => void;
}

/** Helpdesk webhook bodies above this are refused with 413 (a ticket's fields are a few kB). */
const WEBHOOK_LIMIT = '256kb';

function deliveryOf(req: Request): InboundDelivery {
  return {
    header: (name) => req.get(name),
    query: (name) => (typeof req.query[name] === 'string' ? req.query[name] : undefined),
    rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}

function parseJson(raw: Buffer): unknown {
  assertJsonShape(raw);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('REQUEST.MALFORMED_JSON', 'The webhook body is not JSON.');
  }
}

/**
 * `POST /integrations/{zendesk|chatwoot|freshdesk}/webhook`: not behind API keys — each
 * helpdesk proves itself by its signature (Zendesk, Chatwoot) or secret token (Freshdesk);
 * stale or replayed deliveries are refused (401 INTEGRATION.*). A verified delivery is
 * remembered and becomes an `integration.inbound` job in one unit of work, then 202: the
 * helpdesk hears back at once (they give up after ~10 s) and a crash after 202 loses nothing.
 */
export function integrationsRouter(store: Store, clock: Clock, deps: IntegrationRoutesDeps): Router {
  const r = listedRouter();
  r.post('/:helpdesk/webhook', express.raw({ type: () => true, limit: WEBHOOK_LIMIT }), async (req, res) => {
    const h = deps.helpdesks.get(req.params.helpdesk as HelpdeskName);
    if (!h) throw new DomainError('INTEGRATION.NOT_CONFIGURED', `No helpdesk integration ${req.params.helpdesk} is configured.`);
    const now = clock.now();
    const d = deliveryOf(req);
    let body: unknown;
    const parsed = () => (body ??= parseJson(d.rawBody));
    const verified = h.verify(d, parsed, now);
    const payload = { helpdesk: h.name, body: parsed() };
    const fresh = await store.transaction(async (tx) => {
      if (!(await tx.inboundSeen.remember(h.name, verified.seenKey, verified.sentAt + INBOUND_TOLERANCE_MS, now))) return false;
      await tx.jobs.add({ kind: INTEGRATION_INBOUND_JOB, payload, runAt: now }, now);
      return true;
    });
    if (!fresh) throw new DomainError('INTEGRATION.REPLAYED', 'This delivery was received already.');
    deps.wakeJobs();
    res.status(202).json({ accepted: true });
  });
  return r;
}
