import type Database from 'better-sqlite3';
import type { ClaimedJob, JobRepository, JobRow, NewJob } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** Durable jobs claimed with a lease; `attempt` fences a stale holder off. */
export class SqliteJobRepository implements JobRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      add: db.prepare('INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?)'),
      claim: db.prepare(`UPDATE jobs SET lease_until = @leaseUntil, attempt = attempt + 1
        WHERE id IN (
          SELECT id FROM jobs
          WHERE kind IN (SELECT value FROM json_each(@kinds)) AND done_at IS NULL AND run_at <= @now
            AND (lease_until IS NULL OR lease_until <= @now)
          ORDER BY run_at LIMIT @limit)
        RETURNING id, kind, payload, attempt, lease_until`),
      extend: db.prepare('UPDATE jobs SET lease_until = ? WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      complete: db.prepare('UPDATE jobs SET done_at = ?, lease_until = NULL WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      release: db.prepare('UPDATE jobs SET run_at = ?, last_error = ?, lease_until = NULL WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
    };
  }

  async add(job: NewJob, now: number): Promise<number> {
    return Number(this.q.add.run(job.kind, JSON.stringify(job.payload), job.runAt, now).lastInsertRowid);
  }

  async claim(kinds: readonly string[], now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const rows = this.q.claim.all({ kinds: JSON.stringify(kinds), now, leaseUntil: now + leaseMs, limit }) as Raw[];
    return rows.map((r) => ({
      id: r.id as number,
      kind: r.kind as string,
      payload: JSON.parse(r.payload as string),
      attempt: r.attempt as number,
      leaseUntil: r.lease_until as number,
    }));
  }

  async extend(id: number, attempt: number, leaseUntil: number): Promise<boolean> {
    return this.q.extend.run(leaseUntil, id, attempt).changes === 1;
  }

  async complete(id: number, attempt: number, now: number): Promise<boolean> {
    return this.q.complete.run(now, id, attempt).changes === 1;
  }

  async release(id: number, attempt: number, runAt: number, error: string): Promise<boolean> {
    return this.q.release.run(runAt, error.slice(0, 2000), id, attempt).changes === 1;
  }

  async get(id: number): Promise<JobRow | undefined> {
    const r = this.q.get.get(id) as Raw | undefined;
    return (
      r && {
        id: r.id as number,
        kind: r.kind as string,
        payload: JSON.parse(r.payload as string),
        runAt: r.run_at as number,
        attempt: r.attempt as number,
        leaseUntil: (r.lease_until as number | null) ?? null,
        lastError: (r.last_error as string | null) ?? null,
        doneAt: (r.done_at as number | null) ?? null,
      }
    );
  }
}
