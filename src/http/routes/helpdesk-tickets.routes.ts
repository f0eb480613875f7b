import { z } from 'zod';
import { sees } from '../../auth/permissions.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Store } from '../../store/store.port.ts';
import { HELPDESK_NAMES } from '../../store/ticket-link.repository.port.ts';
import { callerOf } from '../caller.ts';
import { listedRouter } from '../route-list.ts';
import { requireCapability } from '../scope.ts';
import { parse } from '../validate.ts';
import { read } from './read.ts';

export const TicketParamsSchema = z.object({
  helpdesk: z.enum(HELPDESK_NAMES),
  /** Zendesk/Freshdesk ticket id, Chatwoot conversation id. */
  ticketId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a ticket id such as 4711'),
});

/**
 * `GET /api/helpdesks/{helpdesk}/tickets/{ticketId}` → `{ helpdesk, ticketId, disputeId }`: the
 * dispute a helpdesk ticket is linked to, as the calling key may see it. A sidebar (Chatwoot)
 * knows only the conversation it sits beside — a hint from the page around it — so the answer
 * goes through the key's own seller scope: another seller's ticket is 404, like an unlinked one.
 */
export function helpdeskTicketsRouter(store: Store) {
  const r = listedRouter();
  r.get('/:helpdesk/tickets/:ticketId', requireCapability('disputes.read'), read(async (req, res) => {
    const { helpdesk, ticketId } = parse(TicketParamsSchema, req.params, 'params');
    const caller = callerOf(res);
    const disputeId = await store.read(async (r) => {
      const link = await r.ticketLinks.find(helpdesk, ticketId);
      if (!link) return undefined;
      const seller = await r.disputes.sellerOf(link.disputeId);
      return seller !== undefined && sees(caller, seller) ? link.disputeId : undefined;
    });
    if (!disputeId) throw new DomainError('INTEGRATION.TICKET_NOT_LINKED', `No dispute you may see is linked to ${helpdesk} ticket ${ticketId}.`);
    return { helpdesk, ticketId, disputeId };
  }));
  return r;
}
