/**
 * Helpdesk tickets linked to disputes, and the inbound deliveries seen lately (replay refusal).
 * See `src/integrations/`.
 *
 * - link: one helpdesk ticket (Chatwoot: one conversation) ↔ one dispute; a dispute may have
 *   several (a Zendesk ticket and a Chatwoot conversation), a ticket one dispute.
 * - seen key: what identifies one inbound delivery (its signature, or Freshdesk's ticket id +
 *   update time), remembered until the delivery would be refused as stale anyway.
 */
export const HELPDESK_NAMES = ['zendesk', 'chatwoot', 'freshdesk'] as const;
export type HelpdeskName = (typeof HELPDESK_NAMES)[number];

export interface TicketLink {
  helpdesk: HelpdeskName;
  /** Zendesk/Freshdesk ticket id, Chatwoot conversation id (as text). */
  ticketId: string;
  disputeId: string;
  /** Chatwoot's account id (its API paths need it); null elsewhere. */
  accountId: string | null;
  createdAt: number;
}

export interface TicketLinkRepository {
  find(helpdesk: HelpdeskName, ticketId: string): Promise<TicketLink | undefined>;
  /** Every ticket linked to a dispute (the `ticket_links_dispute` index: one lookup per change). */
  forDispute(disputeId: string): Promise<TicketLink[]>;
  /** Inserts the link; false when the ticket was linked already (the first link stands). */
  insert(link: TicketLink): Promise<boolean>;
  /**
   * The seller's latest dispute about `orderId`, or undefined. Walks the seller's disputes
   * (`disputes_seller` index) reading the order id from each snapshot: a seller has hundreds,
   * not millions, and a ticket arrives once.
   */
  disputeForOrder(sellerId: string, orderId: string): Promise<string | undefined>;
}

export interface InboundSeenRepository {
  /**
   * Remembers `key` until `expiresAt`; false when it is remembered already (a replay). Expired
   * keys are forgotten on the way.
   */
  remember(helpdesk: HelpdeskName, key: string, expiresAt: number, now: number): Promise<boolean>;
}
