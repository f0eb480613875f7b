import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createCheckPool } from './evidence/check-pool.ts';
import { EvidenceService } from './evidence/evidence-service.ts';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './evidence/upload/upload-limits.ts';
import { uploadReceiver } from './evidence/upload/upload-receiver.ts';
import { UploadSlots } from './evidence/upload/upload-slots.ts';
import { firstAdminKey } from './auth/first-admin-key.ts';
import { createApp, DEFAULT_ACCESS, type AccessOptions } from './http/app.ts';
import { drainable } from './http/drain.ts';
import { listen } from './http/listen.ts';
import { frameAncestorsFromEnv } from './console/frame-ancestors.ts';
import { integrationsFromEnv, type IntegrationsConfig } from './integrations/config.ts';
import { helpdesksOf } from './integrations/helpdesks.ts';
import { registerHelpdeskJobs } from './integrations/jobs.ts';
import { JobRunner, type JobRunnerOptions } from './jobs/job-runner.ts';
import { DEFAULT_RETENTION, type Retention } from './jobs/retention.ts';
import { scheduleStorageSweep, storageSweep, STORAGE_SWEEP_JOB } from './jobs/storage-sweep.job.ts';
import { logger as defaultLogger, type Logger } from './logger.ts';
import { readiness } from './readiness.ts';
import { LocalFolderStorage } from './storage/local-folder.storage.ts';
import { openStore } from './store/open-store.ts';
import { systemClock, type Clock } from './workflow/clock.ts';
import { EVIDENCE_CHECK_JOB } from './workflow/commands/register-evidence.handler.ts';
import { DisputeWorkflow } from './workflow/dispute-workflow.ts';
import { TimerPoller, type TimerPollerOptions } from './workflow/timer-poller.ts';
import { WebhookAdmin } from './webhooks/webhook-admin.ts';
import { DEFAULT_WEBHOOK_CONFIG, webhookConfigFromEnv, type WebhookConfig } from './webhooks/webhook-config.ts';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

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
  /** With keys on, a store that never had a key gets an admin key, handed here once, before the port opens. */
  onFirstAdminKey?: (token: string) => void;
  /** Upload caps and timeouts (defaults and their reasons in upload-limits.ts). */
  uploadLimits?: Partial<UploadLimits>;
  /** Retention of idempotency answers, rejected and orphaned files (defaults in jobs/retention.ts). */
  retention?: Partial<Retention>;
  /** How long `close()` lets requests in flight finish before it cuts their connections (default 10 s). */
  drainMs?: number;
  /**
   * A client must send its request headers within this (default 20 s; Node's own is 60 s):
   * a connection that trickles headers holds a socket like a stalled upload does.
   */
  headersTimeoutMs?: number;
  /** Webhook delivery settings over DEFAULT_WEBHOOK_CONFIG (tests: a fast schedule, loopback receivers). */
  webhooks?: Partial<WebhookConfig>;
  /** Helpdesk integrations (Zendesk, Chatwoot, Freshdesk); none when absent. */
  integrations?: IntegrationsConfig;
  /** Origins that may frame the standalone console (`CONSOLE_FRAME_ANCESTORS`, space or comma separated). */
  consoleFrameAncestors?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Settings from the environment, on embedded defaults: `./data` (SQLite), `./uploads`, port 3000. */
