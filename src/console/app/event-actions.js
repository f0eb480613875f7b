// The dispute events the console offers as buttons, with the body each sends (machines/
// dispute.machine.ts ClientEvent, src/workflow/client-event.schema.ts). Shown only when the
// dispute allows the event now (`allowedEvents`) and the key may send it (`me.events`).

/** `fields.amount` is what the agent typed (partial refunds), in the order's currency. */
export const EVENT_ACTIONS = [
  { id: 'respond', event: 'SELLER_RESPONDED', label: 'Send first response', confirm: 'Tell the buyer the seller is on it (stops the first-response deadline).', body: () => ({ type: 'SELLER_RESPONDED' }) },
  { id: 'refund', event: 'SOLUTION_PROPOSED', label: 'Propose full refund', confirm: 'Offer the buyer a full refund of the order.', body: () => ({ type: 'SOLUTION_PROPOSED', solution: 'refund' }) },
  { id: 'resend', event: 'SOLUTION_PROPOSED', label: 'Propose resend', confirm: 'Offer to send the item again.', body: () => ({ type: 'SOLUTION_PROPOSED', solution: 'resend' }) },
  {
    id: 'partial', event: 'SOLUTION_PROPOSED', label: 'Propose partial refund', amount: true,
    confirm: 'Offer the buyer part of the order amount back (more than 0, less than the order).',
    body: (d, f) => ({ type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: f.amount.trim(), currency: d.order.amount.currency } }),
  },
  { id: 'accept', event: 'SELLER_ACCEPTED_CLAIM', label: 'Accept the claim', confirm: 'Accept the buyer\'s claim: the dispute resolves with a full refund to the buyer.', body: () => ({ type: 'SELLER_ACCEPTED_CLAIM' }) },
  // `by` is the caller's party; the service fills it for keyed callers and needs it with AUTH=off.
  { id: 'escalate', event: 'ESCALATED', label: 'Escalate to arbitration', confirm: 'Ask the platform to decide.', body: (_d, _f, me) => ({ type: 'ESCALATED', by: me.role === 'integration' ? 'buyer' : 'seller' }) },
];

/** The actions this key may take on this dispute now. */
export function actionsFor(dispute, me) {
  const allowed = new Set(dispute.allowedEvents ?? []);
  const mine = new Set(me.events ?? []);
  return EVENT_ACTIONS.filter((a) => allowed.has(a.event) && mine.has(a.event));
}
