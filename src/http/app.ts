import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { EvidenceService } from '../evidence/evidence-service.ts';
import type { ReceiveUpload } from '../evidence/upload/upload-receiver.ts';
import type { Logger } from '../logger.ts';
import type { EvidenceStorage } from '../storage/evidence-storage.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import { authenticate, type AuthMode } from './authenticate.ts';
import { assertJsonShape } from './json-shape.ts';
import { originGuard } from './origin-guard.ts';
import { problemOf, sendProblem } from './problem.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { requestErrorOf } from './request-errors.ts';
import { requestId } from './request-id.ts';
import { disputesRouter } from './routes/disputes.routes.ts';
import { meRouter } from './routes/me.routes.ts';
import { frontDoorRouter } from './routes/front-door.routes.ts';
import { consoleRouter } from '../console/console.routes.ts';
import { listedRouter, listRoutes } from './route-list.ts';
import { evidenceReviewRouter } from './routes/evidence-review.routes.ts';
import { evidenceRouters } from './routes/evidence.routes.ts';
import { healthRouter, type Readiness } from './routes/health.routes.ts';
import { ordersRouter } from './routes/orders.routes.ts';
import { uploadsRouter, type UploadsRouterDeps } from './routes/uploads.routes.ts';
import { integrationsRouter, NO_INTEGRATIONS, type IntegrationRoutesDeps } from './routes/integrations.routes.ts';
import { verdictPreviewRouter } from './routes/verdict-preview.routes.ts';
import { requireCapability, sellerScope } from './scope.ts';
import { webhooksRouter } from './routes/webhooks.routes.ts';
import type { WebhookAdmin } from '../webhooks/webhook-admin.ts';

export interface AppDeps {
  workflow: DisputeWorkflow;
  clock: Clock;
  log: Logger;
  /** Evidence upload (multipart, and tus with `resumable`) and reads; absent in apps that only need the dispute API. */
  evidence?: { service: EvidenceService; storage: EvidenceStorage; receive: ReceiveUpload; resumable: Omit<UploadsRouterDeps, 'service' | 'workflow' | 'clock'> };
  /** What `/readyz` reports (absent: ready whenever the process answers). */
  readiness?: () => Promise<Readiness>;
  /** Who may call: API keys (`on`, the default) or the local caller (`off`, loopback only). */
  access?: AccessOptions;
  /** Webhook endpoint administration (admin routes); absent, no /api/webhooks. */
  webhooks?: WebhookAdmin;
  /** Helpdesk webhooks (`/integrations/*`); absent when no helpdesk is configured. */
  integrations?: IntegrationRoutesDeps;
  /** Who may frame the agent console (`CONSOLE_FRAME_ANCESTORS`); none when absent. */
  console?: { frameAncestors: readonly string[] };
}

export interface AccessOptions {
  auth: AuthMode;
  /** Browser origins allowed to call the API (CORS); every other origin may only read. */
  corsOrigins: readonly string[];
  rateLimit: RateLimitOptions;
}

/** 1,200 requests a minute per key (20/s sustained, bursts up to 1,200): a helpdesk sync or a busy agent stays far below; a runaway loop does not. */
export const DEFAULT_ACCESS: AccessOptions = { auth: 'on', corsOrigins: [], rateLimit: { limit: 1_200, windowMs: 60_000 } };

/** JSON bodies above this are refused with 413 before they are parsed. */
export const JSON_LIMIT = '256kb';

/**
 * Runs on the raw (decompressed) bytes before body-parser parses them: UTF-8 only (RFC 8259
 * §8.1; it also keeps the byte scan sound), then the depth and key bounds.
 */
function checkJsonBytes(_req: unknown, _res: unknown, bytes: Buffer, charset: string): void {
  if (charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    throw new DomainError('REQUEST.UNSUPPORTED_CHARSET', 'Send JSON as UTF-8 (no charset, or charset=utf-8).');
  }
  assertJsonShape(bytes);
}

