/**
 * API keys as stored: the key's public id, role and seller scope, and the SHA-256 of its
 * secret (the secret itself is shown once, never stored). See `src/auth/api-keys.ts`.
 */
export interface ApiKeyRow {
  /** `key_…`: public, shown in lists and recorded as the actor of every change the key makes. */
  id: string;
  secretHash: string;
  role: string;
  /** The one seller the key may see, or null for all. */
  sellerId: string | null;
  name: string | null;
  /** The environment in the key's prefix (`live`, `test`). */
  env: string;
  createdAt: number;
  revokedAt: number | null;
  /** Refused from this instant on (a helpdesk sidebar's short-lived key); null: never expires. */
  expiresAt: number | null;
}

export interface ApiKeyRepository {
  insert(row: ApiKeyRow): Promise<void>;
  /** The key with this secret hash, revoked or not. */
  findByHash(secretHash: string): Promise<ApiKeyRow | undefined>;
  /** Every key, oldest first. */
  list(): Promise<ApiKeyRow[]>;
  /** Marks the key revoked at `at`; false when there is no such key or it was revoked already. */
  revoke(id: string, at: number): Promise<boolean>;
  /** How many keys were ever made (revoked ones too): 0 means a new store. */
  count(): Promise<number>;
  /** Deletes the keys that expired at or before `before`; how many went. Keys without an expiry stay. */
  deleteExpired(before: number): Promise<number>;
}
