import { listDisputes, type ListDialect } from '../dispute-list-plan.ts';
import type { DisputeRepository, DisputeRow, DisputeSummaryRow, ListFilter } from '../store.port.ts';
import { triageRecord } from '../triage-columns.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { SUMMARY_COLUMNS, toDisputeRow, toSummaryRow, type DisputeRecord } from './pg-rows.ts';

/** Disputes; `get(id, { lock: true })` holds the row (`FOR UPDATE`) until the unit of work ends. */
export class PgDisputeRepository implements DisputeRepository {
  private readonly dialect: ListDialect;

  constructor(private readonly db: Queryable) {
    this.dialect = pgListDialect(db);
  }

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
      `INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at,
         reason, amount_minor, currency, favours, missing, needs_review, next_deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [r.id, r.externalId, r.sellerId, r.status, r.policyVersion, r.machineVersion, r.openedAt, r.nextDueAt, json(r.snapshot), r.version, r.previewDigest, r.createdAt, r.updatedAt, ...Object.values(triageRecord(r.triage))],
    );
  }

  async update(r: DisputeRow, expectedVersion: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE disputes SET status = $2, next_due_at = $3, snapshot = $4, version = $5, machine_version = $6, preview_digest = $7, updated_at = $8,
         reason = $10, amount_minor = $11, currency = $12, favours = $13, missing = $14, needs_review = $15, next_deadline = $16
       WHERE id = $1 AND version = $9`,
      [r.id, r.status, r.nextDueAt, json(r.snapshot), r.version, r.machineVersion, r.previewDigest, r.updatedAt, expectedVersion, ...Object.values(triageRecord(r.triage))],
    );
    return rowCount === 1;
  }

  async list(f: ListFilter): Promise<DisputeSummaryRow[]> {
    return listDisputes(f, this.dialect);
  }

}

/** How the list plan runs on PostgreSQL (exported for the plan test, which EXPLAINs what it builds). */
export function pgListDialect(db: Queryable): ListDialect {
  return {
    columns: SUMMARY_COLUMNS,
    placeholder: (n) => `$${n}`,
    // PostgreSQL takes no hints; test/store/dispute-list-plans.test.ts checks an index serves each shape without a sort.
    indexHint: () => '',
    run: async (sql, args) => (await db.query<DisputeRecord>(sql, args)).rows.map(toSummaryRow),
  };
}
