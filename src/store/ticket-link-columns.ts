import type { HelpdeskName, TicketLink } from './ticket-link.repository.port.ts';

/** A `ticket_links` row as both stores return it. */
export interface TicketLinkRecord {
  helpdesk: HelpdeskName;
  ticket_id: string;
  dispute_id: string;
  account_id: string | null;
  created_at: number;
}

export const toTicketLink = (r: TicketLinkRecord): TicketLink => ({
  helpdesk: r.helpdesk,
  ticketId: r.ticket_id,
  disputeId: r.dispute_id,
  accountId: r.account_id,
  createdAt: r.created_at,
});
