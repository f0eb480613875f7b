import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createApp } from './http/app.ts';
import { logger as defaultLogger, type Logger } from './logger.ts';
import { SqliteDisputeRepository } from './store/sqlite/sqlite-dispute.repository.ts';
import { systemClock, type Clock } from './workflow/clock.ts';
import { DisputeWorkflow } from './workflow/dispute-workflow.ts';
import { GroupCommit } from './workflow/group-commit.ts';
import { SqliteEvidenceRepository } from './store/sqlite/sqlite-evidence.repository.ts';
import { createCheckPool } from './evidence/check-pool.ts';
import { EvidenceService } from './evidence/evidence-service.ts';
import { TimerPoller } from './workflow/timer-poller.ts';

export interface ServiceOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  uploadsDir?: string;
  clock?: Clock;
  log?: Logger;
  /** Evidence check worker threads (default 2, one per core). */
  checkConcurrency?: number;
  /** Start the timer poller (tests that drive deadlines by hand turn it off). */
  timers?: boolean;
}

/** Settings from the environment, on embedded defaults: `./data`, `./uploads`, port 3000. */
export function optionsFromEnv(env = process.env): ServiceOptions {
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? 'data',
    uploadsDir: env.UPLOADS_DIR ?? 'uploads',
    checkConcurrency: env.CHECK_CONCURRENCY ? Number(env.CHECK_CONCURRENCY) : undefined,
  };
}

/**
 * Wires store, workflow, timer poller and HTTP app and listens.
 *
 *   const svc = await startService({ port: 0, dataDir: tmp });
 *   await fetch(`${svc.url}/api/disputes`, ...); await svc.close();
 */
export async function startService(opts: ServiceOptions = {}) {
  const log = opts.log ?? defaultLogger;
  const clock = opts.clock ?? systemClock;
  const dataDir = resolve(opts.dataDir ?? 'data');
  const uploadsDir = resolve(opts.uploadsDir ?? 'uploads');
  const store = new SqliteDisputeRepository(join(dataDir, 'disputes.sqlite'));
  let poller: TimerPoller | undefined;
  const workflow = new DisputeWorkflow(store, clock, { onCommitted: (c) => poller?.wake(c.nextDueAt) });
  poller = new TimerPoller(store, workflow, clock, log);
  const commits = new GroupCommit(store);
  const evidence = new SqliteEvidenceRepository(store.db);
  const pool = createCheckPool({ concurrency: opts.checkConcurrency ?? 2 });
  const evidenceService = new EvidenceService({ store, evidence, workflow, pool, uploadsDir, clock, log });
  await evidenceService.prepare();
  const app = createApp({ workflow, commits, store, clock, log, evidence: { service: evidenceService, store: evidence } });
  if (opts.timers !== false) poller.start();
  const resumed = evidenceService.resume();
  if (resumed) log.info({ resumed }, 'evidence checks resumed');

  const server: Server = await new Promise((ok) => {
    const s = app.listen(opts.port ?? 3000, opts.host ?? '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, dataDir, uploadsDir }, 'dispute service listening');

  return {
    url,
    store,
    workflow,
    commits,
    poller,
    evidence,
    evidenceService,
    uploadsDir,
    async close() {
      poller?.stop();
      await pool.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections?.();
      store.close();
    },
  };
}
export type Service = Awaited<ReturnType<typeof startService>>;
