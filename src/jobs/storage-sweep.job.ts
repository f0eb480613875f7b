import type { Logger } from '../logger.ts';
import type { EvidenceStorage } from '../storage/evidence-storage.port.ts';
import type { ClaimedJob, Store } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { Retention } from './retention.ts';

/** The durable chore that applies the retention policy; one chain of it runs per store. */
export const STORAGE_SWEEP_JOB = 'storage.sweep';

/** Rows per unit of work: short transactions, so commands never wait long behind the sweep. */
const BATCH = 500;

export interface StorageSweepDeps {
  store: Store;
  storage: EvidenceStorage;
  clock: Clock;
  log: Logger;
  retention: Retention;
}

/** Queues the sweep (now) unless one is queued already: called at start. */
export async function scheduleStorageSweep(store: Store, now: number): Promise<void> {
  await store.transaction((tx) => tx.jobs.ensure({ kind: STORAGE_SWEEP_JOB, payload: {}, runAt: now }, now));
}

/**
 * The `storage.sweep` job: prunes expired idempotency answers, removes rejected files past
 * their retention (the evidence row stays, with `fileRemovedAt`), then removes objects no
 * live row points at and dead temp files — by their real (file) age, so a file being
 * uploaded or registered right now is never taken. It completes and queues its next run in one unit of work.
 *
 *   runner.register(STORAGE_SWEEP_JOB, storageSweep({ store, storage, clock, log, retention }), 1);
 */
export function storageSweep(d: StorageSweepDeps) {
  return async (job: ClaimedJob): Promise<void> => {
    const now = d.clock.now();
    const { store, retention } = d;
    let answers = 0;
    for (let n = BATCH; n === BATCH; answers += n) {
      n = await store.transaction((tx) => tx.idempotency.prune(now - retention.idempotencyMs, BATCH));
    }
    let rejected = 0;
    for (let batch = BATCH; batch === BATCH; ) {
      const due = await store.read((r) => r.evidence.rejectedBefore(now - retention.rejectedFileMs, BATCH));
      await store.transaction(async (tx) => {
        for (const e of due) await tx.evidence.markFileRemoved(e.id, now);
      });
      batch = due.length;
      rejected += batch;
    }
    const files = await d.storage.removeStale(
      async (sha256) => (await store.read((r) => r.evidence.countBySha256(sha256))) > 0,
      retention.orphanFileMs,
    );
    await store.transaction(async (tx) => {
      await tx.jobs.complete(job.id, job.attempt, now);
      await tx.jobs.ensure({ kind: STORAGE_SWEEP_JOB, payload: {}, runAt: now + retention.sweepEveryMs }, now);
    });
    d.log.info({ answers, rejected, ...files }, 'storage sweep done');
  };
}
