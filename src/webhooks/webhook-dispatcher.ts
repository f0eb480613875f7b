import type { JobRunner } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { Store } from '../store/store.port.ts';
import { WEBHOOK_DELIVER_JOB } from '../store/webhook.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import { noticeDeadlines } from './deadline-notices.ts';
import { deliverOnce } from './deliver-job.ts';
import { ROUTE_BATCH, routeOutbox } from './route-outbox.ts';
import type { WebhookConfig } from './webhook-config.ts';

export interface DispatcherDeps {
  store: Store;
  runner: JobRunner;
  clock: Clock;
  log: Logger;
  policies: PolicyBook;
  config: WebhookConfig;
}

/**
 * Moves the outbox to the receivers, in any number of processes: routes outbox rows to
 * deliveries (on wake after a local commit, and every `pollMs` for other processes' rows),
 * writes deadline notices and prunes old rows every `sweepMs`, and runs `webhook.deliver`
 * jobs on the shared job runner (leases, heartbeats, take-over after a crash).
 *
 *   const d = new WebhookDispatcher({ store, runner, clock, log, policies, config });
 *   d.start(); … d.wake(); … await d.stop();
 */
export class WebhookDispatcher {
  private poll: NodeJS.Timeout | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeping: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly deps: DispatcherDeps) {
    deps.runner.register(WEBHOOK_DELIVER_JOB, (job, signal) => deliverOnce(deps, job, signal), deps.config.concurrency);
  }

  start(): void {
    this.stopped = false;
    this.poll = setInterval(() => this.wake(), this.deps.config.pollMs);
    this.sweep = setInterval(() => this.startSweep(), this.deps.config.sweepMs);
    this.poll.unref();
    this.sweep.unref();
    this.startSweep();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.sweep);
    await Promise.all([this.running, this.sweeping]);
  }

  /** Routes the outbox now (after a commit wrote to it). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.route()
      .catch((err: unknown) => this.deps.log.error({ err }, 'webhook routing failed; the next poll retries'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async route(): Promise<void> {
    const { store, clock, log, runner } = this.deps;
    for (;;) {
      const r = await store.transaction((tx) => routeOutbox(tx, clock.now(), log));
      if (r.deliveries) {
        runner.wake();
        await store.notify('jobs');
      }
      if (r.messages < ROUTE_BATCH || this.stopped) return;
    }
  }

  private startSweep(): void {
    if (this.stopped || this.sweeping) return;
    this.sweeping = this.sweepOnce().finally(() => (this.sweeping = undefined));
  }

  private async sweepOnce(): Promise<void> {
    const { store, clock, log, policies, config } = this.deps;
    try {
      const now = clock.now();
      const notices = await store.transaction((tx) => noticeDeadlines(tx, now, policies));
      if (notices) this.wake();
      const pruned = await store.transaction(async (tx) => ({ outbox: await tx.outbox.prune(now - config.retentionMs), ...(await tx.webhooks.prune(now - config.retentionMs)) }));
      if (pruned.outbox || pruned.deliveries) log.info(pruned, 'old webhook deliveries and outbox rows pruned');
    } catch (err) {
      log.error({ err }, 'webhook sweep failed; the next one retries');
    }
  }
}
