import type Database from 'better-sqlite3';
import type { Page, PreviewKey, PreviewRepository, StoredPreview } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** The verdict preview's timeline (a rowid table: previews are kilobytes each). */
export class SqlitePreviewRepository implements PreviewRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      save: db.prepare('INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare('SELECT seq, kind, preview, at FROM dispute_previews WHERE dispute_id = ? AND (seq, kind) > (?, ?) ORDER BY seq, kind LIMIT ?'),
    };
  }

  async save(disputeId: string, p: StoredPreview): Promise<void> {
    this.q.save.run(disputeId, p.seq, p.kind, JSON.stringify(p.preview), p.at);
  }

  async list(disputeId: string, page: Page<PreviewKey> = {}): Promise<StoredPreview[]> {
    return (this.q.list.all(disputeId, page.after?.seq ?? -1, page.after?.kind ?? '', page.limit ?? -1) as Raw[]).map((r) => ({
      seq: r.seq as number,
      kind: r.kind as StoredPreview['kind'],
      preview: JSON.parse(r.preview as string),
      at: r.at as number,
    }));
  }
}
