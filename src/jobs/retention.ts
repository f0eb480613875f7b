/** How long what the service keeps for others is kept, and how often the sweep looks. */
export interface Retention {
  /** An `Idempotency-Key`'s answer is replayed this long, then pruned (the key counts as new). */
  idempotencyMs: number;
  /** A rejected file stays this long after its report, then goes (its evidence row stays). */
  rejectedFileMs: number;
  /** A temp file or an object no evidence row points at is removed when it is this old. */
  orphanFileMs: number;
  /** The sweep runs this often. */
  sweepEveryMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

export const DEFAULT_RETENTION: Retention = {
  // A client retries within minutes or hours; a day covers an overnight batch retry. Issue 9:
  // kept forever, 6,000 answers grew the database by 150 MB.
  idempotencyMs: 24 * HOUR_MS,
  // The longest a dispute can run after a rejection under the shipped policy's deadlines
  // (24 h + 48 h + 72 h + 120 h negotiation + 72 h arbitration window = 336 h = 14 days):
  // the seller and the arbitrator can still open the file while it can matter.
  rejectedFileMs: 14 * 24 * HOUR_MS,
  // An upload lasts at most 15 min (upload-limits.ts), so nothing this old is in flight.
  orphanFileMs: HOUR_MS,
  sweepEveryMs: HOUR_MS,
};
