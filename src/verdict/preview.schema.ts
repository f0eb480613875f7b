import { z } from 'zod';
import { MoneySchema } from '../domain/money.ts';
import { EVIDENCE_KINDS } from '../domain/evidence-summary.ts';
import { DISPUTE_STATUSES } from '../../machines/dispute.machine.ts';

/**
 * The verdict preview's public shape. zod is the single source: the HTTP layer documents
 * `PreviewSchema`, code uses the inferred `Preview`.
 *
 * Glossary: a *rule* is one small named function in `rules/` citing one policy rule id;
 * a *reason* is what a rule says about this dispute; a *vote* is a rule's lean for a side
 * with a strength; *missing* is evidence that would still help before the window closes;
 * a *flip* is the smallest change that would reverse the preview.
 */
export const RULE_IDS = [
  'outcome.resolved',
  'deadline.first_response',
  'deadline.solution',
  'deadline.buyer_answer',
  'not_received.delivery_proof',
  'not_received.tracking_status',
  'tracking.stalled',
  'signature_line.required',
  'packing_video.required',
  'packing_video.proves_contents',
  'evidence.rejected',
  'evidence.pending',
  'evidence.reused',
  'evidence.reviewed',
  'liability.platform_warehouse',
  'liability.logistics_guarantee',
  'category.unknown',
] as const;
export const RuleIdSchema = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleIdSchema>;

export const PREVIEW_FAVOURS = ['buyer', 'seller', 'split', 'undecided'] as const;
export const PreviewFavourSchema = z.enum(PREVIEW_FAVOURS);
export type PreviewFavour = z.infer<typeof PreviewFavourSchema>;

/** The machine's remedies plus `undecided` while no rule decides. */
export const PreviewRemedySchema = z.enum(['full_refund', 'partial_refund', 'resend', 'none', 'undecided']);
export type PreviewRemedy = z.infer<typeof PreviewRemedySchema>;

export const LIABLE_PARTIES = ['seller', 'logistics_guarantee', 'platform_warehouse', 'none'] as const;
export const LiableSchema = z.enum(LIABLE_PARTIES);
export type Liable = z.infer<typeof LiableSchema>;

export const REASON_EFFECTS = ['favours_buyer', 'favours_seller', 'weakens_seller', 'info'] as const;
export const ReasonEffectSchema = z.enum(REASON_EFFECTS);
export type ReasonEffect = z.infer<typeof ReasonEffectSchema>;

export const FactValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FactValue = z.infer<typeof FactValueSchema>;

export const ReasonSchema = z.object({
  rule: RuleIdSchema,
  effect: ReasonEffectSchema,
  text: z.string(),
  facts: z.record(z.string(), FactValueSchema),
  /** Evidence ids the reason rests on (accepted or rejected). */
  evidence: z.array(z.string()),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const MissingSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  mustShow: z.array(z.string()).min(1),
  /** Epoch ms, like every time in the machine: the deadline in force for the dispute's stage. */
  dueBy: z.number().int(),
  rule: RuleIdSchema,
});
export type Missing = z.infer<typeof MissingSchema>;

export const FlipSchema = z.object({
  change: z.string(),
  wouldFavour: z.enum(['buyer', 'seller']),
  rule: RuleIdSchema,
});
export type Flip = z.infer<typeof FlipSchema>;

export const PreviewSchema = z.object({
  disputeId: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  policyVersion: z.string(),
  /** The `now` the preview was computed for (epoch ms). */
  at: z.number().int(),
  favours: PreviewFavourSchema,
  remedy: PreviewRemedySchema,
  /** The money the remedy implies (full refund: the order amount; partial: the agreed amount). */
  amount: MoneySchema.optional(),
  /** Who pays the remedy; `none` when the buyer gets nothing (seller favoured or undecided). */
  liable: LiableSchema,
  /** What the liable party pays; for the logistics guarantee, capped at its percent of the order. */
  liableAmount: MoneySchema.optional(),
  /** 0..1, see `confidence.ts`. */
  confidence: z.number().min(0).max(1),
  /** The rules whose votes decided `favours` (empty when undecided). */
  decidedBy: z.array(RuleIdSchema),
  reasons: z.array(ReasonSchema),
  missing: z.array(MissingSchema),
  flips: z.array(FlipSchema),
});
export type Preview = z.infer<typeof PreviewSchema>;
