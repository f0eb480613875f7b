import type { Logger } from '../logger.ts';
import type { ClaimedJob, Store } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';

/** Runs one claimed job. `signal` aborts when the claim was lost (another process took the job over). */
export type JobHandler = (job: ClaimedJob, signal: AbortSignal) => Promise<void>;

export interface JobRunnerOptions {
  /** How long a claim lasts without a heartbeat; a dead process's jobs are re-claimable this long after its last one. */
  leaseMs: number;
  /** How often to look for jobs nobody told us about (other SQLite processes, expired leases). */
  pollMs: number;
  /** First retry delay after a failure; doubles per attempt, capped at 60 s. */
  retryBaseMs: number;
}

interface Kind {
  handler: JobHandler;
  concurrency: number;
  running: number;
}

/**
 * Claims durable jobs with a lease and runs them, any number of processes side by side.
 * While a job runs its lease is extended every `leaseMs / 3`; a failure gives the job back
 * with a growing delay; a process that dies simply stops extending, and the job is claimed
 * again by whoever polls after its lease ends. Handlers complete their job inside the unit
 * of work that records its result (the claim's `attempt` fences a stale holder off).
 *
 *   const runner = new JobRunner(store, systemClock, log);
 *   runner.register('evidence.check', handler, 2);
 *   runner.start(); … await runner.stop();
 */
export class JobRunner {
  private readonly kinds = new Map<string, Kind>();
  private readonly inFlight = new Set<Promise<void>>();
  private poll: NodeJS.Timeout | undefined;
  private stopped = true;
  private pumping = false;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    // 10 s: a killed process's check resumes elsewhere within ~11 s; heartbeats every 3.3 s cost one UPDATE each.
    private readonly opts: JobRunnerOptions = { leaseMs: 10_000, pollMs: 1_000, retryBaseMs: 1_000 },
  ) {}

  register(kind: string, handler: JobHandler, concurrency: number): void {
    this.kinds.set(kind, { handler, concurrency, running: 0 });
  }

  start(): void {
    this.stopped = false;
    this.store.onNotify('jobs', () => this.wake());
    this.poll = setInterval(() => this.wake(), this.opts.pollMs);
    this.poll.unref();
    this.wake();
  }

  /** True between start() and stop(): it claims jobs (readiness reports it). */
  get running(): boolean {
    return !this.stopped;
  }

  /**
   * Stops claiming and waits for the jobs in flight. A job whose handler fails while the
   * runner stops (its check thread was closed under it) is given back to run at once, not
   * after a backoff: a restart resumes it and nothing is lost. A job that finished in time
   * keeps its result (the give-back is fenced by `done_at`).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for work now (after a local commit added a job, or a notification). */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((err: unknown) => this.log.error({ err }, 'job claim failed'))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    for (const [name, kind] of this.kinds) {
      const free = kind.concurrency - kind.running;
      if (free <= 0 || this.stopped) continue;
      const claimed = await this.store.transaction((tx) => tx.jobs.claim([name], this.clock.now(), this.opts.leaseMs, free));
      for (const job of claimed) this.track(this.run(kind, job));
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.wake();
    });
  }

  private async run(kind: Kind, job: ClaimedJob): Promise<void> {
    kind.running++;
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      this.store
        .transaction((tx) => tx.jobs.extend(job.id, job.attempt, this.clock.now() + this.opts.leaseMs))
        .then((held) => held || lost.abort(new Error(`job ${job.id} was claimed by another holder`)))
        .catch((err: unknown) => this.log.warn({ err, jobId: job.id }, 'job heartbeat failed'));
    }, this.opts.leaseMs / 3);
    try {
      await kind.handler(job, lost.signal);
    } catch (err) {
      if (this.stopped) return await this.giveBack(job);
      const delay = Math.min(60_000, this.opts.retryBaseMs * 2 ** (job.attempt - 1));
      this.log.error({ err, jobId: job.id, kind: job.kind, attempt: job.attempt, retryInMs: delay }, 'job failed; it will be retried');
      const message = err instanceof Error ? err.message : String(err);
      await this.store
        .transaction((tx) => tx.jobs.release(job.id, job.attempt, this.clock.now() + delay, message))
        .catch((e: unknown) => this.log.error({ err: e, jobId: job.id }, 'job release failed; its lease will expire'));
    } finally {
      clearInterval(heartbeat);
      kind.running--;
    }
  }

  /** Shutdown: the job runs again as soon as any process (or this one, restarted) polls. */
  private async giveBack(job: ClaimedJob): Promise<void> {
    this.log.info({ jobId: job.id, kind: job.kind }, 'job given back at shutdown');
    await this.store
      .transaction((tx) => tx.jobs.release(job.id, job.attempt, this.clock.now(), 'interrupted by shutdown'))
      .catch((e: unknown) => this.log.error({ err: e, jobId: job.id }, 'job give-back failed; its lease will expire'));
  }
}
