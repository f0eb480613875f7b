import type Database from 'better-sqlite3';
import type { IdempotencyRepository, StoredAnswer } from '../store.port.ts';
import type { Raw } from './sqlite-rows.ts';

/** The first answer to each `Idempotency-Key`, per scope. */
export class SqliteIdempotencyRepository implements IdempotencyRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      find: db.prepare('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ?'),
      save: db.prepare('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  async find(scope: string, key: string): Promise<StoredAnswer | undefined> {
    const r = this.q.find.get(scope, key) as Raw | undefined;
    return r && { requestHash: r.request_hash as string, status: r.status as number, body: JSON.parse(r.body as string) };
  }

  async save(scope: string, key: string, a: StoredAnswer, at: number): Promise<void> {
    this.q.save.run(scope, key, a.requestHash, a.status, JSON.stringify(a.body), at);
  }
}
