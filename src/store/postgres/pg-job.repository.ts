import type { ClaimedJob, JobRepository, JobRow, NewJob } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { toJobRow, type JobRecord } from './pg-rows.ts';

/** Kept of a failure's message on release, as in SQLite. */
const MAX_ERROR_CHARS = 2000;

/** Durable jobs claimed with a lease (SKIP LOCKED: racing claimers take disjoint jobs); `attempt` fences a stale holder off. */
export class PgJobRepository implements JobRepository {
  constructor(private readonly db: Queryable) {}

  async add(job: NewJob, now: number): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>('INSERT INTO jobs (kind, payload, run_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      job.kind,
      json(job.payload),
      job.runAt,
      now,
    ]);
    return rows[0]!.id;
  }

  async claim(kinds: readonly string[], now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const { rows } = await this.db.query<{ id: number; kind: string; payload: string; attempt: number; lease_until: number; run_at: number }>(
      `UPDATE jobs SET lease_until = $3, attempt = attempt + 1
       WHERE id IN (
         SELECT id FROM jobs
         WHERE kind = ANY ($1::text[]) AND done_at IS NULL AND run_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, payload, attempt, lease_until, run_at`,
      [[...kinds], now, now + leaseMs, limit],
    );
    return rows
      .sort((a, b) => a.run_at - b.run_at || a.id - b.id)
      .map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload), attempt: r.attempt, leaseUntil: r.lease_until }));
  }

  async extend(id: number, attempt: number, leaseUntil: number): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE jobs SET lease_until = $3 WHERE id = $1 AND attempt = $2 AND done_at IS NULL', [id, attempt, leaseUntil]);
    return rowCount === 1;
  }

  async complete(id: number, attempt: number, now: number): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE jobs SET done_at = $3, lease_until = NULL WHERE id = $1 AND attempt = $2 AND done_at IS NULL', [id, attempt, now]);
    return rowCount === 1;
  }

  async release(id: number, attempt: number, runAt: number, error: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'UPDATE jobs SET run_at = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND attempt = $2 AND done_at IS NULL',
      [id, attempt, runAt, error.slice(0, MAX_ERROR_CHARS)],
    );
    return rowCount === 1;
  }

  async get(id: number): Promise<JobRow | undefined> {
    const { rows } = await this.db.query<JobRecord>('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] && toJobRow(rows[0]);
  }
}
