import type { DisputeContext } from '../../machines/dispute.machine.ts';
import { fromMinor } from '../domain/money.ts';
import type { DisputeSummaryRow } from '../store/store.port.ts';
import { allowedEvents, statusOf, type Loaded } from '../workflow/dispute-workflow.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function deadlinesView(ctx: DisputeContext): Record<string, string> {
  return Object.fromEntries(Object.entries(ctx.deadlines).map(([k, v]) => [k, new Date(v).toISOString()]));
}

/** The public JSON of a dispute (`GET /api/disputes/:id`). Times are ISO 8601 UTC. */
export function disputeView({ row, snapshot }: Loaded) {
  const c = snapshot.context;
  return {
    id: row.id,
    externalId: row.externalId,
    sellerId: row.sellerId,
    reason: c.reason,
    claim: c.claim ?? null,
    status: statusOf(snapshot),
    openedAt: iso(c.openedAt),
    policyVersion: row.policyVersion,
    version: row.version,
    deadlines: deadlinesView(c),
    allowedEvents: allowedEvents(snapshot),
    outcome: c.outcome ? { ...c.outcome, at: iso(c.outcome.at) } : null,
    proposal: c.proposal ? { ...c.proposal, at: iso(c.proposal.at) } : null,
    respondedAt: iso(c.respondedAt) ?? null,
    escalatedBy: c.escalatedBy ?? null,
    arbitrationEvidenceClosed: c.arbitrationEvidenceClosed,
    order: c.order,
    evidence: c.evidence.map((e) => ({ ...e, uploadedAt: iso(e.uploadedAt), capturedAt: iso(e.capturedAt), signedAt: iso(e.signedAt) })),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * A dispute as the agent queue lists it: from the row's columns alone (no snapshot is parsed).
 * `amount` is the order's, shaped like every Money; `missing` is what the latest preview still
 * asks for, one per evidence kind; `needsReview` counts items waiting for a person.
 */
export function summaryView(row: DisputeSummaryRow) {
  const t = row.triage;
  return {
    id: row.id,
    externalId: row.externalId,
    sellerId: row.sellerId,
    status: row.status,
    reason: t.reason,
    amount: t.amountMinor !== null && t.currency !== null ? fromMinor(t.amountMinor, t.currency) : null,
    favours: t.favours,
    missing: (t.missing ?? []).map((m) => ({ kind: m.kind, dueBy: new Date(m.dueBy).toISOString() })),
    needsReview: t.needsReview,
    version: row.version,
    nextDueAt: iso(row.nextDueAt ?? undefined) ?? null,
    nextDeadline: t.nextDeadline,
    openedAt: iso(row.openedAt),
    updatedAt: iso(row.updatedAt),
  };
}
