import type { Page, PreviewKey, PreviewKind, PreviewRepository, StoredPreview } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/** The verdict preview's timeline, per dispute. */
export class PgPreviewRepository implements PreviewRepository {
  constructor(private readonly db: Queryable) {}

  async save(disputeId: string, p: StoredPreview): Promise<void> {
    await this.db.query('INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at) VALUES ($1, $2, $3, $4, $5)', [disputeId, p.seq, p.kind, json(p.preview), p.at]);
  }

  async list(disputeId: string, page: Page<PreviewKey> = {}): Promise<StoredPreview[]> {
    const { rows } = await this.db.query<{ seq: number; kind: PreviewKind; preview: string; at: number }>(
      'SELECT seq, kind, preview, at FROM dispute_previews WHERE dispute_id = $1 AND (seq, kind) > ($2, $3) ORDER BY seq, kind LIMIT $4',
      [disputeId, page.after?.seq ?? -1, page.after?.kind ?? '', page.limit ?? null],
    );
    return rows.map((r) => ({ seq: r.seq, kind: r.kind, preview: JSON.parse(r.preview), at: r.at }));
  }
}
