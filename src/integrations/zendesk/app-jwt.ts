/**
 * The JWT a Zendesk sidebar app (ZAF, server-side app with signed URLs) POSTs once as the form
 * field `token` to the app's URL: HS256 over the app's shared secret. We accept HS256 only —
 * a token naming any other algorithm, `none` included, is refused before its signature is
 * looked at, so no header can choose how it is checked.
 *
 *   const claims = verifyZendeskAppJwt(form.token, { secret, issuer, audience }, Date.now());
 *   // throws AppJwtRefused(reason) when the token is not Zendesk's, not for us, or not fresh
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { sameBytes } from '../inbound-delivery.ts';

export interface AppJwtExpectations {
  secret: string;
  /** `iss`: the Zendesk account (e.g. acme.zendesk.com). */
  issuer: string;
  /** `aud`: this app (our /embed/zendesk URL, or the installation URL Zendesk names). */
  audience: string;
}

/**
 * Clock skew allowed on `iat`/`nbf`/`exp`: 60 s. Hosts on NTP agree within a second; this covers
 * one whose sync lapsed for a while without letting an expired token live noticeably longer.
 */
export const APP_JWT_SKEW_MS = 60_000;
/**
 * The oldest `iat` accepted: 10 min, whatever `exp` says. Zendesk mints the token as the sidebar
 * loads and the browser POSTs it at once; an older one is a copy being replayed. It also bounds
 * how long a used token must be remembered to refuse its second use.
 */
export const APP_JWT_MAX_AGE_MS = 10 * 60_000;
/** A ZAF token is a few hundred bytes; anything near this is not one. */
const MAX_TOKEN_CHARS = 8_192;

export type AppJwtRefusal = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'not_yet_valid' | 'issuer' | 'audience';

/** Why a token was refused, in words a person in the sidebar can act on. */
export class AppJwtRefused extends Error {
  constructor(readonly reason: AppJwtRefusal, message: string) {
    super(message);
  }
}

const HeaderSchema = z.object({ alg: z.string(), typ: z.string().optional() });
const seconds = z.number().finite();
const TicketIdSchema = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^[0-9]{1,20}$/));

const ClaimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: seconds,
  exp: seconds,
  nbf: seconds.optional(),
  sub: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  /** Our own claim when the app signs the ticket it is shown beside (trusted, unlike a form hint). */
  ticket_id: TicketIdSchema.optional(),
});

export type AppJwtClaims = z.output<typeof ClaimsSchema> & {
  /** The signature, base64url: one token, for refusing its second use. */
  signature: string;
};

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new AppJwtRefused('malformed', 'The Zendesk token is not a JWT.');
  }
}

/** The token's claims when it is HS256-signed with `secret`, fresh at `now`, and names `issuer` and `audience`. */
export function verifyZendeskAppJwt(token: string, expect: AppJwtExpectations, now: number): AppJwtClaims {
  const parts = token.length <= MAX_TOKEN_CHARS ? token.split('.') : [];
  const [head = '', body = '', signature = ''] = parts;
  // An empty signature is let through to the algorithm check, so `alg: none` is named as such.
  if (parts.length !== 3 || !SEGMENT.test(head) || !SEGMENT.test(body) || !/^[A-Za-z0-9_-]*$/.test(signature)) throw new AppJwtRefused('malformed', 'The Zendesk token is not a JWT.');
  const header = HeaderSchema.safeParse(decodeJson(head));
  if (!header.success) throw new AppJwtRefused('malformed', 'The Zendesk token has no algorithm in its header.');
  if (header.data.alg !== 'HS256') throw new AppJwtRefused('algorithm', `The Zendesk token is signed with ${header.data.alg}; only HS256 is accepted.`);
  const expected = createHmac('sha256', expect.secret).update(`${head}.${body}`).digest();
  if (!sameBytes(Buffer.from(signature, 'base64url'), expected)) throw new AppJwtRefused('signature', 'The Zendesk token is not signed with this app\'s shared secret.');
  const claims = ClaimsSchema.safeParse(decodeJson(body));
  if (!claims.success) throw new AppJwtRefused('malformed', 'The Zendesk token lacks iss, aud, iat or exp.');
  const c = claims.data;
  if (c.exp * 1000 <= now - APP_JWT_SKEW_MS) throw new AppJwtRefused('expired', 'The Zendesk token has expired; reload the ticket.');
  if (c.iat * 1000 < now - APP_JWT_MAX_AGE_MS) throw new AppJwtRefused('expired', 'The Zendesk token is too old; reload the ticket.');
  if (c.iat * 1000 > now + APP_JWT_SKEW_MS || (c.nbf !== undefined && c.nbf * 1000 > now + APP_JWT_SKEW_MS)) {
    throw new AppJwtRefused('not_yet_valid', 'The Zendesk token is not valid yet; check the server clocks.');
  }
  if (c.iss !== expect.issuer) throw new AppJwtRefused('issuer', `The Zendesk token comes from ${c.iss}, not from ${expect.issuer}.`);
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!audiences.includes(expect.audience)) throw new AppJwtRefused('audience', 'The Zendesk token is meant for another app.');
  return { ...c, signature };
}

/** How long a token is accepted after it was issued (its second use is refused this long). */
export const appJwtAcceptedUntil = (c: AppJwtClaims): number => Math.min(c.exp * 1000 + APP_JWT_SKEW_MS, c.iat * 1000 + APP_JWT_MAX_AGE_MS);
