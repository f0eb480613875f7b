import type { CheckPool } from './evidence/check-pool.ts';
import type { UploadSlots } from './evidence/upload/upload-slots.ts';
import type { Readiness } from './http/routes/health.routes.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import type { Store } from './store/store.port.ts';
import type { Clock } from './workflow/clock.ts';
import { EVIDENCE_CHECK_JOB } from './workflow/commands/register-evidence.handler.ts';
import type { TimerPoller } from './workflow/timer-poller.ts';

export interface ReadinessDeps {
  store: Store;
  clock: Clock;
  runner: JobRunner;
  poller: TimerPoller;
  pool: CheckPool;
  slots: UploadSlots;
  /** This process was started to run jobs / fire timers (a process may leave them to others). */
  jobsExpected: boolean;
  timersExpected: boolean;
}

/**
 * What `/readyz` answers: the store answers a query, every shipped migration is applied, the
 * job runner and timer poller run (when this process is meant to run them), and how deep
 * the check queue is (waiting per lane across every process, running, waiting for a thread
 * here) and how many uploads stream into this process.
 */
export function readiness(d: ReadinessDeps): () => Promise<Readiness> {
  return async () => {
    const [pendingMigrations, checks] = await Promise.all([
      d.store.pendingMigrations(),
      d.store.read((r) => r.jobs.depth(EVIDENCE_CHECK_JOB, d.clock.now())),
    ]);
    const jobRunner = d.runner.running || !d.jobsExpected;
    const timerPoller = d.poller.polling || !d.timersExpected;
    return {
      ready: pendingMigrations === 0 && jobRunner && timerPoller,
      store: { dialect: d.store.dialect, reachable: true, pendingMigrations },
      jobRunner: d.runner.running ? 'running' : 'stopped',
      timerPoller: d.poller.polling ? 'running' : 'stopped',
      checkQueue: { ...checks, waitingForThread: d.pool.queued },
      uploads: { inFlight: d.slots.inFlight },
    };
  };
}
