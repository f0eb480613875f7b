import type { DisputeRepository, DisputeRow, DisputeSummaryRow, ListFilter } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { SUMMARY_COLUMNS, toDisputeRow, toSummaryRow, type DisputeRecord } from './pg-rows.ts';

/** Disputes; `get(id, { lock: true })` holds the row (`FOR UPDATE`) until the unit of work ends. */
export class PgDisputeRepository implements DisputeRepository {
  constructor(private readonly db: Queryable) {}

  async get(id: string, opts?: { lock?: boolean }): Promise<DisputeRow | undefined> {
    const { rows } = await this.db.query<DisputeRecord>(`SELECT * FROM disputes WHERE id = $1${opts?.lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && toDisputeRow(rows[0]);
  }

  async nextDueAt(id: string): Promise<number | null | undefined> {
    const { rows } = await this.db.query<{ next_due_at: number | null }>('SELECT next_due_at FROM disputes WHERE id = $1', [id]);
    return rows[0]?.next_due_at;
  }

  async sellerOf(id: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ seller_id: string }>('SELECT seller_id FROM disputes WHERE id = $1', [id]);
    return rows[0]?.seller_id;
  }

  async findByExternalId(sellerId: string, externalId: string): Promise<DisputeRow | undefined> {
    const { rows } = await this.db.query<DisputeRecord>('SELECT * FROM disputes WHERE seller_id = $1 AND external_id = $2', [sellerId, externalId]);
    return rows[0] && toDisputeRow(rows[0]);
  }

  async insert(r: DisputeRow): Promise<void> {
    await this.db.query(
      `INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [r.id, r.externalId, r.sellerId, r.status, r.policyVersion, r.machineVersion, r.openedAt, r.nextDueAt, json(r.snapshot), r.version, r.previewDigest, r.createdAt, r.updatedAt],
    );
  }

  async update(r: DisputeRow, expectedVersion: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE disputes SET status = $2, next_due_at = $3, snapshot = $4, version = $5, machine_version = $6, preview_digest = $7, updated_at = $8
       WHERE id = $1 AND version = $9`,
      [r.id, r.status, r.nextDueAt, json(r.snapshot), r.version, r.machineVersion, r.previewDigest, r.updatedAt, expectedVersion],
    );
    return rowCount === 1;
  }

  async list(f: ListFilter): Promise<DisputeSummaryRow[]> {
    const due = f.dueBefore !== undefined;
    const where: string[] = [];
    const args: unknown[] = [];
    const param = (value: unknown) => (args.push(value), `$${args.length}`);
    // Truthiness as in SQLite: an empty status, seller or cursor filters nothing.
    if (f.status) where.push(`status = ${param(f.status)}`);
    if (f.sellerId) where.push(`seller_id = ${param(f.sellerId)}`);
    if (due) where.push(`next_due_at <= ${param(f.dueBefore)}`);
    if (f.after) where.push(due ? `(next_due_at, id) > (${param(f.after.dueAt ?? null)}, ${param(f.after.id)})` : `id > ${param(f.after.id)}`);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${due ? 'next_due_at, id' : 'id'} LIMIT ${param(f.limit)}`;
    const { rows } = await this.db.query<DisputeRecord>(sql, args);
    return rows.map(toSummaryRow);
  }

}
