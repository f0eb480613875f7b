import { CLAIM_ORDER, LANE_CODE } from '../jobs-fair-order.ts';
import type { ClaimedJob, JobRepository, JobRow, NewJob, QueueDepth } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { toJobRow, type JobRecord } from './pg-rows.ts';

/** Kept of a failure's message on release, as in SQLite. */
const MAX_ERROR_CHARS = 2000;

/**
 * Durable jobs claimed with a lease in fair order (see jobs-fair-order.ts; SKIP LOCKED: racing
 * claimers take disjoint jobs); `attempt` fences a stale holder off. Two adds racing for one
 * seller may get the same turn: a tie, broken by age, as harmless as it sounds.
 */
export class PgJobRepository implements JobRepository {
  constructor(private readonly db: Queryable) {}

  async add(job: NewJob, now: number): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO jobs (kind, payload, run_at, created_at, fair_key, lane, turn) VALUES ($1, $2, $3, $4, $5, $6,
         greatest(
           coalesce((SELECT max(turn) + 1 FROM jobs WHERE kind = $1 AND fair_key IS NOT DISTINCT FROM $5 AND lane = $6 AND done_at IS NULL), 0),
           coalesce((SELECT min(turn) FROM jobs WHERE kind = $1 AND done_at IS NULL AND run_at <= $4), 0)))
       RETURNING id`,
      [job.kind, json(job.payload), job.runAt, now, job.fairKey ?? null, LANE_CODE[job.lane ?? 'light']],
    );
    return rows[0]!.id;
  }

  async ensure(job: NewJob, now: number): Promise<boolean> {
    // Two processes starting at once may both add one; each run ensures again, so the twin
    // chains merge into one at the next run.
    const { rows } = await this.db.query('SELECT 1 FROM jobs WHERE kind = $1 AND done_at IS NULL LIMIT 1', [job.kind]);
    if (rows.length) return false;
    await this.add(job, now);
    return true;
  }

  async claim(kinds: readonly string[], now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const { rows } = await this.db.query<{ id: number; kind: string; payload: string; attempt: number; lease_until: number; run_at: number; turn: number; lane: number }>(
      `UPDATE jobs SET lease_until = $3, attempt = attempt + 1
       WHERE id IN (
         SELECT id FROM jobs
         WHERE kind = ANY ($1::text[]) AND done_at IS NULL AND run_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY ${CLAIM_ORDER} LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, payload, attempt, lease_until, run_at, turn, lane`,
      [[...kinds], now, now + leaseMs, limit],
    );
    return rows
      .sort((a, b) => a.turn - b.turn || a.lane - b.lane || a.run_at - b.run_at || a.id - b.id)
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

  async depth(kind: string, now: number): Promise<QueueDepth> {
    const { rows } = await this.db.query<{ running: number; light: number; heavy: number }>(
      `SELECT
         count(*) FILTER (WHERE lease_until > $2)::int AS running,
         count(*) FILTER (WHERE (lease_until IS NULL OR lease_until <= $2) AND run_at <= $2 AND lane = 0)::int AS light,
         count(*) FILTER (WHERE (lease_until IS NULL OR lease_until <= $2) AND run_at <= $2 AND lane = 1)::int AS heavy
       FROM jobs WHERE kind = $1 AND done_at IS NULL`,
      [kind, now],
    );
    const r = rows[0]!;
    return { waiting: { light: r.light, heavy: r.heavy }, running: r.running };
  }
}
