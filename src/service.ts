import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createCheckPool } from './evidence/check-pool.ts';
import { EvidenceService } from './evidence/evidence-service.ts';
import { createApp, DEFAULT_ACCESS, type AccessOptions } from './http/app.ts';
import { integrationsFromEnv, type IntegrationsConfig } from './integrations/config.ts';
import { helpdesksOf } from './integrations/helpdesks.ts';
import { registerHelpdeskJobs } from './integrations/jobs.ts';
import { JobRunner, type JobRunnerOptions } from './jobs/job-runner.ts';
import { logger as defaultLogger, type Logger } from './logger.ts';
import { LocalFolderStorage } from './storage/local-folder.storage.ts';
import { openStore } from './store/open-store.ts';
import { systemClock, type Clock } from './workflow/clock.ts';
import { EVIDENCE_CHECK_JOB } from './workflow/commands/register-evidence.handler.ts';
import { DisputeWorkflow } from './workflow/dispute-workflow.ts';
import { TimerPoller, type TimerPollerOptions } from './workflow/timer-poller.ts';

export interface ServiceOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** `postgres://…` runs on PostgreSQL; absent, SQLite in `dataDir`. */
  databaseUrl?: string;
  uploadsDir?: string;
  clock?: Clock;
  log?: Logger;
  /** Evidence check worker threads (default 2, one per core). */
  checkConcurrency?: number;
  /** Start the timer poller (tests that drive deadlines by hand turn it off). */
  timers?: boolean;
  /** Run evidence check jobs in this process (default true). */
  jobs?: boolean;
  timerOptions?: TimerPollerOptions;
  jobOptions?: JobRunnerOptions;
  /** API keys on (default), CORS origins, rate limit. `auth: 'off'` is refused unless `host` is loopback. */
  access?: Partial<AccessOptions>;
  /** Helpdesk integrations (Zendesk, Chatwoot, Freshdesk); none when absent. */
  integrations?: IntegrationsConfig;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Settings from the environment, on embedded defaults: `./data` (SQLite), `./uploads`, port 3000. */
export function optionsFromEnv(env = process.env): ServiceOptions {
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? 'data',
    databaseUrl: env.DATABASE_URL || undefined,
    uploadsDir: env.UPLOADS_DIR ?? 'uploads',
    checkConcurrency: env.CHECK_CONCURRENCY ? Number(env.CHECK_CONCURRENCY) : undefined,
    integrations: integrationsFromEnv(env),
    access: {
      auth: env.AUTH === 'off' ? 'off' : 'on',
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      ...(env.RATE_LIMIT_PER_MINUTE ? { rateLimit: { limit: Number(env.RATE_LIMIT_PER_MINUTE), windowMs: 60_000 } } : {}),
    },
    // Lease lengths: how soon another process takes over a dead one's deadlines and checks.
    ...(env.TIMER_LEASE_MS ? { timerOptions: { leaseMs: Number(env.TIMER_LEASE_MS), batch: 20, maxSleepMs: 1_000 } } : {}),
    ...(env.JOB_LEASE_MS ? { jobOptions: { leaseMs: Number(env.JOB_LEASE_MS), pollMs: 1_000, retryBaseMs: 1_000 } } : {}),
  };
}

/**
 * Wires store, workflow, timer poller, job runner and HTTP app and listens. Any number of
 * processes may run on one store: timers and jobs are claimed with leases.
 *
 *   const svc = await startService({ port: 0, dataDir: tmp });
 *   await fetch(`${svc.url}/api/disputes`, ...); await svc.close();
 */
export async function startService(opts: ServiceOptions = {}) {
  const log = opts.log ?? defaultLogger;
  const clock = opts.clock ?? systemClock;
  const access: AccessOptions = { ...DEFAULT_ACCESS, ...opts.access };
  const host = opts.host ?? '127.0.0.1';
  if (access.auth === 'off') {
    if (!LOOPBACK.has(host)) throw new Error(`AUTH=off is allowed only on loopback (HOST=127.0.0.1), not on ${host}: anyone who reaches the port could act for every party.`);
    log.warn('AUTH=off: every request acts with every role, without a key. For local trials only; never expose this port.');
  }
  const dataDir = resolve(opts.dataDir ?? 'data');
  const uploadsDir = resolve(opts.uploadsDir ?? 'uploads');
  const store = await openStore({ databaseUrl: opts.databaseUrl, dataDir });
  let poller: TimerPoller | undefined;
  let runner: JobRunner | undefined;
  const workflow = new DisputeWorkflow(store, clock, {
    onCommitted: (changes, jobsAdded) => {
      for (const c of changes) poller?.wake(c.nextDueAt);
      if (jobsAdded) {
        runner?.wake();
        void store.notify('jobs').catch((err: unknown) => log.warn({ err }, 'notify failed'));
      }
    },
  });
  poller = new TimerPoller(store, workflow, clock, log, opts.timerOptions);
  const storage = new LocalFolderStorage(uploadsDir);
  const cleaned = await storage.prepare(async (sha) => (await store.read((r) => r.evidence.countBySha256(sha))) > 0);
  if (cleaned.tempRemoved || cleaned.orphansRemoved) log.info(cleaned, 'stale uploads removed');
  const concurrency = opts.checkConcurrency ?? 2;
  const pool = createCheckPool({ concurrency });
  const evidenceService = new EvidenceService({ workflow, storage, pool, proofsDir: join(uploadsDir, 'proofs'), clock, log });
  runner = new JobRunner(store, clock, log, opts.jobOptions);
  runner.register(EVIDENCE_CHECK_JOB, (job, signal) => evidenceService.checkJob(job, signal), concurrency);
  // Helpdesk integrations: their job kinds, and their webhook routes below.
  const helpdeskConfig = opts.integrations;
  const helpdesks = helpdeskConfig && helpdesksOf(helpdeskConfig);
  if (helpdesks) registerHelpdeskJobs(runner, { store, workflow, helpdesks, publicUrl: helpdeskConfig.publicUrl, clock, log });
  const integrations = helpdesks && { helpdesks, wakeJobs: () => runner?.wake() };
  const app = createApp({ workflow, clock, log, evidence: { service: evidenceService, storage }, access, integrations });
  if (opts.timers !== false) poller.start();
  if (opts.jobs !== false) runner.start();

  const server: Server = await new Promise((ok, fail) => {
    const s = app.listen(opts.port ?? 3000, host, () => ok(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, store: store.dialect, dataDir: store.dialect === 'sqlite' ? dataDir : undefined, uploadsDir }, 'dispute service listening');

  return {
    url,
    access,
    store,
    workflow,
    poller,
    runner,
    storage,
    evidenceService,
    uploadsDir,
    /** Stops taking work, lets what is in flight settle (checks are aborted and retried elsewhere), closes the store. */
    async close() {
      await poller?.stop();
      const jobsStopped = runner?.stop();
      await pool.close();
      await jobsStopped;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      });
      await store.close();
    },
  };
}
export type Service = Awaited<ReturnType<typeof startService>>;
