import type { Rule } from '../rule.ts';
import { outcomeResolved } from './outcome-resolved.rule.ts';
import { deadlineFirstResponse } from './deadline-first-response.rule.ts';
import { deadlineSolution } from './deadline-solution.rule.ts';
import { deadlineBuyerAnswer } from './deadline-buyer-answer.rule.ts';
import { notReceivedDeliveryProof } from './not-received-delivery-proof.rule.ts';
import { notReceivedTrackingStatus } from './not-received-tracking-status.rule.ts';
import { trackingStalled } from './tracking-stalled.rule.ts';
import { signatureLineRequired } from './signature-line-required.rule.ts';
import { packingVideoRequired } from './packing-video-required.rule.ts';
import { packingVideoProvesContents } from './packing-video-proves-contents.rule.ts';
import { evidenceRejected } from './evidence-rejected.rule.ts';
import { evidencePending } from './evidence-pending.rule.ts';
import { evidenceReused } from './evidence-reused.rule.ts';
import { categoryUnknown } from './category-unknown.rule.ts';
import { evidenceReviewed } from './evidence-reviewed.rule.ts';

/**
 * The registry: every verdict rule, in the order their reasons appear. Decisive rules come
 * first (the first decisive vote wins). Adding a rule: one file in this folder, one line here,
 * its id in `RULE_IDS`.
 */
export const RULES: readonly Rule[] = [
  outcomeResolved,
  deadlineFirstResponse,
  deadlineSolution,
  deadlineBuyerAnswer,
  notReceivedDeliveryProof,
  notReceivedTrackingStatus,
  trackingStalled,
  packingVideoProvesContents,
  signatureLineRequired,
  packingVideoRequired,
  evidenceRejected,
  evidenceReused,
  evidenceReviewed,
  evidencePending,
  categoryUnknown,
];
