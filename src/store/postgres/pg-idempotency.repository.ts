import type { IdempotencyRepository, StoredAnswer } from '../store.port.ts';
import { json, type Queryable } from './pg-queryable.ts';

/**
 * The first answer to each `Idempotency-Key`, per scope. A concurrent twin's `save` hits the
 * primary key (23505); the store then reruns its whole unit of work, which now finds the answer.
 */
export class PgIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  async find(scope: string, key: string): Promise<StoredAnswer | undefined> {
    const { rows } = await this.db.query<{ request_hash: string; status: number; body: string }>(
      'SELECT request_hash, status, body FROM idempotency WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const r = rows[0];
    return r && { requestHash: r.request_hash, status: r.status, body: JSON.parse(r.body) };
  }

  async save(scope: string, key: string, a: StoredAnswer, at: number): Promise<void> {
    await this.db.query('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      scope,
      key,
      a.requestHash,
      a.status,
      json(a.body),
      at,
    ]);
  }
}
