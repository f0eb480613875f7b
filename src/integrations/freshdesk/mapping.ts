/**
 * Freshdesk → dispute. A Freshdesk automation rule's "Trigger webhook" sends the JSON body it
 * is given; we accept (README "Helpdesks" gives the rule's body):
 *
 *   { "freshdesk_webhook": { "ticket_id": "{{ticket.id}}", "ticket_updated_at": "{{ticket.updated_at}}",
 *       "ticket_description": "{{ticket.description_text}}", "ticket_cf_order_id": "{{ticket.cf_order_id}}", … } }
 *
 * `ticket_id` is the link; every `ticket_cf_<name>` is the shared ticket field `<name>` (see
 * ../ticket-fields.ts); `ticket_updated_at` dates the delivery (Freshdesk signs nothing).
 */
import { z } from 'zod';
import { intentOf, TicketFieldsSchema, TicketIdSchema, type InboundTicket } from '../ticket-fields.ts';

const CUSTOM_FIELD = 'ticket_cf_';

export const FreshdeskPayloadSchema = z.object({
  freshdesk_webhook: z.looseObject({
    ticket_id: TicketIdSchema,
    ticket_updated_at: z.string().min(1).max(64),
    ticket_description: z.string().optional(),
  }),
});

export function freshdeskTicket(payload: unknown, sellerId: string): InboundTicket {
  const w = FreshdeskPayloadSchema.parse(payload).freshdesk_webhook;
  const custom = Object.fromEntries(Object.entries(w).filter(([k]) => k.startsWith(CUSTOM_FIELD)).map(([k, v]) => [k.slice(CUSTOM_FIELD.length), v]));
  return { ticket: { ticketId: w.ticket_id, accountId: null }, intent: intentOf(TicketFieldsSchema.parse(custom), sellerId, w.ticket_description) };
}
