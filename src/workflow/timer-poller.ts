import type { Logger } from '../logger.ts';
import type { DisputeRepository } from '../store/dispute.repository.port.ts';
import type { Clock } from './clock.ts';
import type { DisputeWorkflow } from './dispute-workflow.ts';

/**
 * Fires deadlines. Claims due timer rows with a lease (so two pollers on one database never
 * fire the same row at once) and sends DEADLINE_PASSED through the command path. A duplicate
 * firing is a no-op: the snapshot no longer holds that deadline, so nothing is applied.
 * It sleeps until the next due time (at most `maxSleepMs`), and `wake()` re-plans after commits.
 */
export class TimerPoller {
  private timer: NodeJS.Timeout | undefined;
  private plannedAt = Infinity;
  private stopped = true;

  constructor(
    private readonly store: DisputeRepository,
    private readonly workflow: DisputeWorkflow,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts = { leaseMs: 30_000, batch: 100, maxSleepMs: 1_000 },
  ) {}

  start(): void {
    this.stopped = false;
    this.plan(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Re-plans when a commit brought a deadline sooner than the one we sleep towards. */
  wake(dueAt: number | null): void {
    if (!this.stopped && dueAt !== null && dueAt < this.plannedAt) this.plan(Math.max(0, dueAt - this.clock.now()));
  }

  /** Claims and fires what is due now; returns how many deadlines fired. */
  runOnce(): number {
    let fired = 0;
    for (;;) {
      const claimed = this.store.claimDueTimers(this.clock.now(), this.opts.leaseMs, this.opts.batch);
      if (claimed.length === 0) return fired;
      for (const id of new Set(claimed.map((t) => t.disputeId))) {
        try {
          const n = this.workflow.fireDue(id);
          // Nothing due any more (fired by another process, or a deadline already met): re-sync its rows.
          if (n === 0) this.workflow.resyncTimers(id);
          fired += n;
        } catch (err) {
          // The lease keeps a failing row from spinning; it is retried when the lease ends.
          this.log.error({ err, disputeId: id }, 'deadline firing failed');
        }
      }
    }
  }

  private plan(delayMs: number): void {
    clearTimeout(this.timer);
    const delay = Math.min(delayMs, this.opts.maxSleepMs);
    this.plannedAt = this.clock.now() + delay;
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopped) return;
    try {
      const fired = this.runOnce();
      if (fired) this.log.info({ fired }, 'deadlines fired');
    } catch (err) {
      this.log.error({ err }, 'timer poll failed');
    }
    const next = this.store.nextTimerDue();
    this.plan(next === undefined ? this.opts.maxSleepMs : Math.max(0, next - this.clock.now()));
  }
}
