import type Database from 'better-sqlite3';
import type { ApiKeyRepository, ApiKeyRow } from '../api-key.repository.port.ts';
import { API_KEY_COLUMNS as COLUMNS, apiKeyOf } from '../api-key-columns.ts';
import type { Raw } from './sqlite-rows.ts';

export class SqliteApiKeyRepository implements ApiKeyRepository {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      insert: db.prepare(`INSERT INTO api_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      byHash: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = ?`),
      list: db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      count: db.prepare('SELECT count(*) FROM api_keys').pluck(),
      deleteExpired: db.prepare('DELETE FROM api_keys WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    };
  }

  async insert(k: ApiKeyRow): Promise<void> {
    this.q.insert.run(k.id, k.secretHash, k.role, k.sellerId, k.name, k.env, k.createdAt, k.revokedAt, k.expiresAt);
  }

  async findByHash(secretHash: string): Promise<ApiKeyRow | undefined> {
    const r = this.q.byHash.get(secretHash) as Raw | undefined;
    return r && apiKeyOf(r);
  }

  async list(): Promise<ApiKeyRow[]> {
    return (this.q.list.all() as Raw[]).map(apiKeyOf);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    return this.q.revoke.run(at, id).changes === 1;
  }

  async count(): Promise<number> {
    return this.q.count.get() as number;
  }

  async deleteExpired(before: number): Promise<number> {
    return this.q.deleteExpired.run(before).changes;
  }
}
