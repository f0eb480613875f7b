/**
 * API keys: `dek_<env>_<43 url-safe characters>` (256 random bits), shown once and stored as
 * SHA-256 only. A key's public id (`key_…`) names it in lists and in the audit log.
 *
 * Why SHA-256 and not a slow hash: the secret is 256 random bits, not a password; nothing can
 * be guessed from its hash, and the lookup is one indexed equality per request.
 *
 *   const { key, token } = await createKey(store, { role: 'agent', sellerId: 'S1' }, Date.now());
 *   fetch(url, { headers: { authorization: `Bearer ${token}` } });
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRow } from '../store/api-key.repository.port.ts';
import type { Store } from '../store/store.port.ts';
import { ROLES, type Caller, type Role } from './caller.ts';

/** A key's environment shows in its prefix so a live key pasted into a test config stands out. */
export const KEY_ENVS = ['live', 'test'] as const;
export type KeyEnv = (typeof KEY_ENVS)[number];

const TOKEN = /^dek_(live|test)_[A-Za-z0-9_-]{43}$/;

export interface NewKey {
  role: Role;
  sellerId?: string | null;
  name?: string | null;
  env?: KeyEnv;
  /** Refused from this instant on (epoch ms); absent: never expires. */
  expiresAt?: number | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Makes a key; the token is returned here and nowhere else. */
export async function createKey(store: Store, k: NewKey, now: number, id = `key_${randomBytes(8).toString('hex')}`): Promise<{ key: ApiKeyRow; token: string }> {
  const env = k.env ?? 'live';
  const token = `dek_${env}_${randomBytes(32).toString('base64url')}`;
  const key: ApiKeyRow = {
    id,
    secretHash: hashToken(token),
    role: k.role,
    sellerId: k.sellerId ?? null,
    name: k.name ?? null,
    env,
    createdAt: now,
    revokedAt: null,
    expiresAt: k.expiresAt ?? null,
  };
  await store.transaction((tx) => tx.keys.insert(key));
  return { key, token };
}

/** The caller a bearer token stands for at `now`; undefined for a malformed, unknown, revoked or expired token. */
export async function callerForToken(store: Store, token: string, now: number): Promise<Caller | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const key = await store.read((r) => r.keys.findByHash(hashToken(token)));
  if (!key || key.revokedAt !== null || !(ROLES as readonly string[]).includes(key.role)) return undefined;
  if (key.expiresAt !== null && key.expiresAt <= now) return undefined;
  const caller: Caller = { keyId: key.id, role: key.role as Role, sellerId: key.sellerId };
  // A short-lived key is one person's helpdesk session (src/console/embed-token.ts): the log names them.
  if (key.expiresAt !== null && key.name) caller.name = key.name;
  return caller;
}

/** A key as lists show it: never its hash. */
export function keyView(k: ApiKeyRow) {
  return {
    id: k.id,
    role: k.role,
    sellerId: k.sellerId,
    name: k.name,
    env: k.env,
    createdAt: new Date(k.createdAt).toISOString(),
    revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
    expiresAt: k.expiresAt === null ? null : new Date(k.expiresAt).toISOString(),
  };
}
