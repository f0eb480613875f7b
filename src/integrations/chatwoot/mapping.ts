/**
 * Chatwoot → dispute. We accept Chatwoot's own `conversation_created` / `conversation_updated`
 * webhook payloads: the conversation's `id` and `account.id` are the link, its
 * `custom_attributes` are the shared ticket fields (see ../ticket-fields.ts; define them as
 * conversation attributes with those keys), the first message's text is the claim.
 */
import { z } from 'zod';
import { intentOf, TicketFieldsSchema, TicketIdSchema, type InboundTicket } from '../ticket-fields.ts';

export const ChatwootPayloadSchema = z.object({
  event: z.enum(['conversation_created', 'conversation_updated']),
  id: TicketIdSchema,
  account: z.object({ id: TicketIdSchema }),
  custom_attributes: TicketFieldsSchema.default({}),
  messages: z.array(z.object({ content: z.string().nullish() })).default([]),
});

export function chatwootTicket(payload: unknown, sellerId: string): InboundTicket {
  const c = ChatwootPayloadSchema.parse(payload);
  return { ticket: { ticketId: c.id, accountId: c.account.id }, intent: intentOf(c.custom_attributes, sellerId, c.messages[0]?.content ?? undefined) };
}
