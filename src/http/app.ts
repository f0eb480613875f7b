import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { EvidenceService } from '../evidence/evidence-service.ts';
import type { Logger } from '../logger.ts';
import type { EvidenceStorage } from '../storage/evidence-storage.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import { problemOf, sendProblem } from './problem.ts';
import { disputesRouter } from './routes/disputes.routes.ts';
import { evidenceReviewRouter } from './routes/evidence-review.routes.ts';
import { evidenceRouters } from './routes/evidence.routes.ts';
import { ordersRouter } from './routes/orders.routes.ts';
import { verdictPreviewRouter } from './routes/verdict-preview.routes.ts';

export interface AppDeps {
  workflow: DisputeWorkflow;
  clock: Clock;
  log: Logger;
  /** Evidence upload and reads; absent in apps that only need the dispute API. */
  evidence?: { service: EvidenceService; storage: EvidenceStorage };
}

/** JSON bodies above this are refused with 413 before they are parsed. */
export const JSON_LIMIT = '256kb';

/** The express app: JSON API under /api, problem+json for every error. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Views change with every version; a hash of each body per response only costs time.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(express.json({ limit: JSON_LIMIT, strict: false }));

  const api = express.Router();
  api.use('/disputes', disputesRouter(deps.workflow));
  api.use('/disputes', verdictPreviewRouter(deps.workflow, deps.clock));
  const evidence = deps.evidence && evidenceRouters(deps.evidence.service, deps.workflow, deps.evidence.storage);
  if (evidence) {
    api.use('/disputes', evidence.onDispute);
    api.use('/evidence', evidence.byId);
  }
  api.use('/evidence', evidenceReviewRouter(deps.workflow));
  api.use('/orders', ordersRouter(deps.workflow, deps.clock, evidence?.receiveEvidence));
  app.use('/api', api);
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));

  app.use((req: Request, res: Response) => {
    sendProblem(res, problemOf(new DomainError('ROUTE.NOT_FOUND', `No route ${req.method} ${req.path}.`)));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      return sendProblem(res, problemOf(new DomainError('REQUEST.MALFORMED_JSON', 'The body is not valid JSON.')));
    }
    if (type === 'entity.too.large') {
      return sendProblem(res, problemOf(new DomainError('REQUEST.TOO_LARGE', `The body is larger than ${JSON_LIMIT}.`)));
    }
    if (err instanceof DomainError) return sendProblem(res, problemOf(err));
    deps.log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    if (res.headersSent) return void res.destroy();
    res.status(500).type('application/problem+json').send(
      JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'INTERNAL', detail: 'An unexpected error; nothing was changed.' }),
    );
  });
  return app;
}
