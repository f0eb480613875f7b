import { Router } from 'express';
import type { Clock } from '../../workflow/clock.ts';
import { statusOf, type DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { preview } from '../../verdict/preview.ts';
import { requireCapability } from '../scope.ts';
import { read, disputeId } from './read.ts';

/**
 * `GET /api/disputes/:id/verdict-preview`: what the rules would decide now, why, what is
 * missing and what would flip it, plus the preview recorded when the dispute entered
 * arbitration. `GET /api/disputes/:id/previews`: the preview's timeline.
 */
export function verdictPreviewRouter(workflow: DisputeWorkflow, clock: Clock): Router {
  const r = Router();
  const reads = requireCapability('disputes.read');
  const iso = (ms: number) => new Date(ms).toISOString();

  r.get('/:id/verdict-preview', reads, read(async (req) => {
    const { row, snapshot } = await workflow.load(disputeId(req));
    const policy = workflow.policies.byVersion(row.policyVersion)!;
    const p = preview({ status: statusOf(snapshot), context: snapshot.context }, policy, clock.now());
    const pre = (await workflow.previews(row.id)).find((x) => x.kind === 'pre_arbitration');
    return {
      ...p,
      at: iso(p.at),
      missing: p.missing.map((m) => ({ ...m, dueBy: iso(m.dueBy) })),
      preArbitration: pre ? { seq: pre.seq, at: iso(pre.at), preview: pre.preview } : null,
    };
  }));

  r.get('/:id/previews', reads, read(async (req) => ({
    items: (await workflow.previews(disputeId(req))).map((p) => ({ ...p, at: iso(p.at) })),
  })));

  return r;
}
