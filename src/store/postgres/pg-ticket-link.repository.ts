import { toTicketLink, type TicketLinkRecord } from '../ticket-link-columns.ts';
import type { HelpdeskName, InboundSeenRepository, TicketLink, TicketLinkRepository } from '../ticket-link.repository.port.ts';
import type { Queryable } from './pg-queryable.ts';

/** Helpdesk tickets linked to disputes. */
export class PgTicketLinkRepository implements TicketLinkRepository {
  constructor(private readonly db: Queryable) {}

  async find(helpdesk: HelpdeskName, ticketId: string): Promise<TicketLink | undefined> {
    const { rows } = await this.db.query<TicketLinkRecord>('SELECT * FROM ticket_links WHERE helpdesk = $1 AND ticket_id = $2', [helpdesk, ticketId]);
    return rows[0] && toTicketLink(rows[0]);
  }

  async forDispute(disputeId: string): Promise<TicketLink[]> {
    const { rows } = await this.db.query<TicketLinkRecord>('SELECT * FROM ticket_links WHERE dispute_id = $1 ORDER BY helpdesk, ticket_id', [disputeId]);
    return rows.map(toTicketLink);
  }

  async insert(l: TicketLink): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'INSERT INTO ticket_links (helpdesk, ticket_id, dispute_id, account_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [l.helpdesk, l.ticketId, l.disputeId, l.accountId, l.createdAt],
    );
    return rowCount === 1;
  }

  async disputeForOrder(sellerId: string, orderId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      "SELECT id FROM disputes WHERE seller_id = $1 AND snapshot::jsonb #>> '{context,order,orderId}' = $2 ORDER BY opened_at DESC, id DESC LIMIT 1",
      [sellerId, orderId],
    );
    return rows[0]?.id;
  }
}

/** Inbound deliveries seen within the staleness tolerance. */
export class PgInboundSeenRepository implements InboundSeenRepository {
  constructor(private readonly db: Queryable) {}

  async remember(helpdesk: HelpdeskName, key: string, expiresAt: number, now: number): Promise<boolean> {
    await this.db.query('DELETE FROM inbound_seen WHERE expires_at <= $1', [now]);
    // A key whose memory expired may be remembered again; a live one is a replay (no row changes).
    const { rowCount } = await this.db.query(
      'INSERT INTO inbound_seen (helpdesk, seen_key, expires_at) VALUES ($1, $2, $3) ON CONFLICT (helpdesk, seen_key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE inbound_seen.expires_at <= $4',
      [helpdesk, key, expiresAt, now],
    );
    return rowCount === 1;
  }
}