export function optionsFromEnv(env = process.env): ServiceOptions {
  const hours = (v: string) => Number(v) * 60 * 60 * 1000;
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? 'data',
    databaseUrl: env.DATABASE_URL || undefined,
    uploadsDir: env.UPLOADS_DIR ?? 'uploads',
    checkConcurrency: env.CHECK_CONCURRENCY ? Number(env.CHECK_CONCURRENCY) : undefined,
    integrations: integrationsFromEnv(env),
    consoleFrameAncestors: frameAncestorsFromEnv(env.CONSOLE_FRAME_ANCESTORS),
    access: {
      auth: env.AUTH === 'off' ? 'off' : 'on',
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      ...(env.RATE_LIMIT_PER_MINUTE ? { rateLimit: { limit: Number(env.RATE_LIMIT_PER_MINUTE), windowMs: 60_000 } } : {}),
    },
    // Lease lengths: how soon another process takes over a dead one's deadlines and checks.
    ...(env.TIMER_LEASE_MS ? { timerOptions: { leaseMs: Number(env.TIMER_LEASE_MS), batch: 20, maxSleepMs: 1_000 } } : {}),
    ...(env.JOB_LEASE_MS ? { jobOptions: { leaseMs: Number(env.JOB_LEASE_MS), pollMs: 1_000, retryBaseMs: 1_000 } } : {}),
    uploadLimits: {
      ...(env.UPLOADS_PER_CALLER ? { perCaller: Number(env.UPLOADS_PER_CALLER) } : {}),
      ...(env.UPLOADS_TOTAL ? { total: Number(env.UPLOADS_TOTAL) } : {}),
      ...(env.SELLER_QUOTA_BYTES ? { sellerQuotaBytes: Number(env.SELLER_QUOTA_BYTES) } : {}),
    },
    retention: {
      ...(env.IDEMPOTENCY_RETENTION_HOURS ? { idempotencyMs: hours(env.IDEMPOTENCY_RETENTION_HOURS) } : {}),
      ...(env.REJECTED_FILE_RETENTION_HOURS ? { rejectedFileMs: hours(env.REJECTED_FILE_RETENTION_HOURS) } : {}),
    },
    webhooks: webhookConfigFromEnv(env),
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
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...opts.uploadLimits };
  const retention: Retention = { ...DEFAULT_RETENTION, ...opts.retention };
  const store = await openStore({ databaseUrl: opts.databaseUrl, dataDir });
  if (access.auth === 'on' && opts.onFirstAdminKey) {
    const token = await firstAdminKey(store, clock.now());
    if (token) opts.onFirstAdminKey(token);
  }
  let poller: TimerPoller | undefined;
  let runner: JobRunner | undefined;
  let webhooks: WebhookDispatcher | undefined;
  const workflow = new DisputeWorkflow(store, clock, {
    idempotencyRetentionMs: retention.idempotencyMs,
    onCommitted: (changes, jobsAdded) => {
      for (const c of changes) poller?.wake(c.nextDueAt);
      if (changes.length) webhooks?.wake(); // every change wrote an outbox row
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
  const webhookConfig: WebhookConfig = { ...DEFAULT_WEBHOOK_CONFIG, ...opts.webhooks };
  webhooks = new WebhookDispatcher({ store, runner, clock, log, policies: workflow.policies, config: webhookConfig });
  const webhookAdmin = new WebhookAdmin(store, clock, webhookConfig, () => runner?.wake());
  runner.register(STORAGE_SWEEP_JOB, storageSweep({ store, storage, clock, log, retention }), 1);
  await scheduleStorageSweep(store, clock.now());
  const slots = new UploadSlots(limits);
  const uploads = {
    tmpDir: () => storage.tempDir,
    limits,
    slots,
    storedBytes: (sellerId: string) => store.read((r) => r.evidence.storedBytesForSeller(sellerId)),
  };
  const receive = uploadReceiver(uploads);
  // An unfinished tus upload expires when the storage sweep would take its temp files anyway
  // (orphanFileMs, 1 h by default: files untouched that long under tmp/ are removed). The
  // largest file takes ~8 min at 1 MB/s, so an hour leaves room for many dropped connections.
  const resumable = { uploads, expiresAfterMs: retention.orphanFileMs };
  const ready = readiness({ store, clock, runner, poller, pool, slots, jobsExpected: opts.jobs !== false, timersExpected: opts.timers !== false });
  const app = createApp({ workflow, clock, log, evidence: { service: evidenceService, storage, receive, resumable }, readiness: ready, access, webhooks: webhookAdmin, integrations, console: { frameAncestors: opts.consoleFrameAncestors ?? [] } });
  if (opts.timers !== false) poller.start();
  if (opts.jobs !== false) {
    runner.start();
    webhooks.start();
  }

  let server: Server;
  try {
    server = await listen(app, opts.port ?? 3000, host);
  } catch (err) {
    await Promise.allSettled([poller.stop(), webhooks.stop(), runner.stop(), pool.close()]);
    await store.close();
    throw err;
  }
  const drain = drainable(server);
  server.headersTimeout = opts.headersTimeoutMs ?? 20_000;
  // Node ends any request at 300 s by default; an upload may take `totalMs` (its own timer cuts it).
  server.requestTimeout = limits.totalMs + 60_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, store: store.dialect, dataDir: store.dialect === 'sqlite' ? dataDir : undefined, uploadsDir }, 'dispute service listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    access,
    receive,
    resumable,
    webhookAdmin,
    store,
    workflow,
    poller,
    runner,
    webhooks,
    storage,
    evidenceService,
    uploadsDir,
    /**
     * Drains and stops: stops accepting connections, lets requests in flight finish (up to
     * `drainMs`, then cuts them), stops the timer poller, gives running checks back to the
     * queue (they resume after a restart, here or in another process), closes the store.
     * Idempotent.
     */
    close(): Promise<void> {
      closing ??= (async () => {
        await drain(opts.drainMs ?? 10_000);
        await poller?.stop();
        await webhooks?.stop();
        const jobsStopped = runner?.stop();
        await pool.close();
        await jobsStopped;
        await store.close();
      })();
      return closing;
    },
  };
}
export type Service = Awaited<ReturnType<typeof startService>>;
