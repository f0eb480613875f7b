import type { Router } from 'express';
import { listedRouter } from '../route-list.ts';

/** What `/readyz` reports; `ready` is false when any part is not. */
export interface Readiness {
  ready: boolean;
  [part: string]: unknown;
}

/**
 * `GET /healthz`: liveness, answers without touching anything (the process is up and its
 * event loop turns). `GET /readyz`: 200 when the service can do its work (the store answers,
 * migrations are applied, the job runner and timer poller run), 503 otherwise; both bodies
 * carry the details, including the check queue's depth.
 */
export function healthRouter(readiness: () => Promise<Readiness>): Router {
  const r = listedRouter();
  r.get('/healthz', (_req, res) => void res.json({ ok: true }));
  r.get('/readyz', async (_req, res) => {
    const ready = await readiness().catch((err: unknown) => ({ ready: false, error: err instanceof Error ? err.message : String(err) }));
    res.status(ready.ready ? 200 : 503).set('Cache-Control', 'no-store').json(ready);
  });
  return r;
}
