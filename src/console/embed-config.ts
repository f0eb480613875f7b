/**
 * Which helpdesk sidebars may frame the console, from the helpdesk integrations' settings
 * (src/integrations/config.ts): Zendesk when its app secret is set (ZENDESK_APP_SECRET),
 * Chatwoot whenever Chatwoot is configured. Each may be framed by its own origin only.
 */
import type { IntegrationsConfig } from '../integrations/config.ts';
import type { AppJwtExpectations } from '../integrations/zendesk/app-jwt.ts';

export interface ZendeskEmbedConfig {
  jwt: AppJwtExpectations;
  /** The seller whose disputes the sidebar's token may see (ZENDESK_SELLER_ID). */
  sellerId: string;
  /** frame-ancestors: the Zendesk account's origin. */
  frameAncestors: readonly string[];
}

export interface ChatwootEmbedConfig {
  /** frame-ancestors, and the only origin whose `postMessage` context the page reads. */
  frameAncestors: readonly string[];
}

export interface EmbedConfig {
  zendesk?: ZendeskEmbedConfig;
  chatwoot?: ChatwootEmbedConfig;
}

export function embedConfigOf(cfg: IntegrationsConfig | undefined): EmbedConfig {
  const out: EmbedConfig = {};
  const zd = cfg?.zendesk;
  if (cfg && zd?.appSecret) {
    out.zendesk = {
      jwt: { secret: zd.appSecret, issuer: zd.appIssuer ?? new URL(zd.baseUrl).host, audience: zd.appAudience ?? `${cfg.publicUrl}/embed/zendesk` },
      sellerId: zd.sellerId,
      frameAncestors: [new URL(zd.baseUrl).origin],
    };
  }
  if (cfg?.chatwoot) out.chatwoot = { frameAncestors: [new URL(cfg.chatwoot.baseUrl).origin] };
  return out;
}
