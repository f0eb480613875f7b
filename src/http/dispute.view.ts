import type { DisputeContext } from '../../machines/dispute.machine.ts';
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

export function summaryView(row: DisputeSummaryRow) {
  return {
    id: row.id,
    externalId: row.externalId,
    sellerId: row.sellerId,
    status: row.status,
    version: row.version,
    nextDueAt: iso(row.nextDueAt ?? undefined) ?? null,
    openedAt: iso(row.openedAt),
    updatedAt: iso(row.updatedAt),
  };
}
