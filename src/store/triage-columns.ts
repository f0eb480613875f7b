/**
 * The queue's columns on `disputes` (migration 012) as both databases store them, and their
 * mapping to the port's `Triage`. `missing` is JSON text in both (like every JSON column here).
 */
import type { Triage, TriageMissing } from './store.port.ts';

export const TRIAGE_COLUMNS = 'reason, amount_minor, currency, favours, missing, needs_review, next_deadline';

export interface TriageRecord {
  reason: string | null;
  amount_minor: number | null;
  currency: string | null;
  favours: string | null;
  missing: string | null;
  needs_review: number;
  next_deadline: string | null;
}

export const toTriage = (r: TriageRecord): Triage => ({
  reason: r.reason ?? null,
  amountMinor: r.amount_minor ?? null,
  currency: r.currency ?? null,
  favours: r.favours ?? null,
  missing: r.missing === null || r.missing === undefined ? null : (JSON.parse(r.missing) as TriageMissing[]),
  needsReview: r.needs_review ?? 0,
  nextDeadline: r.next_deadline ?? null,
});

/** The columns' values by column name, in TRIAGE_COLUMNS order, for an INSERT or UPDATE. */
export const triageRecord = (t: Triage): TriageRecord => ({
  reason: t.reason,
  amount_minor: t.amountMinor,
  currency: t.currency,
  favours: t.favours,
  missing: t.missing === null ? null : JSON.stringify(t.missing),
  needs_review: t.needsReview,
  next_deadline: t.nextDeadline,
});
