import type { DueTimer, TimerRepository } from '../store.port.ts';
import type { Queryable } from './pg-queryable.ts';

/** Deadlines in force, claimed with a lease when due; SKIP LOCKED lets pollers in several processes claim disjoint rows. */
export class PgTimerRepository implements TimerRepository {
  constructor(private readonly db: Queryable) {}

  async replace(disputeId: string, deadlines: Record<string, number>): Promise<void> {
    await this.db.query('DELETE FROM timers WHERE dispute_id = $1', [disputeId]);
    const names = Object.keys(deadlines);
    if (!names.length) return;
    await this.db.query('INSERT INTO timers (dispute_id, deadline, due_at) SELECT $1, d, t FROM unnest($2::text[], $3::bigint[]) AS u (d, t)', [
      disputeId,
      names,
      Object.values(deadlines),
    ]);
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<DueTimer[]> {
    const { rows } = await this.db.query<{ dispute_id: string; deadline: string; due_at: number }>(
      `UPDATE timers SET lease_until = $2
       WHERE (dispute_id, deadline) IN (
         SELECT dispute_id, deadline FROM timers
         WHERE due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING dispute_id, deadline, due_at`,
      [now, now + leaseMs, limit],
    );
    // RETURNING has no order; hand them back earliest first.
    return rows.map((r) => ({ disputeId: r.dispute_id, deadline: r.deadline, dueAt: r.due_at })).sort((a, b) => a.dueAt - b.dueAt);
  }

  async nextClaimable(): Promise<number | undefined> {
    // The first row of the due_at index, in O(log n) (the SQLite adapter measured 165 ms at 1 M rows for a MIN over an expression).
    const { rows } = await this.db.query<{ due_at: number; lease_until: number | null }>('SELECT due_at, lease_until FROM timers ORDER BY due_at LIMIT 1');
    return rows[0] && Math.max(rows[0].due_at, rows[0].lease_until ?? 0);
  }
}
