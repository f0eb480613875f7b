import type Database from 'better-sqlite3';
import type { DisputeRepository, DisputeRow, DisputeSummaryRow, ListFilter } from '../store.port.ts';
import { SUMMARY_COLUMNS, toDisputeRow, toSummaryRow, type Raw } from './sqlite-rows.ts';

/** Disputes on one connection. `lock` needs nothing here: a unit of work holds SQLite's writer lock. */
export class SqliteDisputeRepository implements DisputeRepository {
  private readonly q;
  private readonly lists = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.q = {
      get: db.prepare('SELECT * FROM disputes WHERE id = ?'),
      nextDueAt: db.prepare('SELECT next_due_at FROM disputes WHERE id = ?').pluck(),
      sellerOf: db.prepare('SELECT seller_id FROM disputes WHERE id = ?').pluck(),
      byExternal: db.prepare('SELECT * FROM disputes WHERE seller_id = ? AND external_id = ?'),
      insert: db.prepare(`INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at)
        VALUES (@id, @externalId, @sellerId, @status, @policyVersion, @machineVersion, @openedAt, @nextDueAt, @snapshot, @version, @previewDigest, @createdAt, @updatedAt)`),
      update: db.prepare(`UPDATE disputes SET status = @status, next_due_at = @nextDueAt, snapshot = @snapshot, version = @version,
        machine_version = @machineVersion, preview_digest = @previewDigest, updated_at = @updatedAt
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
    this.q.insert.run({ ...row, snapshot: JSON.stringify(row.snapshot) });
  }

  async update(row: DisputeRow, expectedVersion: number): Promise<boolean> {
    return this.q.update.run({ ...row, snapshot: JSON.stringify(row.snapshot), expectedVersion }).changes === 1;
  }

  async list(f: ListFilter): Promise<DisputeSummaryRow[]> {
    const due = f.dueBefore !== undefined;
    const where: string[] = [];
    if (f.status) where.push('status = @status');
    if (f.sellerId) where.push('seller_id = @sellerId');
    if (due) where.push('next_due_at <= @dueBefore');
    if (f.after) where.push(due ? '(next_due_at, id) > (@afterDue, @afterId)' : 'id > @afterId');
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${due ? 'next_due_at, id' : 'id'} LIMIT @limit`;
    // One prepared statement per filter shape (at most 32).
    let stmt = this.lists.get(sql);
    if (!stmt) this.lists.set(sql, (stmt = this.db.prepare(sql)));
    // Named parameters the statement does not use are ignored.
    const args = { status: f.status, sellerId: f.sellerId, dueBefore: f.dueBefore, afterId: f.after?.id, afterDue: f.after?.dueAt ?? null, limit: f.limit };
    return (stmt.all(args) as Raw[]).map(toSummaryRow);
  }

}
