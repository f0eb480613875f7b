/**
 * Who is calling: the key that authenticated the request, its role and its seller scope.
 * The HTTP layer puts it on `res.locals.caller` (see `src/http/caller.ts`); the workflow
 * records `actorOf(caller)` on every log entry.
 *
 * - agent: one seller's support (its seller's disputes, seller events, evidence uploads)
 * - integration: a marketplace or helpdesk connector (files disputes, buyer events, carrier facts)
 * - arbitrator: reads everything, decides arbitration, settles evidence reviews
 * - admin: keys and webhooks
 */
export const ROLES = ['agent', 'integration', 'arbitrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** The API key's public id (`key_…`), or `local` when AUTH=off. */
  keyId: string;
  role: Role;
  /** The one seller this key may see, or null for all sellers. */
  sellerId: string | null;
  /** A person's name when a helpdesk token names one. */
  name?: string;
  /** AUTH=off on loopback: a local trial may do everything (and must say which party it speaks for). */
  unrestricted?: true;
}

/** The caller of every request when AUTH=off (allowed on loopback only). */
export const LOCAL_CALLER: Caller = { keyId: 'local', role: 'admin', sellerId: null, unrestricted: true };

/** What the log records as `actor` for a caller: `key:<id>` plus the person's name when known. */
export function actorOf(c: Caller): string {
  return c.name ? `key:${c.keyId} (${c.name})` : `key:${c.keyId}`;
}
