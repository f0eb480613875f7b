import type Database from 'better-sqlite3';
import type { EvidenceKind, EvidenceStatus } from '../../domain/evidence-summary.ts';
import type { EvidenceKey, EvidenceOwner, EvidenceRepository, EvidenceReview, EvidenceRow } from '../evidence.repository.port.ts';
import type { Page } from '../store.port.ts';

type Raw = Record<string, unknown>;
const toRow = (r: Raw): EvidenceRow => ({
  id: r.id as string,
  disputeId: (r.dispute_id as string | null) ?? null,
  orderId: (r.order_id as string | null) ?? null,
  kind: r.kind as EvidenceKind,
  sha256: r.sha256 as string,
  bytes: r.bytes as number,
  mediaType: r.media_type as string,
  status: r.status as EvidenceStatus,
  fields: JSON.parse(r.fields as string),
  report: r.report ? JSON.parse(r.report as string) : null,
  phash: (r.phash as string | null) ?? null,
  uploadedAt: r.uploaded_at as number,
  checkedAt: (r.checked_at as number | null) ?? null,
  review: r.review ? JSON.parse(r.review as string) : null,
  // Present only once the sweep removed the file.
  ...(r.file_removed_at ? { fileRemovedAt: r.file_removed_at as number } : {}),
});

/** Rows of owners other than `owner`: another dispute, another order, or neither of ours. */
const ELSEWHERE = `(@disputeId IS NULL OR dispute_id IS NULL OR dispute_id != @disputeId)
  AND (@orderId IS NULL OR order_id IS NULL OR order_id != @orderId)`;

/** Evidence rows, on the disputes database connection (so they share its transactions). */
export class SqliteEvidenceRepository implements EvidenceRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      insert: db.prepare(`INSERT INTO evidence (id, dispute_id, order_id, kind, sha256, bytes, media_type, status, fields, report, phash, uploaded_at, checked_at, review)
        VALUES (@id, @disputeId, @orderId, @kind, @sha256, @bytes, @mediaType, @status, @fields, NULL, NULL, @uploadedAt, NULL, NULL)`),
      get: db.prepare('SELECT * FROM evidence WHERE id = ?'),
      forDispute: db.prepare('SELECT * FROM evidence WHERE dispute_id = ? AND (uploaded_at, id) > (?, ?) ORDER BY uploaded_at, id LIMIT ?'),
      forOrder: db.prepare('SELECT * FROM evidence WHERE order_id = ? ORDER BY uploaded_at, id'),
      unattached: db.prepare('SELECT * FROM evidence WHERE order_id = ? AND dispute_id IS NULL ORDER BY uploaded_at, id'),
      attach: db.prepare("UPDATE evidence SET dispute_id = ?, status = 'checking', report = NULL, phash = NULL, checked_at = NULL WHERE id = ?"),
      saveReview: db.prepare('UPDATE evidence SET status = ?, review = ? WHERE id = ?'),
      saveReport: db.prepare('UPDATE evidence SET status = ?, report = ?, phash = ?, checked_at = ? WHERE id = ?'),
      sameHash: db.prepare(`SELECT * FROM evidence WHERE sha256 = @sha256 AND ${ELSEWHERE}`),
      pictureHashes: db.prepare(`SELECT id, dispute_id, order_id, sha256, phash FROM evidence WHERE phash IS NOT NULL AND ${ELSEWHERE}`),
      countBySha: db.prepare('SELECT count(*) FROM evidence WHERE sha256 = ? AND file_removed_at IS NULL').pluck(),
      // A seller's bytes: on its disputes, and on its orders before any dispute holds them.
      storedBytes: db.prepare(`SELECT coalesce(sum(e.bytes), 0) FROM evidence e
        LEFT JOIN disputes d ON d.id = e.dispute_id LEFT JOIN orders o ON o.order_id = e.order_id
        WHERE coalesce(d.seller_id, o.seller_id) = ? AND e.file_removed_at IS NULL`).pluck(),
      rejectedBefore: db.prepare(`SELECT id, sha256 FROM evidence WHERE status = 'rejected' AND file_removed_at IS NULL AND checked_at < ?
        ORDER BY checked_at LIMIT ?`),
      markFileRemoved: db.prepare('UPDATE evidence SET file_removed_at = ? WHERE id = ?'),
    };
  }

  async insert(row: EvidenceRow): Promise<void> {
    this.q.insert.run({ ...row, fields: JSON.stringify(row.fields) });
  }

  async get(id: string): Promise<EvidenceRow | undefined> {
    const r = this.q.get.get(id) as Raw | undefined;
    return r && toRow(r);
  }

  async forDispute(disputeId: string, page: Page<EvidenceKey> = {}): Promise<EvidenceRow[]> {
    return (this.q.forDispute.all(disputeId, page.after?.uploadedAt ?? -1, page.after?.id ?? '', page.limit ?? -1) as Raw[]).map(toRow);
  }

  async forOrder(orderId: string): Promise<EvidenceRow[]> {
    return (this.q.forOrder.all(orderId) as Raw[]).map(toRow);
  }

  async unattachedForOrder(orderId: string): Promise<EvidenceRow[]> {
    return (this.q.unattached.all(orderId) as Raw[]).map(toRow);
  }

  async attachForRecheck(id: string, disputeId: string): Promise<void> {
    this.q.attach.run(disputeId, id);
  }

  async saveReview(id: string, status: 'accepted' | 'rejected', review: EvidenceReview): Promise<void> {
    this.q.saveReview.run(status, JSON.stringify(review), id);
  }

  async saveReport(id: string, status: EvidenceStatus, report: unknown, phash: string | null, at: number): Promise<void> {
    this.q.saveReport.run(status, JSON.stringify(report), phash, at, id);
  }

  async sameHashElsewhere(sha256: string, owner: EvidenceOwner): Promise<EvidenceRow[]> {
    return (this.q.sameHash.all({ sha256, ...owner }) as Raw[]).map(toRow);
  }

  async withPictureHashElsewhere(owner: EvidenceOwner) {
    return (this.q.pictureHashes.all({ ...owner }) as Raw[]).map((r) => ({
      id: r.id as string,
      disputeId: (r.dispute_id as string | null) ?? null,
      orderId: (r.order_id as string | null) ?? null,
      sha256: r.sha256 as string,
      phash: r.phash as string,
    }));
  }

  async countBySha256(sha256: string): Promise<number> {
    return this.q.countBySha.get(sha256) as number;
  }

  async storedBytesForSeller(sellerId: string): Promise<number> {
    return this.q.storedBytes.get(sellerId) as number;
  }

  async rejectedBefore(before: number, limit: number): Promise<Array<Pick<EvidenceRow, 'id' | 'sha256'>>> {
    return this.q.rejectedBefore.all(before, limit) as Array<Pick<EvidenceRow, 'id' | 'sha256'>>;
  }

  async markFileRemoved(id: string, at: number): Promise<void> {
    this.q.markFileRemoved.run(at, id);
  }
}
