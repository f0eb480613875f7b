import type Database from 'better-sqlite3';
import { CLAIM_ORDER, LANE_CODE } from '../jobs-fair-order.ts';
import type { ClaimedJob, JobRepository, JobRow, NewJob, QueueDepth } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** Durable jobs claimed with a lease in fair order (see jobs-fair-order.ts); `attempt` fences a stale holder off. */
export class SqliteJobRepository implements JobRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      add: db.prepare(`INSERT INTO jobs (kind, payload, run_at, created_at, fair_key, lane, turn) VALUES (@kind, @payload, @runAt, @now, @fairKey, @lane,
        max(
          coalesce((SELECT max(turn) + 1 FROM jobs WHERE kind = @kind AND fair_key IS @fairKey AND lane = @lane AND done_at IS NULL), 0),
          coalesce((SELECT min(turn) FROM jobs WHERE kind = @kind AND done_at IS NULL AND run_at <= @now), 0)))`),
      pending: db.prepare('SELECT 1 FROM jobs WHERE kind = ? AND done_at IS NULL LIMIT 1').pluck(),
      claim: db.prepare(`UPDATE jobs SET lease_until = @leaseUntil, attempt = attempt + 1
        WHERE id IN (
          SELECT id FROM jobs
          WHERE kind IN (SELECT value FROM json_each(@kinds)) AND done_at IS NULL AND run_at <= @now
            AND (lease_until IS NULL OR lease_until <= @now)
          ORDER BY ${CLAIM_ORDER} LIMIT @limit)
        RETURNING id, kind, payload, attempt, lease_until, turn, lane, run_at`),
      extend: db.prepare('UPDATE jobs SET lease_until = ? WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      complete: db.prepare('UPDATE jobs SET done_at = ?, lease_until = NULL WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      release: db.prepare('UPDATE jobs SET run_at = ?, last_error = ?, lease_until = NULL WHERE id = ? AND attempt = ? AND done_at IS NULL'),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      depth: db.prepare(`SELECT
          count(*) FILTER (WHERE lease_until > @now) AS running,
          count(*) FILTER (WHERE (lease_until IS NULL OR lease_until <= @now) AND run_at <= @now AND lane = 0) AS light,
          count(*) FILTER (WHERE (lease_until IS NULL OR lease_until <= @now) AND run_at <= @now AND lane = 1) AS heavy
        FROM jobs WHERE kind = @kind AND done_at IS NULL`),
    };
  }

  async add(job: NewJob, now: number): Promise<number> {
    const r = this.q.add.run({ kind: job.kind, payload: JSON.stringify(job.payload), runAt: job.runAt, now, fairKey: job.fairKey ?? null, lane: LANE_CODE[job.lane ?? 'light'] });
    return Number(r.lastInsertRowid);
  }

  async ensure(job: NewJob, now: number): Promise<boolean> {
    if (this.q.pending.get(job.kind)) return false; // under SQLite's writer lock: no twin can slip in
    await this.add(job, now);
    return true;
  }

  async claim(kinds: readonly string[], now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const rows = this.q.claim.all({ kinds: JSON.stringify(kinds), now, leaseUntil: now + leaseMs, limit }) as Raw[];
    // RETURNING comes back in no promised order; hand jobs out in the claim order.
    const n = (r: Raw, k: string) => r[k] as number;
    rows.sort((a, b) => n(a, 'turn') - n(b, 'turn') || n(a, 'lane') - n(b, 'lane') || n(a, 'run_at') - n(b, 'run_at') || n(a, 'id') - n(b, 'id'));
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

  async depth(kind: string, now: number): Promise<QueueDepth> {
    const r = this.q.depth.get({ kind, now }) as { running: number; light: number; heavy: number };
    return { waiting: { light: r.light, heavy: r.heavy }, running: r.running };
  }
}
