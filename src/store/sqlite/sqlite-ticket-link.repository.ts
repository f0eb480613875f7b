import type Database from 'better-sqlite3';
import { toTicketLink, type TicketLinkRecord } from '../ticket-link-columns.ts';
import type { HelpdeskName, InboundSeenRepository, TicketLink, TicketLinkRepository } from '../ticket-link.repository.port.ts';

/** Helpdesk tickets linked to disputes. */
export class SqliteTicketLinkRepository implements TicketLinkRepository {
  private readonly byTicket;
  private readonly byDispute;
  private readonly add;
  private readonly forOrder;

  constructor(db: Database.Database) {
    this.byTicket = db.prepare<[string, string], TicketLinkRecord>('SELECT * FROM ticket_links WHERE helpdesk = ? AND ticket_id = ?');
    this.byDispute = db.prepare<[string], TicketLinkRecord>('SELECT * FROM ticket_links WHERE dispute_id = ? ORDER BY helpdesk, ticket_id');
    this.add = db.prepare('INSERT INTO ticket_links (helpdesk, ticket_id, dispute_id, account_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.forOrder = db
      .prepare<[string, string], string>(
        "SELECT id FROM disputes WHERE seller_id = ? AND json_extract(snapshot, '$.context.order.orderId') = ? ORDER BY opened_at DESC, id DESC LIMIT 1",
      )
      .pluck();
  }

  async find(helpdesk: HelpdeskName, ticketId: string): Promise<TicketLink | undefined> {
    const r = this.byTicket.get(helpdesk, ticketId);
    return r && toTicketLink(r);
  }

  async forDispute(disputeId: string): Promise<TicketLink[]> {
    return this.byDispute.all(disputeId).map(toTicketLink);
  }

  async insert(l: TicketLink): Promise<boolean> {
    return this.add.run(l.helpdesk, l.ticketId, l.disputeId, l.accountId, l.createdAt).changes === 1;
  }

  async disputeForOrder(sellerId: string, orderId: string): Promise<string | undefined> {
    return this.forOrder.get(sellerId, orderId);
  }
}

/** Inbound deliveries seen within the staleness tolerance. */
export class SqliteInboundSeenRepository implements InboundSeenRepository {
  private readonly forget;
  private readonly upsert;

  constructor(db: Database.Database) {
    this.forget = db.prepare('DELETE FROM inbound_seen WHERE expires_at <= ?');
    // A key whose memory expired may be remembered again; a live one is a replay (no row changes).
    this.upsert = db.prepare(
      'INSERT INTO inbound_seen (helpdesk, seen_key, expires_at) VALUES (?, ?, ?) ON CONFLICT (helpdesk, seen_key) DO UPDATE SET expires_at = excluded.expires_at WHERE inbound_seen.expires_at <= ?',
    );
  }

  async remember(helpdesk: HelpdeskName, key: string, expiresAt: number, now: number): Promise<boolean> {
    this.forget.run(now);
    return this.upsert.run(helpdesk, key, expiresAt, now).changes === 1;
  }
}
