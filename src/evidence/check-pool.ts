/**
 * Runs evidence checks off the request thread: a few worker threads (default 2, one per core
 * on our machines), a FIFO queue, and a timeout per file. Workers load TypeScript through
 * tsx (registered by a boot script, see below) and stay alive between jobs, so zxing's wasm and the OCR model load
 * once per thread, not per file.
 *
 * Timeouts: the worker's own runChecks aborts at `timeoutMs` (killing ffmpeg) and still
 * returns a report (`CHECK.TIMEOUT` rows → needs_review). If the thread does not answer
 * within `graceMs` after that, it is terminated and replaced, and the caller gets a
 * needs_review report built here.
 *
 * ```ts
 * const pool = createCheckPool({ concurrency: 2, timeoutMs: 60_000 });
 * const report = await pool.run({ path: '/uploads/ab/cd…', kind: 'packing_video', ctx: { policy, skus, trackingNumber, findReuse } });
 * await pool.close();
 * ```
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvidenceKind } from '../domain/evidence-summary.ts';
import type { CheckContext } from './check.ts';
import type { PoolRequest, PortableContext, WorkerMessage } from './check-pool.messages.ts';
import { sha256File } from './hash.ts';
import { evidenceLog } from './log.ts';
import type { EvidenceReport } from './report.ts';
import { DEFAULT_TIMEOUT_MS } from './run-checks.ts';

/*
 * In Node 20, `execArgv: ['--import', 'tsx']` does not make a worker load .ts ("Unknown file
 * extension"): tsx registers its hooks on the main thread only. So each thread starts from a
 * tiny CommonJS boot script that registers tsx's ESM hooks itself, then imports check-worker.ts.
 */
// tsx's ESM API (`register()`); `--import tsx` itself only registers on the main thread in Node 20.
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs')).href;
const WORKER_ENTRY = new URL('./check-worker.ts', import.meta.url).href;
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

export interface CheckPoolOptions {
  /** Worker threads (default 2). */
  concurrency?: number;
  /** Per-file budget in ms (default 60 s). */
  timeoutMs?: number;
  /** Extra time a worker gets to report after its timeout before it is terminated (default 5 s). */
  graceMs?: number;
}

export interface CheckJob {
  path: string;
  kind: EvidenceKind;
  ctx: Omit<CheckContext, 'signal' | 'log'>;
}

export interface CheckPool {
  run(job: CheckJob): Promise<EvidenceReport>;
  /** Jobs waiting for a thread. */
  readonly queued: number;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  job: CheckJob;
  resolve: (r: EvidenceReport) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Pending;
  timer?: NodeJS.Timeout;
}

export function createCheckPool(opts: CheckPoolOptions = {}): CheckPool {
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const graceMs = opts.graceMs ?? 5_000;
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { tsxApi: TSX_API, entry: WORKER_ENTRY } });
    const slot: Slot = { worker };
    worker.on('message', (m: WorkerMessage) => onMessage(slot, m));
    worker.on('error', (err) => {
      evidenceLog.error({ err }, 'check worker crashed');
      finish(slot, (p) => p.reject(err));
    });
    worker.on('exit', () => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      finish(slot, (p) => p.reject(new Error('check worker exited')));
      pump();
    });
    slots.push(slot);
    return slot;
  }

  function onMessage(slot: Slot, m: WorkerMessage): void {
    const p = slot.job;
    if (!p || m.jobId !== p.id) return;
    if (m.type === 'findReuse') {
      const lookup = p.job.ctx.findReuse;
      Promise.resolve(lookup ? lookup(m.sha256, m.phash) : [])
        .catch((err: unknown) => {
          evidenceLog.error({ err }, 'findReuse failed');
          return [];
        })
        .then((hits) => post(slot, { type: 'reuse', reqId: m.reqId, hits }));
      return;
    }
    finish(slot, (job) => (m.type === 'done' ? job.resolve(m.report) : job.reject(new Error(m.message))));
    pump();
  }

  function post(slot: Slot, m: PoolRequest): void {
    slot.worker.postMessage(m);
  }

  function finish(slot: Slot, settle: (p: Pending) => void): void {
    const p = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    if (p) settle(p);
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < concurrency ? spawn() : undefined);
      if (!slot) return;
      const p = queue.shift() as Pending;
      slot.job = p;
      const { findReuse, ...rest } = p.job.ctx;
      const ctx: PortableContext = { policy: rest.policy, disputeId: rest.disputeId, skus: rest.skus, trackingNumber: rest.trackingNumber, proofDir: rest.proofDir };
      post(slot, { type: 'run', jobId: p.id, path: p.job.path, kind: p.job.kind, ctx, hasReuse: !!findReuse, timeoutMs });
      slot.timer = setTimeout(() => hardTimeout(slot, p), timeoutMs + graceMs);
    }
  }

  function hardTimeout(slot: Slot, p: Pending): void {
    if (slot.job !== p) return;
    evidenceLog.warn({ path: p.job.path }, 'check worker did not answer in time; terminating it');
    slot.job = undefined;
    void slot.worker.terminate();
    void timeoutReport(p.job, timeoutMs + graceMs).then(p.resolve, p.reject);
  }

  return {
    run(job) {
      if (closed) return Promise.reject(new Error('check pool is closed'));
      return new Promise<EvidenceReport>((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      });
    },
    get queued() {
      return queue.length;
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('check pool closed'));
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.worker.once('exit', () => resolve());
              post(s, { type: 'close' });
              // A worker that does not close its port in time is terminated.
              setTimeout(() => void s.worker.terminate(), 2_000).unref();
            }),
        ),
      );
    },
  };
}

async function timeoutReport(job: CheckJob, elapsedMs: number): Promise<EvidenceReport> {
  return {
    status: 'needs_review',
    kind: job.kind,
    sha256: await sha256File(job.path),
    sniffedType: null,
    bytes: 0,
    checks: [{ id: 'checks', status: 'warn', code: 'CHECK.TIMEOUT', message: 'The checks did not finish in time; a person will look at this file.' }],
    policyVersion: job.ctx.policy.version,
    elapsedMs,
  };
}
