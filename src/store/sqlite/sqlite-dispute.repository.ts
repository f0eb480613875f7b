import type Database from 'better-sqlite3';
import { listDisputes, type ListDialect } from '../dispute-list-plan.ts';
import type { DisputeRepository, DisputeRow, DisputeSummaryRow, ListFilter } from '../store.port.ts';
import { triageRecord } from '../triage-columns.ts';
import { SUMMARY_COLUMNS, toDisputeRow, toSummaryRow, type Raw } from './sqlite-rows.ts';

/** Disputes on one connection. `lock` needs nothing here: a unit of work holds SQLite's writer lock. */
export class SqliteDisputeRepository implements DisputeRepository {
  private readonly q;
  private readonly dialect: ListDialect;

  constructor(db: Database.Database) {
    this.dialect = sqliteListDialect(db);
    this.q = {
      get: db.prepare('SELECT * FROM disputes WHERE id = ?'),
      nextDueAt: db.prepare('SELECT next_due_at FROM disputes WHERE id = ?').pluck(),
      sellerOf: db.prepare('SELECT seller_id FROM disputes WHERE id = ?').pluck(),
      byExternal: db.prepare('SELECT * FROM disputes WHERE seller_id = ? AND external_id = ?'),
      insert: db.prepare(`INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at,
          reason, amount_minor, currency, favours, missing, needs_review, next_deadline)
        VALUES (@id, @externalId, @sellerId, @status, @policyVersion, @machineVersion, @openedAt, @nextDueAt, @snapshot, @version, @previewDigest, @createdAt, @updatedAt,
          @reason, @amount_minor, @currency, @favours, @missing, @needs_review, @next_deadline)`),
      update: db.prepare(`UPDATE disputes SET status = @status, next_due_at = @nextDueAt, snapshot = @snapshot, version = @version,
        machine_version = @machineVersion, preview_digest = @previewDigest, updated_at = @updatedAt,
        reason = @reason, amount_minor = @amount_minor, currency = @currency, favours = @favours, missing = @missing, needs_review = @needs_review, next_deadline = @next_deadline
        WHERE id = @id AND version = @expectedVersion`),
    };
  }

  async get(id: string): Promise<DisputeRow | undefined> {
    const r = this.q.get.get(id) as Raw | undefined;
    return r && toDisputeRow(r);
  }

  async nextDueAt(id: string): Promise<number | null | undefined> {
    return this.q.nextDueAt.get(id) as number | null | undefined;
  }

  async sellerOf(id: string): Promise<string | undefined> {
    return this.q.sellerOf.get(id) as string | undefined;
  }

  async findByExternalId(sellerId: string, externalId: string): Promise<DisputeRow | undefined> {
    const r = this.q.byExternal.get(sellerId, externalId) as Raw | undefined;
    return r && toDisputeRow(r);
  }

  async insert(row: DisputeRow): Promise<void> {
    this.q.insert.run(this.params(row));
  }

  async update(row: DisputeRow, expectedVersion: number): Promise<boolean> {
    return this.q.update.run({ ...this.params(row), expectedVersion }).changes === 1;
  }

  async list(f: ListFilter): Promise<DisputeSummaryRow[]> {
    return listDisputes(f, this.dialect);
  }

  private params(row: DisputeRow) {
    const { triage, ...rest } = row;
    return { ...rest, snapshot: JSON.stringify(row.snapshot), ...triageRecord(triage) };
  }

}

/** How the list plan runs on SQLite (exported for the plan test, which EXPLAINs what it builds). */
export function sqliteListDialect(db: Database.Database): ListDialect {
  // One prepared statement per filter shape (a few dozen at most).
  const statements = new Map<string, Database.Statement>();
  return {
    columns: SUMMARY_COLUMNS,
    placeholder: () => '?',
    // Pins the plan's index: without ANALYZE statistics SQLite may take another one and sort.
    indexHint: (index) => `INDEXED BY ${index}`,
    run: async (sql, args) => {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      return (stmt.all(...args) as Raw[]).map(toSummaryRow);
    },
  };
}
