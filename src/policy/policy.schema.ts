import { z } from 'zod';
import { MoneySchema } from '../domain/money.ts';

/**
 * A policy: every number of the marketplace rules, versioned. A dispute is pinned to the
 * version in force when it was filed; a new version never moves an old dispute's deadlines.
 * `ours` lists the fields the seeds do not give and we chose (so an auditor can tell them apart).
 */
export const PolicySchema = z.object({
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  effectiveFrom: z.iso.datetime({ offset: true }),
  source: z.string(),
  ours: z.array(z.string()),
  deadlines: z.object({
    /** 000: the seller must first-respond within 24 h of filing, else auto-judgment for the buyer. */
    firstResponseHours: z.number().positive(),
    /** 000: a valid solution (refund, resend, partial refund) within 48 h of filing. */
    solutionHours: z.number().positive(),
    /** How long the buyer has to answer a proposal before it is deemed accepted. */
    buyerAnswerHours: z.number().positive(),
    /** After a rejection, how long negotiation may run before it escalates to arbitration. */
    negotiationHours: z.number().positive(),
    /** How long the arbitration evidence window stays open. */
    arbitrationEvidenceHours: z.number().positive(),
    /**
     * How long before each deadline the `dispute.deadline_approaching` webhook goes out. 6 h: a
     * quarter of the shortest window (24 h first response), one working shift to act on it.
     * Defaulted so policy files written before it still load.
     */
    approachingNoticeHours: z.number().positive().default(6),
  }),
  evidence: z.object({
    /** 000: packing videos at least 15 s. */
    minVideoSeconds: z.number().positive(),
    /** 000: packing video uploaded within 2 h of shipping for high-value / prone categories. */
    packingVideoWithinHoursOfShipping: z.number().positive(),
    maxVideoBytes: z.number().int().positive(),
    maxPhotoBytes: z.number().int().positive(),
    maxDocumentBytes: z.number().int().positive(),
    /** Decoded pixels above this are refused (decompression bombs). */
    maxPixels: z.number().int().positive(),
    /**
     * A video frame (width × height, from ffprobe, before any decode) above this is refused:
     * 3840×2160, the 4K most phones record at most; a 16000×16000 frame drove ffmpeg past 500 MB.
     */
    maxVideoPixels: z.number().int().positive(),
    /**
     * A video longer than this is refused before any decode: packing one parcel on camera takes
     * minutes, and six 1-hour videos held every check thread (issue 9). 600 s is 10× the 60 s
     * bench video, so a label-less scan stays within the same order as the check timeout.
     */
    maxVideoSeconds: z.number().positive(),
    /** Short side below this is too small to read a label. */
    minShortSidePx: z.number().int().positive(),
    /** sharp's stats().sharpness on a 1024 px normalised image; below this is blurred. */
    minSharpness: z.number().positive(),
    /** A photo whose EXIF ModifyDate is this long after DateTimeOriginal was re-saved later (edited). */
    maxMinutesModifiedAfterCapture: z.number().positive(),
    /** dHash (64-bit) Hamming distance at or below which two pictures count as the same image reused. */
    reuseMaxHammingDistance: z.number().int().min(0).max(64),
    /**
     * A packing video captured more than this before shipping is not this parcel's packing. 48 h:
     * the seeds give a parcel at most 48 h from packing and label to first-mile pickup (001/002),
     * so an honest capture is within that window before `shippedAt`.
     */
    maxHoursCapturedBeforeShipping: z.number().positive(),
  }),
  logistics: z.object({
    /** 000: orders over this amount need a signature-photo line and a packing video. */
    signatureRequiredAbove: MoneySchema,
    /** 000: dispute-prone categories with the same duty. */
    signatureCategories: z.array(z.string()),
    /** 002: no tracking update for 72 h is stalled. */
    stalledAfterHours: z.number().positive(),
    /** 001: the official-line logistics guarantee compensates up to this share of the order. */
    officialLineCompensationPercent: z.number().min(0).max(100),
  }),
  /**
   * The order categories the rules know, as `snake_case` names, and other spellings of them
   * (keys in the same normal form: lower case, runs of spaces, `-`, `&`, `/` as `_`). A
   * dispute's category is matched when it is filed; an unknown one is kept as given and the
   * verdict preview says the category rules were not applied to it.
   */
  categories: z.object({
    names: z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1),
    aliases: z.record(z.string().regex(/^[a-z0-9_]+$/), z.string()),
  }),
}).check((ctx) => {
  const names = new Set(ctx.value.categories.names);
  for (const c of ctx.value.logistics.signatureCategories) {
    if (!names.has(c)) ctx.issues.push({ code: 'custom', input: c, path: ['logistics', 'signatureCategories'], message: `${c} is not in categories.names` });
  }
  for (const [alias, name] of Object.entries(ctx.value.categories.aliases)) {
    if (!names.has(name)) ctx.issues.push({ code: 'custom', input: name, path: ['categories', 'aliases', alias], message: `${name} is not in categories.names` });
  }
});

export type Policy = z.infer<typeof PolicySchema>;
export const HOUR_MS = 3_600_000;
