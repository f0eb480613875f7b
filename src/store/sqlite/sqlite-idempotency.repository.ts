import type Database from 'better-sqlite3';
import type { IdempotencyRepository, StoredAnswer } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** The first answer to each `Idempotency-Key`, per scope, until it expires. */
export class SqliteIdempotencyRepository implements IdempotencyRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      find: db.prepare('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ? AND created_at >= ?'),
      // An expired answer under the same key is replaced; a live one still hits the primary key.
      save: db.prepare(`INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (@scope, @key, @hash, @status, @body, @at)
        ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status, body = excluded.body, created_at = excluded.created_at
        WHERE idempotency.created_at < @expiredBefore`),
      prune: db.prepare('DELETE FROM idempotency WHERE (scope, key) IN (SELECT scope, key FROM idempotency WHERE created_at < ? LIMIT ?)'),
    };
  }

  async find(scope: string, key: string, notBefore = Number.MIN_SAFE_INTEGER): Promise<StoredAnswer | undefined> {
    const r = this.q.find.get(scope, key, notBefore) as Raw | undefined;
    return r && { requestHash: r.request_hash as string, status: r.status as number, body: JSON.parse(r.body as string) };
  }

  async save(scope: string, key: string, a: StoredAnswer, at: number, expiredBefore = Number.MIN_SAFE_INTEGER): Promise<void> {
    const r = this.q.save.run({ scope, key, hash: a.requestHash, status: a.status, body: JSON.stringify(a.body), at, expiredBefore });
    if (r.changes !== 1) throw new Error(`idempotency answer for ${scope} ${key} exists already`);
  }

  async prune(before: number, limit: number): Promise<number> {
    return this.q.prune.run(before, limit).changes;
  }
}
