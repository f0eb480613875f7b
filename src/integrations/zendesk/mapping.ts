/**
 * Zendesk → dispute. Zendesk webhooks carry whatever JSON the trigger's body says; we accept
 * this body (README "Helpdesks" gives the trigger to paste):
 *
 *   { "ticket": { "id": "{{ticket.id}}", "description": "{{ticket.description}}",
 *                 "fields": { "order_id": "{{ticket.ticket_field_<id>}}", "reason": …, … } } }
 *
 * `ticket.id` is the link; `fields` are the shared ticket fields (see ../ticket-fields.ts).
 */
import { z } from 'zod';
import { intentOf, TicketFieldsSchema, TicketIdSchema, type InboundTicket } from '../ticket-fields.ts';

export const ZendeskPayloadSchema = z.object({
  ticket: z.object({
    id: TicketIdSchema,
    description: z.string().optional(),
    fields: TicketFieldsSchema.default({}),
  }),
});

export function zendeskTicket(payload: unknown, sellerId: string): InboundTicket {
  const { ticket } = ZendeskPayloadSchema.parse(payload);
  return { ticket: { ticketId: ticket.id, accountId: null }, intent: intentOf(ticket.fields, sellerId, ticket.description) };
}
