import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.port.ts';
import type { Clock } from './clock.ts';
import type { DisputeWorkflow } from './dispute-workflow.ts';

export interface TimerPollerOptions {
  /** How long a claim is held. A process that dies mid-burst delays its claimed deadlines by at most this plus `maxSleepMs`. */
  leaseMs: number;
  /** Deadlines claimed per round; the event loop gets a turn between rounds. */
  batch: number;
  maxSleepMs: number;
}

/**
 * Fires deadlines. Claims due timer rows with a lease (so pollers in several processes never
 * fire a row at once) in small batches, and sends each dispute a `fire_deadlines` command
 * through the one command path; the firing is stamped with the deadline's own instant. A
 * duplicate firing is a no-op (the snapshot no longer holds the deadline). It sleeps until
 * the next claimable time (at most `maxSleepMs`); commits here and notifications from other
 * processes wake it sooner.
 */
export class TimerPoller {
  private timer: NodeJS.Timeout | undefined;
  private plannedAt = Infinity;
  private stopped = true;
  private running: Promise<void> | undefined;
  private halting = false;

  constructor(
    private readonly store: Store,
    private readonly workflow: DisputeWorkflow,
    private readonly clock: Clock,
    private readonly log: Logger,
    // 20 per round keeps a round under ~5 ms on SQLite, so a burst of 400 never holds the loop.
    private readonly opts: TimerPollerOptions = { leaseMs: 5_000, batch: 20, maxSleepMs: 1_000 },
  ) {}

  /** True between start() and stop() (readiness reports it). */
  get polling(): boolean {
    return !this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.halting = false;
    this.store.onNotify('timers', () => this.wake(this.clock.now()));
    this.plan(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Re-plans when a commit brought a deadline sooner than the one we sleep towards. */
  wake(dueAt: number | null): void {
    if (!this.stopped && dueAt !== null && dueAt < this.plannedAt) this.plan(Math.max(0, dueAt - this.clock.now()));
  }

  /** Claims and fires what is due now, round by round; returns how many deadlines fired. */
  async runOnce(): Promise<number> {
    let fired = 0;
    while (!this.halting) {
      const claimed = await this.store.transaction((tx) => tx.timers.claimDue(this.clock.now(), this.opts.leaseMs, this.opts.batch));
      if (claimed.length === 0) return fired;
      const results = await Promise.all(
        [...new Set(claimed.map((t) => t.disputeId))].map((disputeId) =>
          this.workflow.execute({ type: 'fire_deadlines', disputeId }).catch((err: unknown) => {
            // The lease keeps a failing row from spinning; it is retried when the lease ends.
            this.log.error({ err, disputeId }, 'deadline firing failed');
            return undefined;
          }),
        ),
      );
      for (const o of results) if (o?.ok) fired += o.fired ?? 0;
      await new Promise((r) => setImmediate(r));
    }
    return fired;
  }

  private plan(delayMs: number): void {
    clearTimeout(this.timer);
    const delay = Math.min(delayMs, this.opts.maxSleepMs);
    this.plannedAt = this.clock.now() + delay;
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    let done!: () => void;
    this.running = new Promise((r) => (done = r));
    try {
      const fired = await this.runOnce();
      if (fired) this.log.info({ fired }, 'deadlines fired');
      const next = await this.store.read((r) => r.timers.nextClaimable());
      if (!this.stopped) this.plan(next === undefined ? this.opts.maxSleepMs : Math.max(0, next - this.clock.now()));
    } catch (err) {
      this.log.error({ err }, 'timer poll failed');
      if (!this.stopped) this.plan(this.opts.maxSleepMs);
    } finally {
      this.running = undefined;
      done();
    }
  }
}
