/**
 * The field mapping every helpdesk shares: named ticket fields (Zendesk trigger placeholders,
 * Freshdesk `cf_` custom fields, Chatwoot custom attributes; each adapter's `mapping.ts` says
 * where it finds them) → link to a dispute, or the command that opens one. See README "Helpdesks".
 */
import { z } from 'zod';
import type { TicketLink } from '../store/ticket-link.repository.port.ts';
import { OpenDisputeSchema, type OpenDisputeCommand } from '../workflow/open-dispute.command.ts';

/** A field as helpdesks send it: text, a number or a checkbox; blank means absent. */
const FieldValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? undefined : String(v).trim() || undefined));

export const TicketFieldsSchema = z.record(z.string().max(100), FieldValueSchema);
export type TicketFields = z.output<typeof TicketFieldsSchema>;

/** What a ticket asks for: link it to a known dispute, or open one from its fields. */
export interface TicketIntent {
  /** Our dispute id (`dsp_…`): link to it. */
  disputeId?: string;
  /** The marketplace's dispute id: link to the seller's dispute with it, or open one with it. */
  externalId?: string;
  /** Link to the seller's latest dispute about this order, or open one for it. */
  orderId?: string;
  /** The dispute the fields describe, when they describe one completely. */
  open?: OpenDisputeCommand;
  /** Why `open` is absent (for the log), when it is. */
  openProblems?: string;
}

const yes = (v: string | undefined) => (v === undefined ? undefined : /^(true|yes|1|on)$/i.test(v));

/**
 * The intent of a ticket whose fields are `f`, filed for `sellerId` (the integration's seller,
 * never a field: a ticket cannot file for another seller). `claim` is the ticket's text.
 *
 *   intentOf({ order_id: '8123-4471', reason: 'not_received', … }, 'seller-1', 'Parcel never arrived')
 */
export function intentOf(f: TicketFields, sellerId: string, claim?: string): TicketIntent {
  const intent: TicketIntent = { disputeId: f.dispute_id, externalId: f.external_id, orderId: f.order_id };
  const candidate = {
    externalId: f.external_id,
    sellerId,
    reason: f.reason,
    claim: claim?.slice(0, 5000),
    order: {
      orderId: f.order_id,
      amount: { value: f.amount, currency: f.currency?.toUpperCase() },
      category: f.category,
      items: (f.skus ?? '')
        .split(',')
        .map((sku) => sku.trim())
        .filter(Boolean)
        .map((sku) => ({ sku })),
      shipment: {
        trackingNumber: f.tracking_number,
        carrier: f.carrier,
        line: { name: f.carrier_line ?? f.carrier, official: yes(f.line_official) ?? false, signaturePhoto: yes(f.line_signature_photo) ?? false },
        status: f.tracking_status ?? 'in_transit',
        shippedAt: f.shipped_at,
      },
    },
  };
  const parsed = OpenDisputeSchema.safeParse(candidate);
  if (parsed.success) intent.open = parsed.data;
  else intent.openProblems = z.prettifyError(parsed.error);
  return intent;
}

/** A helpdesk's numeric ticket, conversation or account id, kept as text. */
export const TicketIdSchema = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String);

/** What a mapping reads from a helpdesk's payload: the ticket to link and what it asks for. */
export interface InboundTicket {
  ticket: Pick<TicketLink, 'ticketId' | 'accountId'>;
  intent: TicketIntent;
}
