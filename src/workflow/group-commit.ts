import type { DisputeRepository } from '../store/dispute.repository.port.ts';

interface Pending {
  run: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: commands submitted in the same event-loop turn run inside one SQLite
 * transaction, each in its own savepoint, so one command's failure rolls back only its own
 * writes. Replies are released only after the shared COMMIT, so no client ever sees an
 * answer for work that a crash could lose. Why: on this 2-core VM a commit costs ~100 µs of
 * WAL writes; sharing it across the commands of a turn took loopback HTTP from ~2,000 to
 * the figures in bench/core.bench.ts.
 *
 *   const commits = new GroupCommit(store);
 *   const view = await commits.submit(() => workflow.send(id, event));
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly store: DisputeRepository,
    private readonly maxBatch = 128,
  ) {}

  submit<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) this.schedule();
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.store.transaction(() => {
        for (const item of batch) {
          try {
            results.push({ ok: true, value: this.store.transaction(item.run) });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The COMMIT itself failed: nothing of the batch is durable, so every command fails.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i]!;
      if (r.ok) item.resolve(r.value);
      else item.reject(r.error);
    });
  }
}
