import pg from 'pg';
import type { IdempotencyRepository, StoredAnswer } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/**
 * The first answer to each `Idempotency-Key`, per scope, until it expires. A concurrent twin's
 * `save` hits the primary key (23505); the store then reruns its whole unit of work, which now
 * finds the answer. An expired answer under the same key is replaced.
 */
export class PgIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  async find(scope: string, key: string, notBefore = Number.MIN_SAFE_INTEGER): Promise<StoredAnswer | undefined> {
    const { rows } = await this.db.query<{ request_hash: string; status: number; body: string }>(
      'SELECT request_hash, status, body FROM idempotency WHERE scope = $1 AND key = $2 AND created_at >= $3',
      [scope, key, notBefore],
    );
    const r = rows[0];
    return r && { requestHash: r.request_hash, status: r.status, body: JSON.parse(r.body) };
  }

  async save(scope: string, key: string, a: StoredAnswer, at: number, expiredBefore = Number.MIN_SAFE_INTEGER): Promise<void> {
    const { rowCount } = await this.db.query(
      `INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status, body = excluded.body, created_at = excluded.created_at
       WHERE idempotency.created_at < $7`,
      [scope, key, a.requestHash, a.status, json(a.body), at, expiredBefore],
    );
    // A live answer saved by a concurrent twin: fail like the primary key would, so the unit of work reruns and replays it.
    if (rowCount !== 1) {
      const e = new pg.DatabaseError(`idempotency answer for ${scope} ${key} exists already`, 0, 'error');
      e.code = '23505';
      throw e;
    }
  }

  async prune(before: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      'DELETE FROM idempotency WHERE (scope, key) IN (SELECT scope, key FROM idempotency WHERE created_at < $1 LIMIT $2)',
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
