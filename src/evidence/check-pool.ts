/**
 * Runs evidence checks off the request thread: a few worker threads (default 2, one per core
 * on our machines), a FIFO queue, and a timeout per file. Workers run the compiled
 * check-worker.js (or, from source under tsx, check-worker.ts through a boot script, see
 * `workerEntry`) and stay alive between jobs, so zxing's wasm and the OCR model load once per
 * thread, not per file.
 *
 * Timeouts: the worker's own runChecks aborts at the job's `timeoutMs` (else the pool's;
 * killing ffmpeg) and still returns a report (`CHECK.TIMEOUT` rows → needs_review). If the
 * thread does not answer within `graceMs` after that, it leaves the pool at once (it never
 * gets another job), is terminated, and the next job starts a fresh thread; the caller gets
 * a needs_review report built here. A thread that crashes leaves the pool the same way.
 *
 * ```ts
 * const pool = createCheckPool({ concurrency: 2, timeoutMs: 60_000 });
 * const report = await pool.run({ path: '/uploads/ab/cd…', kind: 'packing_video', ctx: { policy, skus, trackingNumber, findReuse }, timeoutMs: 120_000 });
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

/**
 * Where a pool thread starts, decided by this module's own file: compiled (dist/…/check-pool.js)
 * → straight on check-worker.js; from source (tests and dev under tsx, check-pool.ts) → on
 * check-worker.ts, through the tsx boot script below.
 *
 *   workerEntry('file:///app/dist/src/evidence/check-pool.js')
 *   // → { url: new URL('file:///app/dist/src/evidence/check-worker.js'), tsx: false }
 */
export function workerEntry(moduleUrl: string): { url: URL; tsx: boolean } {
  const tsx = new URL(moduleUrl).pathname.endsWith('.ts');
  return { url: new URL(tsx ? './check-worker.ts' : './check-worker.js', moduleUrl), tsx };
}

/*
 * In Node 20, `execArgv: ['--import', 'tsx']` does not make a worker load .ts ("Unknown file
 * extension"): tsx registers its hooks on the main thread only. So from source each thread
 * starts from a tiny CommonJS boot script that registers tsx's ESM API (`register()`) itself,
 * then imports check-worker.ts.
 */
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

function startWorker(): Worker {
  const { url, tsx } = workerEntry(import.meta.url);
  if (!tsx) return new Worker(url);
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs')).href;
  return new Worker(TSX_BOOT, { eval: true, workerData: { tsxApi, entry: url.href } });
}

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
  /** This file's budget in ms (default: the pool's `timeoutMs`), e.g. more for a video than a photo. */
  timeoutMs?: number;
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
  /** Live threads that may take jobs. A terminated or crashed thread is removed at once. */
  const slots: Slot[] = [];
  /** Threads terminated after a hard timeout, until they have exited (close() waits for them). */
  const dying = new Set<Promise<number>>();
  let nextId = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker };
    worker.on('message', (m: WorkerMessage) => onMessage(slot, m));
    worker.on('error', (err) => {
      evidenceLog.error({ err }, 'check worker crashed');
      retire(slot);
      finish(slot, (p) => p.reject(err));
      pump();
    });
    worker.on('exit', () => {
      retire(slot);
      finish(slot, (p) => p.reject(new Error('check worker exited')));
      pump();
    });
    slots.push(slot);
    return slot;
  }

  /** Takes a thread out of the pool, so pump() never gives it another job. */
  function retire(slot: Slot): void {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
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
      const ctx: PortableContext = { policy: rest.policy, disputeId: rest.disputeId, skus: rest.skus, trackingNumber: rest.trackingNumber, shippedAt: rest.shippedAt, proofDir: rest.proofDir };
      const budgetMs = p.job.timeoutMs ?? timeoutMs;
      post(slot, { type: 'run', jobId: p.id, path: p.job.path, kind: p.job.kind, ctx, hasReuse: !!findReuse, timeoutMs: budgetMs });
      slot.timer = setTimeout(() => hardTimeout(slot, p, budgetMs + graceMs), budgetMs + graceMs);
    }
  }

  function hardTimeout(slot: Slot, p: Pending, elapsedMs: number): void {
    if (slot.job !== p) return;
    evidenceLog.warn({ path: p.job.path }, 'check worker did not answer in time; terminating it');
    // Out of the pool before anything else: until its 'exit' event the dying thread would
    // otherwise look idle, and pump() would hand it the next job ('check worker exited').
    retire(slot);
    slot.job = undefined;
    const exited = slot.worker.terminate();
    const gone = () => void dying.delete(exited);
    dying.add(exited);
    exited.then(gone, gone);
    void timeoutReport(p.job, elapsedMs).then(p.resolve, p.reject);
    pump();
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
      // Checks in flight are refused, not reported: their jobs go back to the queue and run
      // again after a restart. The abort stops their ffmpeg children; a report the thread
      // sends after this finds no job and is dropped.
      for (const s of slots) {
        const p = s.job;
        finish(s, (job) => job.reject(new Error('check pool closed')));
        if (p) post(s, { type: 'abort', jobId: p.id });
      }
      await Promise.all([
        ...dying,
        ...slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.worker.once('exit', () => resolve());
              post(s, { type: 'close' });
              // A worker that does not close its port in time is terminated.
              setTimeout(() => void s.worker.terminate(), 2_000).unref();
            }),
        ),
      ]);
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
