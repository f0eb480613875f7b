import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { EvidenceService } from '../evidence/evidence-service.ts';
import type { Logger } from '../logger.ts';
import type { EvidenceStorage } from '../storage/evidence-storage.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import { assertJsonShape } from './json-shape.ts';
import { problemOf, sendProblem } from './problem.ts';
import { requestErrorOf } from './request-errors.ts';
import { disputesRouter } from './routes/disputes.routes.ts';
import { evidenceRouters } from './routes/evidence.routes.ts';
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
  const app = express();
  app.disable('x-powered-by');
  // Views change with every version; a hash of each body per response only costs time.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(express.json({ limit: JSON_LIMIT, strict: false, verify: checkJsonBytes }));

  const api = express.Router();
  api.use('/disputes', disputesRouter(deps.workflow));
  api.use('/disputes', verdictPreviewRouter(deps.workflow, deps.clock));
  if (deps.evidence) {
    const routes = evidenceRouters(deps.evidence.service, deps.workflow, deps.evidence.storage);
    api.use('/disputes', routes.onDispute);
    api.use('/evidence', routes.byId);
  }
  app.use('/api', api);
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));

  app.use((req: Request, res: Response) => {
    sendProblem(res, problemOf(new DomainError('ROUTE.NOT_FOUND', `No route ${req.method} ${req.path}.`)));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof DomainError) return sendProblem(res, problemOf(err));
    const mistake = requestErrorOf(err);
    if (mistake) return sendProblem(res, problemOf(mistake.error, mistake.status));
    deps.log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    if (res.headersSent) return void res.destroy();
    res.status(500).type('application/problem+json').send(
      JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'INTERNAL', detail: 'An unexpected error; nothing was changed.' }),
    );
  });
  return app;
}
