import type { ApiKeyRow } from './api-key.repository.port.ts';

/** The api_keys columns, the same on SQLite and PostgreSQL, and their mapping to ApiKeyRow. */
export const API_KEY_COLUMNS = 'id, secret_hash, role, seller_id, name, env, created_at, revoked_at, expires_at';

export function apiKeyOf(r: Record<string, unknown>): ApiKeyRow {
  return {
    id: r.id as string,
    secretHash: r.secret_hash as string,
    role: r.role as string,
    sellerId: (r.seller_id as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    env: r.env as string,
    createdAt: r.created_at as number,
    revokedAt: (r.revoked_at as number | null) ?? null,
    expiresAt: (r.expires_at as number | null) ?? null,
  };
}
