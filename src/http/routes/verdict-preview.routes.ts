import { Router } from 'express';
import { listedRouter } from '../route-list.ts';
import { z } from 'zod';
import type { Clock } from '../../workflow/clock.ts';
import { statusOf, type DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { preview } from '../../verdict/preview.ts';
import { requireCapability } from '../scope.ts';
import { decodeCursor, pageOf, PageQuerySchema } from '../list-cursor.ts';
import { parse } from '../validate.ts';
import { read, disputeId } from './read.ts';

const PreviewCursorSchema = z.strictObject({ seq: z.number().int().min(0), kind: z.enum(['change', 'pre_arbitration']) });

/**
 * `GET /api/disputes/:id/verdict-preview`: what the rules would decide now, why, what is
 * missing and what would flip it, plus the preview recorded when the dispute entered
 * arbitration. `GET /api/disputes/:id/previews`: the preview's timeline.
 */
export function verdictPreviewRouter(workflow: DisputeWorkflow, clock: Clock): Router {
  const r = listedRouter();
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

  r.get('/:id/previews', reads, read(async (req) => {
    const q = parse(PageQuerySchema, req.query, 'query');
    const after = q.cursor ? decodeCursor(q.cursor, PreviewCursorSchema) : undefined;
    const rows = await workflow.previews(disputeId(req), { after, limit: q.limit + 1 });
    return pageOf(rows, q.limit, (p) => ({ seq: p.seq, kind: p.kind }), (p) => ({ ...p, at: iso(p.at) }));
  }));

  return r;
}
