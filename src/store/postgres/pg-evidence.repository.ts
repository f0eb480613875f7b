import type { EvidenceStatus } from '../../domain/evidence-summary.ts';
import type { EvidenceKey, EvidenceRepository, EvidenceRow } from '../evidence.repository.port.ts';
import type { Page } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';
import { toEvidenceRow, type EvidenceRecord } from './pg-rows.ts';

/** Evidence rows, in the same unit of work as the disputes. */
export class PgEvidenceRepository implements EvidenceRepository {
  constructor(private readonly db: Queryable) {}

  async insert(r: EvidenceRow): Promise<void> {
    // As in SQLite: a new row has no report yet (report, phash and checked_at start NULL).
    await this.db.query(
      `INSERT INTO evidence (id, dispute_id, kind, sha256, bytes, media_type, status, fields, report, phash, uploaded_at, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, $9, NULL)`,
      [r.id, r.disputeId, r.kind, r.sha256, r.bytes, r.mediaType, r.status, json(r.fields), r.uploadedAt],
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

  async saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): Promise<void> {
    await this.db.query('UPDATE evidence SET status = $2, report = $3, phash = $4, checked_at = $5 WHERE id = $1', [id, status, json(report), phash, at]);
  }

  async sameHashElsewhere(sha256: string, disputeId: string): Promise<EvidenceRow[]> {
    const { rows } = await this.db.query<EvidenceRecord>('SELECT * FROM evidence WHERE sha256 = $1 AND dispute_id <> $2 ORDER BY uploaded_at, id', [sha256, disputeId]);
    return rows.map(toEvidenceRow);
  }

  async withPictureHashElsewhere(disputeId: string): Promise<Array<Pick<EvidenceRow, 'id' | 'disputeId' | 'sha256' | 'phash'>>> {
    const { rows } = await this.db.query<{ id: string; dispute_id: string; sha256: string; phash: string }>(
      'SELECT id, dispute_id, sha256, phash FROM evidence WHERE phash IS NOT NULL AND dispute_id <> $1 ORDER BY uploaded_at, id',
      [disputeId],
    );
    return rows.map((r) => ({ id: r.id, disputeId: r.dispute_id, sha256: r.sha256, phash: r.phash }));
  }

  async countBySha256(sha256: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence WHERE sha256 = $1 AND file_removed_at IS NULL', [sha256]);
    return rows[0]!.n;
  }

  async storedBytesForSeller(sellerId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT coalesce(sum(e.bytes), 0)::bigint AS n FROM disputes d JOIN evidence e ON e.dispute_id = d.id
       WHERE d.seller_id = $1 AND e.file_removed_at IS NULL`,
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
