import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { AppJwtRefused, appJwtAcceptedUntil, verifyZendeskAppJwt, type AppJwtClaims, type AppJwtRefusal } from '../integrations/zendesk/app-jwt.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { listedRouter } from '../http/route-list.ts';
import type { Store } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';
import { sendConsolePage } from './console.routes.ts';
import type { EmbedConfig, ZendeskEmbedConfig } from './embed-config.ts';
import { mintEmbedToken } from './embed-token.ts';
import { sendEmbedRefusal } from './embed-refusal-page.ts';

export interface EmbedRoutesOptions {
  store: Store;
  clock: Clock;
  auth: 'on' | 'off';
  embeds: EmbedConfig;
}

/** The form Zendesk POSTs: the signed `token`, and (unsigned) the ticket it is shown beside. */
const ZendeskFormSchema = z.object({ token: z.string().min(1).max(8_192) });
/** A ticket id hint from the form or the URL (`?ticket_id=`); Zendesk ticket ids are numbers. */
const TicketHintSchema = z.string().regex(/^[0-9]{1,20}$/);

/** The form is a few kB at most (a JWT and a ticket id). */
const FORM_LIMIT = '16kb';

function ticketHint(req: Request): string | undefined {
  const body: unknown = req.body;
  const fromForm = body && typeof body === 'object' ? (body as Record<string, unknown>).ticket_id : undefined;
  const hint = TicketHintSchema.safeParse(fromForm ?? req.query.ticket_id);
  return hint.success ? hint.data : undefined;
}

/** The stable code of each refusal (the helpdesk webhooks' codes: same causes, same words). */
const REFUSAL_CODE: Record<AppJwtRefusal, ErrorCode> = {
  malformed: 'INTEGRATION.BAD_TOKEN',
  algorithm: 'INTEGRATION.BAD_TOKEN',
  issuer: 'INTEGRATION.BAD_TOKEN',
  audience: 'INTEGRATION.BAD_TOKEN',
  signature: 'INTEGRATION.BAD_SIGNATURE',
  expired: 'INTEGRATION.STALE',
  not_yet_valid: 'INTEGRATION.STALE',
};

const personOf = (c: AppJwtClaims): string => `${c.name ?? c.email ?? c.sub ?? 'an agent'} via Zendesk`;

async function zendeskPage(req: Request, res: Response, zd: ZendeskEmbedConfig, opts: EmbedRoutesOptions): Promise<void> {
  const refuse = (code: ErrorCode, detail: string) => sendEmbedRefusal(req, res, new DomainError(code, detail), zd.frameAncestors);
  const form = ZendeskFormSchema.safeParse(req.body);
  if (!form.success) return refuse('REQUEST.INVALID', 'Zendesk did not send its signed token (form field `token`). Enable signed URLs for this app in Zendesk.');
  const now = opts.clock.now();
  let claims: AppJwtClaims;
  try {
    claims = verifyZendeskAppJwt(form.data.token, zd.jwt, now);
  } catch (err) {
    if (err instanceof AppJwtRefused) return refuse(REFUSAL_CODE[err.reason], err.message);
    throw err;
  }
  // Zendesk posts a fresh token each time the sidebar loads: a second use is a copy.
  const fresh = await opts.store.transaction((tx) => tx.inboundSeen.remember('zendesk', `app-jwt:${claims.signature}`, appJwtAcceptedUntil(claims), now));
  if (!fresh) return refuse('INTEGRATION.REPLAYED', 'This Zendesk token was used already; reload the ticket.');
  // The signed ticket is trusted; an unsigned hint only picks which dispute opens first — the
  // token sees the same seller's disputes whichever ticket is named.
  const ticketId = claims.ticket_id ?? ticketHint(req);
  const disputeId = ticketId && (await opts.store.read(async (r) => {
    const link = await r.ticketLinks.find('zendesk', ticketId);
    return link && (await r.disputes.sellerOf(link.disputeId)) === zd.sellerId ? link.disputeId : undefined;
  }));
  const t = await mintEmbedToken(opts.store, { sellerId: zd.sellerId, name: personOf(claims) }, now);
  sendConsolePage(res, { auth: opts.auth, token: t.token, tokenExpiresAt: t.expiresAt, embed: 'zendesk', ...(disputeId ? { disputeId } : {}) }, zd.frameAncestors);
}

/**
 * The console inside helpdesk sidebars.
 *
 * - `POST /embed/zendesk`: Zendesk (a ZAF app with signed URLs) POSTs a form with a JWT signed
 *   with the app's shared secret; verified, the page gets its own short-lived token (1 h) and the
 *   ticket's dispute. Refusals are HTML pages that say why, with no token.
 * - `GET /embed/chatwoot`: the console, told that Chatwoot frames it; the agent signs in with
 *   their own key, and the conversation Chatwoot posts to the page only picks which dispute to open.
 *
 * Each is framed only by its helpdesk's origin (CSP frame-ancestors). Mounted before the
 * origin guard: Zendesk's form POST comes from Zendesk's origin, and the signed token, not the
 * origin, is what is trusted.
 */
export function embedRouter(opts: EmbedRoutesOptions) {
  const r = listedRouter();
  const { zendesk, chatwoot } = opts.embeds;
  r.post('/embed/zendesk', express.urlencoded({ extended: false, limit: FORM_LIMIT }), async (req, res) => {
    if (!zendesk) return sendEmbedRefusal(req, res, new DomainError('INTEGRATION.NOT_CONFIGURED', 'The Zendesk sidebar is not configured on this service (ZENDESK_APP_SECRET).'), []);
    await zendeskPage(req, res, zendesk, opts);
  });
  r.get('/embed/chatwoot', (req, res) => {
    if (!chatwoot) return sendEmbedRefusal(req, res, new DomainError('INTEGRATION.NOT_CONFIGURED', 'The Chatwoot sidebar is not configured on this service (CHATWOOT_BASE_URL).'), []);
    sendConsolePage(res, { auth: opts.auth, embed: 'chatwoot', parentOrigins: [...chatwoot.frameAncestors] }, chatwoot.frameAncestors);
  });
  return r;
}
