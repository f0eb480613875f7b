/**
 * The short-lived bearer token a helpdesk sidebar's console uses: an `agent` key scoped to the
 * helpdesk's seller, named after the person the helpdesk vouched for, that stops working after
 * EMBED_TOKEN_LIFETIME_MS. Third-party cookies do not reach a sidebar iframe, so the page
 * carries this token (in its boot data, never a cookie) instead of a session.
 *
 *   const t = await mintEmbedToken(store, { sellerId: 'seller-1', name: 'Ana via Zendesk' }, now);
 *   sendConsolePage(res, { auth: 'on', token: t.token, tokenExpiresAt: t.expiresAt, … }, ancestors);
 */
import { createKey } from '../auth/api-keys.ts';
import type { Store } from '../store/store.port.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * 1 h: handling one ticket takes minutes, rarely an hour, and Zendesk posts a fresh signed token
 * every time the sidebar loads, so a longer life buys the agent nothing; a token copied out of
 * the page is worthless an hour later. A sidebar left open longer asks for a reload.
 */
export const EMBED_TOKEN_LIFETIME_MS = HOUR_MS;

/**
 * Expired sidebar keys are deleted 7 days after they expire (on the fly, whenever a new one is
 * minted): until then `keys list` still names the person behind a recent audit entry's key;
 * one key per sidebar load would otherwise grow the table without bound.
 */
export const EXPIRED_EMBED_KEY_RETENTION_MS = 7 * 24 * HOUR_MS;

export interface EmbedToken {
  token: string;
  keyId: string;
  expiresAt: number;
}

/** Mints one sidebar token, first pruning sidebar keys expired longer than the retention. */
export async function mintEmbedToken(store: Store, who: { sellerId: string; name: string }, now: number, lifetimeMs = EMBED_TOKEN_LIFETIME_MS): Promise<EmbedToken> {
  await store.transaction((tx) => tx.keys.deleteExpired(now - EXPIRED_EMBED_KEY_RETENTION_MS));
  const expiresAt = now + lifetimeMs;
  const { key, token } = await createKey(store, { role: 'agent', sellerId: who.sellerId, name: who.name, expiresAt }, now);
  return { token, keyId: key.id, expiresAt };
}
