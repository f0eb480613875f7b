import type Database from 'better-sqlite3';
import type { DueTimer, TimerRepository } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** Deadlines in force, claimed with a lease when due (the writer lock makes the claim exclusive). */
export class SqliteTimerRepository implements TimerRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      delete: db.prepare('DELETE FROM timers WHERE dispute_id = ?'),
      insert: db.prepare('INSERT INTO timers (dispute_id, deadline, due_at) VALUES (?, ?, ?)'),
      claim: db.prepare(`UPDATE timers SET lease_until = @leaseUntil
        WHERE (dispute_id, deadline) IN (
          SELECT dispute_id, deadline FROM timers
          WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
          ORDER BY due_at LIMIT @limit)
        RETURNING dispute_id, deadline, due_at`),
      // The due_at index gives the earliest row in O(log n); a MIN over an expression scanned the table (165 ms at 1 M).
      first: db.prepare('SELECT due_at, lease_until FROM timers ORDER BY due_at LIMIT 1'),
    };
  }

  async replace(disputeId: string, deadlines: Record<string, number>): Promise<void> {
    this.q.delete.run(disputeId);
    for (const [name, due] of Object.entries(deadlines)) this.q.insert.run(disputeId, name, due);
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<DueTimer[]> {
    return (this.q.claim.all({ now, leaseUntil: now + leaseMs, limit }) as Raw[]).map((r) => ({
      disputeId: r.dispute_id as string,
      deadline: r.deadline as string,
      dueAt: r.due_at as number,
    }));
  }

  async nextClaimable(): Promise<number | undefined> {
    const r = this.q.first.get() as { due_at: number; lease_until: number | null } | undefined;
    return r && Math.max(r.due_at, r.lease_until ?? 0);
  }
}
