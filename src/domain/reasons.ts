/** Why the buyer filed. Public names; adding one touches this list and the verdict rules. */
export const DISPUTE_REASONS = ['not_received', 'not_as_described', 'damaged', 'wrong_item', 'missing_parts', 'counterfeit'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
