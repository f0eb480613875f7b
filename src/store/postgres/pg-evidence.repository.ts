import type { EvidenceStatus } from '../../domain/evidence-summary.ts';
import type { EvidenceKey, EvidenceOwner, EvidenceRepository, EvidenceReview, EvidenceRow } from '../evidence.repository.port.ts';
import type { Page } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { toEvidenceRow, type EvidenceRecord } from './pg-rows.ts';

/** Rows of owners other than (dispute `$d`, order `$o`): another dispute, another order, or neither of ours. */
const elsewhere = (d: string, o: string) => `(${d}::text IS NULL OR dispute_id IS NULL OR dispute_id <> ${d})
  AND (${o}::text IS NULL OR order_id IS NULL OR order_id <> ${o})`;

/** Evidence rows, in the same unit of work as the disputes. */
export class PgEvidenceRepository implements EvidenceRepository {
  constructor(private readonly db: Queryable) {}

  async insert(r: EvidenceRow): Promise<void> {
    // As in SQLite: a new row has no report yet (report, phash, checked_at and review start NULL).
    await this.db.query(
      `INSERT INTO evidence (id, dispute_id, order_id, kind, sha256, bytes, media_type, status, fields, report, phash, uploaded_at, checked_at, review)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, $10, NULL, NULL)`,
      [r.id, r.disputeId, r.orderId, r.kind, r.sha256, r.bytes, r.mediaType, r.status, json(r.fields), r.uploadedAt],
    );
  }

  async get(id: string): Promise<EvidenceRow | undefined> {
    const { rows } = await this.db.query<EvidenceRecord>('SELECT * FROM evidence WHERE id = $1', [id]);
    return rows[0] && toEvidenceRow(rows[0]);
  }

  async forDispute(disputeId: string, page: Page<EvidenceKey> = {}): Promise<EvidenceRow[]> {
    const { rows } = await this.db.query<EvidenceRecord>('SELECT * FROM evidence WHERE dispute_id = $1 AND (uploaded_at, id) > ($2, $3) ORDER BY uploaded_at, id LIMIT $4', [
      disputeId,
      page.after?.uploadedAt ?? -1,
      page.after?.id ?? '',
      page.limit ?? null,
    ]);
    return rows.map(toEvidenceRow);
  }

  async forOrder(orderId: string): Promise<EvidenceRow[]> {
    const { rows } = await this.db.query<EvidenceRecord>('SELECT * FROM evidence WHERE order_id = $1 ORDER BY uploaded_at, id', [orderId]);
    return rows.map(toEvidenceRow);
  }

  async unattachedForOrder(orderId: string): Promise<EvidenceRow[]> {
    const { rows } = await this.db.query<EvidenceRecord>('SELECT * FROM evidence WHERE order_id = $1 AND dispute_id IS NULL ORDER BY uploaded_at, id FOR UPDATE', [orderId]);
    return rows.map(toEvidenceRow);
  }

  async attachForRecheck(id: string, disputeId: string): Promise<void> {
    await this.db.query("UPDATE evidence SET dispute_id = $2, status = 'checking', report = NULL, phash = NULL, checked_at = NULL WHERE id = $1", [id, disputeId]);
  }

  async saveReview(id: string, status: 'accepted' | 'rejected', review: EvidenceReview): Promise<void> {
    await this.db.query('UPDATE evidence SET status = $2, review = $3 WHERE id = $1', [id, status, json(review)]);
  }

  async saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): Promise<void> {
    await this.db.query('UPDATE evidence SET status = $2, report = $3, phash = $4, checked_at = $5 WHERE id = $1', [id, status, json(report), phash, at]);
  }

  async sameHashElsewhere(sha256: string, owner: EvidenceOwner): Promise<EvidenceRow[]> {
    const { rows } = await this.db.query<EvidenceRecord>(`SELECT * FROM evidence WHERE sha256 = $1 AND ${elsewhere('$2', '$3')} ORDER BY uploaded_at, id`, [
      sha256,
      owner.disputeId,
      owner.orderId,
    ]);
    return rows.map(toEvidenceRow);
  }

  async withPictureHashElsewhere(owner: EvidenceOwner): Promise<Array<Pick<EvidenceRow, 'id' | 'disputeId' | 'orderId' | 'sha256' | 'phash'>>> {
    const { rows } = await this.db.query<{ id: string; dispute_id: string | null; order_id: string | null; sha256: string; phash: string }>(
      `SELECT id, dispute_id, order_id, sha256, phash FROM evidence WHERE phash IS NOT NULL AND ${elsewhere('$1', '$2')} ORDER BY uploaded_at, id`,
      [owner.disputeId, owner.orderId],
    );
    return rows.map((r) => ({ id: r.id, disputeId: r.dispute_id, orderId: r.order_id, sha256: r.sha256, phash: r.phash }));
  }

  async countBySha256(sha256: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence WHERE sha256 = $1 AND file_removed_at IS NULL', [sha256]);
    return rows[0]!.n;
  }

  async storedBytesForSeller(sellerId: string): Promise<number> {
    // A seller's bytes: on its disputes, and on its orders before any dispute holds them.
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT coalesce(sum(e.bytes), 0)::bigint AS n FROM evidence e
       LEFT JOIN disputes d ON d.id = e.dispute_id LEFT JOIN orders o ON o.order_id = e.order_id
       WHERE coalesce(d.seller_id, o.seller_id) = $1 AND e.file_removed_at IS NULL`,
      [sellerId],
    );
    return Number(rows[0]!.n);
  }

  async rejectedBefore(before: number, limit: number): Promise<Array<Pick<EvidenceRow, 'id' | 'sha256'>>> {
    const { rows } = await this.db.query<Pick<EvidenceRow, 'id' | 'sha256'>>(
      `SELECT id, sha256 FROM evidence WHERE status = 'rejected' AND file_removed_at IS NULL AND checked_at < $1 ORDER BY checked_at LIMIT $2`,
      [before, limit],
    );
    return rows;
  }

  async markFileRemoved(id: string, at: number): Promise<void> {
    await this.db.query('UPDATE evidence SET file_removed_at = $2 WHERE id = $1', [id, at]);
  }
}
