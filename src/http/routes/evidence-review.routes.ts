import type { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../../auth/caller.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { callerOf } from '../caller.ts';
import { answerWith, idempotencyOf, sendAnswer } from '../idempotency.ts';
import { listedRouter } from '../route-list.ts';
import { requireCapability } from '../scope.ts';
import { jsonBody, parse } from '../validate.ts';
import { EvidenceIdSchema, evidenceView } from './evidence.routes.ts';

export const ReviewBodySchema = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  note: z.string().min(1).max(5000).optional(),
});

/**
 * `POST /api/evidence/:id/review` `{ decision: 'accept' | 'reject', note }`: a person settles a
 * `needs_review` item through the command path (`EVIDENCE_REVIEWED` in the dispute's log, actor
 * = the caller) → 200 with the evidence; 409 EVIDENCE.NOT_IN_REVIEW when it is not waiting.
 */
export function evidenceReviewRouter(workflow: DisputeWorkflow): Router {
  const r = listedRouter();
  r.post('/:id/review', requireCapability('evidence.review'), async (req, res) => {
    const id = EvidenceIdSchema.safeParse(req.params.id);
    if (!id.success) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${String(req.params.id)}.`);
    const body = parse(ReviewBodySchema, jsonBody(req));
    const caller = callerOf(res);
    const a = await workflow.execute(
      { type: 'review_evidence', evidenceId: id.data, ...body, reviewer: caller, actor: actorOf(caller) },
      { idempotency: idempotencyOf(req), present: answerWith((o) => ({ status: 200, body: evidenceView(o.evidence!) })) },
    );
    sendAnswer(res, a);
  });
  return r;
}
