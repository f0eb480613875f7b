/**
 * The helpdesks this service talks to, each one folder (signature, mapping, note, client),
 * put together from the configuration. Only configured helpdesks exist here.
 *
 *   const helpdesks = helpdesksOf(config);
 *   helpdesks.get('zendesk')?.verify(delivery, () => body, Date.now());
 */
import type { HelpdeskName, TicketLink } from '../store/ticket-link.repository.port.ts';
import { chatwootSendNote } from './chatwoot/client.ts';
import { chatwootTicket } from './chatwoot/mapping.ts';
import { verifyChatwoot } from './chatwoot/signature.ts';
import type { IntegrationsConfig } from './config.ts';
import { freshdeskSendNote } from './freshdesk/client.ts';
import { freshdeskTicket } from './freshdesk/mapping.ts';
import { verifyFreshdesk } from './freshdesk/signature.ts';
import type { InboundDelivery, VerifiedDelivery } from './inbound-delivery.ts';
import type { NoteContent } from './note-content.ts';
import type { NoteResult } from './post-note.ts';
import type { InboundTicket } from './ticket-fields.ts';
import { zendeskSendNote } from './zendesk/client.ts';
import { zendeskTicket } from './zendesk/mapping.ts';
import { verifyZendesk } from './zendesk/signature.ts';

export interface Helpdesk {
  name: HelpdeskName;
  /** The seller whose disputes this helpdesk's tickets open and link. */
  sellerId: string;
  /** Proves the sender (INTEGRATION.* otherwise); `body` parses the raw body, called only when the scheme reads it. */
  verify(d: InboundDelivery, body: () => unknown, now: number): VerifiedDelivery;
  /** The ticket and what it asks for (throws a ZodError when the payload is not one we accept). */
  ticketOf(body: unknown): InboundTicket;
  sendNote(link: TicketLink, note: NoteContent): Promise<NoteResult>;
}

export type Helpdesks = ReadonlyMap<HelpdeskName, Helpdesk>;

/** The actor recorded for what a helpdesk's webhook does. */
export const helpdeskActor = (name: HelpdeskName) => `integration:${name}`;

export function helpdesksOf(cfg: IntegrationsConfig): Helpdesks {
  const all: Helpdesk[] = [];
  const { zendesk, chatwoot, freshdesk } = cfg;
  if (zendesk) {
    all.push({
      name: 'zendesk',
      sellerId: zendesk.sellerId,
      verify: (d, _body, now) => verifyZendesk(d, zendesk.webhookSecret, now),
      ticketOf: (body) => zendeskTicket(body, zendesk.sellerId),
      sendNote: zendeskSendNote(zendesk),
    });
  }
  if (chatwoot) {
    all.push({
      name: 'chatwoot',
      sellerId: chatwoot.sellerId,
      verify: (d, _body, now) => verifyChatwoot(d, chatwoot.webhookSecret, now),
      ticketOf: (body) => chatwootTicket(body, chatwoot.sellerId),
      sendNote: chatwootSendNote(chatwoot),
    });
  }
  if (freshdesk) {
    all.push({
      name: 'freshdesk',
      sellerId: freshdesk.sellerId,
      verify: (d, body, now) => verifyFreshdesk(d, freshdesk.webhookToken, body, now),
      ticketOf: (body) => freshdeskTicket(body, freshdesk.sellerId),
      sendNote: freshdeskSendNote(freshdesk),
    });
  }
  return new Map(all.map((h) => [h.name, h]));
}
