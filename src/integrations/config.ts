/**
 * Helpdesk integrations' configuration, from the environment, validated once at start.
 * An integration is on when its secret is set; its other settings are then required.
 *
 *   PUBLIC_URL=https://disputes.example.com
 *   ZENDESK_WEBHOOK_SECRET=… ZENDESK_BASE_URL=https://acme.zendesk.com ZENDESK_EMAIL=bot@acme.com
 *   ZENDESK_API_TOKEN=… ZENDESK_SELLER_ID=seller-1
 *   ZENDESK_APP_SECRET=… (the sidebar app's shared secret: turns /embed/zendesk on)
 *   ZENDESK_APP_AUD=… (default ${PUBLIC_URL}/embed/zendesk) ZENDESK_APP_ISS=… (default the host of ZENDESK_BASE_URL)
 *   CHATWOOT_WEBHOOK_SECRET=… CHATWOOT_BASE_URL=https://app.chatwoot.com CHATWOOT_API_ACCESS_TOKEN=…
 *   CHATWOOT_SELLER_ID=seller-1
 *   FRESHDESK_WEBHOOK_TOKEN=… FRESHDESK_BASE_URL=https://acme.freshdesk.com FRESHDESK_API_KEY=…
 *   FRESHDESK_SELLER_ID=seller-1
 */
import { z } from 'zod';

const baseUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
/** 32+ characters: a guessable secret would make the signature worthless. */
const secret = z.string().min(32);
const sellerId = z.string().min(1).max(100);

export const ZendeskConfigSchema = z.strictObject({
  webhookSecret: secret, baseUrl, email: z.string().min(3), apiToken: z.string().min(1), sellerId,
  /** The sidebar app's shared secret: Zendesk signs the JWT it POSTs to /embed/zendesk with it (HS256). */
  appSecret: secret.optional(),
  /** The `aud` that JWT must carry (default: our /embed/zendesk URL). */
  appAudience: z.string().min(1).optional(),
  /** The `iss` that JWT must carry (default: the Zendesk account's host, e.g. acme.zendesk.com). */
  appIssuer: z.string().min(1).optional(),
});
export const ChatwootConfigSchema = z.strictObject({ webhookSecret: secret, baseUrl, apiAccessToken: z.string().min(1), sellerId });
export const FreshdeskConfigSchema = z.strictObject({ webhookToken: secret, baseUrl, apiKey: z.string().min(1), sellerId });

export const IntegrationsConfigSchema = z.strictObject({
  /** Where our API is reached from outside: notes link evidence as `${publicUrl}/api/evidence/…`. */
  publicUrl: baseUrl,
  zendesk: ZendeskConfigSchema.optional(),
  chatwoot: ChatwootConfigSchema.optional(),
  freshdesk: FreshdeskConfigSchema.optional(),
});

export type IntegrationsConfig = z.output<typeof IntegrationsConfigSchema>;
export type ZendeskConfig = z.output<typeof ZendeskConfigSchema>;
export type ChatwootConfig = z.output<typeof ChatwootConfigSchema>;
export type FreshdeskConfig = z.output<typeof FreshdeskConfigSchema>;

/** The settings of one integration, or undefined when its switch (first variable) is unset. */
function section(env: NodeJS.ProcessEnv, vars: Record<string, string>): Record<string, string | undefined> | undefined {
  const [switchVar] = Object.values(vars);
  if (!switchVar || !env[switchVar]) return undefined;
  return Object.fromEntries(Object.entries(vars).map(([field, v]) => [field, env[v]]));
}

/**
 * The integrations the environment turns on, or undefined when none is (or `PUBLIC_URL` is
 * unset and none is). Throws with every problem named when a setting is missing or invalid.
 */
export function integrationsFromEnv(env: NodeJS.ProcessEnv = process.env): IntegrationsConfig | undefined {
  const raw = {
    publicUrl: env.PUBLIC_URL,
    zendesk: section(env, { webhookSecret: 'ZENDESK_WEBHOOK_SECRET', baseUrl: 'ZENDESK_BASE_URL', email: 'ZENDESK_EMAIL', apiToken: 'ZENDESK_API_TOKEN', sellerId: 'ZENDESK_SELLER_ID', appSecret: 'ZENDESK_APP_SECRET', appAudience: 'ZENDESK_APP_AUD', appIssuer: 'ZENDESK_APP_ISS' }),
    chatwoot: section(env, { webhookSecret: 'CHATWOOT_WEBHOOK_SECRET', baseUrl: 'CHATWOOT_BASE_URL', apiAccessToken: 'CHATWOOT_API_ACCESS_TOKEN', sellerId: 'CHATWOOT_SELLER_ID' }),
    freshdesk: section(env, { webhookToken: 'FRESHDESK_WEBHOOK_TOKEN', baseUrl: 'FRESHDESK_BASE_URL', apiKey: 'FRESHDESK_API_KEY', sellerId: 'FRESHDESK_SELLER_ID' }),
  };
  if (!raw.zendesk && !raw.chatwoot && !raw.freshdesk) return undefined;
  const parsed = IntegrationsConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Helpdesk integration settings are invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
