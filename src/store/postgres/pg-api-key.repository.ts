import type { ApiKeyRepository, ApiKeyRow } from '../api-key.repository.port.ts';
import { API_KEY_COLUMNS as COLUMNS, apiKeyOf } from '../api-key-columns.ts';
import type { Queryable } from './pg-queryable.ts';

export class PgApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Queryable) {}

  async insert(k: ApiKeyRow): Promise<void> {
    await this.db.query(`INSERT INTO api_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      k.id, k.secretHash, k.role, k.sellerId, k.name, k.env, k.createdAt, k.revokedAt, k.expiresAt,
    ]);
  }

  async findByHash(secretHash: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = $1`, [secretHash]);
    return rows[0] && apiKeyOf(rows[0]);
  }

  async list(): Promise<ApiKeyRow[]> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map(apiKeyOf);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const r = await this.db.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
    return r.rowCount === 1;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM api_keys');
    return rows[0]!.n;
  }

  async deleteExpired(before: number): Promise<number> {
    const r = await this.db.query('DELETE FROM api_keys WHERE expires_at IS NOT NULL AND expires_at <= $1', [before]);
    return r.rowCount ?? 0;
  }
}