/** The express app: JSON API under /api, problem+json for every error. */
export function createApp(deps: AppDeps): express.Express {
  // Routers are listed (route-list.ts) so the OpenAPI test can compare the routes with the document.
  const app = listRoutes(express());
  const access = deps.access ?? DEFAULT_ACCESS;
  const { store } = deps.workflow;
  app.disable('x-powered-by');
  app.use(requestId);
  // Before any body is read: a foreign page's upload is refused at its headers.
  app.use(originGuard(access.corsOrigins));
  // Views change with every version; a hash of each body per response only costs time.
  app.set('etag', false);
  app.set('query parser', 'simple');

  const api = listedRouter();
  api.use(authenticate(store, access.auth));
  api.use(rateLimit(access.rateLimit));
  // A key scoped to one seller gets 404 for everything of another seller, as if it did not exist.
  api.use('/disputes/:id', sellerScope((id) => store.read((r) => r.disputes.sellerOf(id)), (id) => new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`)));
  api.use('/evidence/:id', sellerScope(
    (id) => store.read(async (r) => {
      const row = await r.evidence.get(id);
      if (!row) return undefined;
      return row.disputeId ? r.disputes.sellerOf(row.disputeId) : (await r.orders.get(row.orderId!))?.sellerId;
    }),
    (id) => new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${id}.`),
  ));
  api.use('/orders/:id', sellerScope((id) => store.read(async (r) => (await r.orders.get(id))?.sellerId), (id) => new DomainError('ORDER.NOT_FOUND', `No order ${id}.`)));
  api.use(express.json({ limit: JSON_LIMIT, strict: false, verify: checkJsonBytes }));
  api.use('/me', meRouter());
  api.use('/disputes', disputesRouter(deps.workflow));
  api.use('/disputes', verdictPreviewRouter(deps.workflow, deps.clock));
  const ev = deps.evidence;
  const evidence = ev && evidenceRouters(ev.service, deps.workflow, ev.storage, ev.receive);
  if (ev && evidence) {
    api.use('/disputes', evidence.onDispute);
    api.use('/evidence', evidence.byId);
    api.use('/uploads', uploadsRouter({ service: ev.service, workflow: deps.workflow, clock: deps.clock, ...ev.resumable }));
  }
  api.use('/evidence', evidenceReviewRouter(deps.workflow));
  api.use('/orders', ordersRouter(deps.workflow, deps.clock, evidence?.receiveEvidence));
  if (deps.webhooks) api.use('/webhooks', requireCapability('webhooks.manage'), webhooksRouter({ admin: deps.webhooks }));
  app.use('/api', api);
  // Helpdesks authenticate by their own signatures, not API keys; unconfigured ones answer 404 INTEGRATION.NOT_CONFIGURED.
  app.use('/integrations', integrationsRouter(store, deps.clock, deps.integrations ?? NO_INTEGRATIONS));
  app.use(healthRouter(deps.readiness ?? (async () => ({ ready: true }))));
  app.use(frontDoorRouter()); // public: /openapi.json, /docs
  app.use(consoleRouter({ auth: access.auth, frameAncestors: deps.console?.frameAncestors ?? [] })); // public pages: /, /console

  app.use((req: Request, res: Response) => {
    sendProblem(res, problemOf(new DomainError('ROUTE.NOT_FOUND', `No route ${req.method} ${req.path}.`)));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof DomainError) return sendProblem(res, problemOf(err));
    const mistake = requestErrorOf(err);
    if (mistake) return sendProblem(res, problemOf(mistake.error, mistake.status));
    deps.log.error({ err, method: req.method, path: req.path, requestId: res.locals.requestId }, 'unhandled error');
    if (res.headersSent) return void res.destroy();
    res.status(500).type('application/problem+json').send(
      JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'INTERNAL', detail: 'An unexpected error; nothing was changed.' }),
    );
  });
  return app;
}
