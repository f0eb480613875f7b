import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { failedCodes, secondsOf, unusableOfKind, usableOfKind, videoProvesContents } from '../evidence.ts';
import { CONDITION_REASONS } from '../tracking.ts';
import { STRENGTH } from '../weights.ts';

/**
 * `packing_video.proves_contents` — 000: claims about the goods (not as described, damaged,
 * wrong item, missing parts) are contested with an original packing video ≥ 15 s
 * (policy.evidence.minVideoSeconds) clearly showing the product SKU and the parcel label:
 * the `video.duration`, `video.sku` and `video.label` checks must all pass on accepted evidence.
 * Without one the seller cannot contest and the buyer is favoured.
 * Counterfeit (our decision): the same video counts, but only weakly — it shows what was
 * shipped, not that it is genuine.
 */
export const packingVideoProvesContents: Rule = {
  id: 'packing_video.proves_contents',
  source: '000',
  evaluate({ ctx, policy }) {
    if (!CONDITION_REASONS.has(ctx.reason)) return undefined;
    const counterfeit = ctx.reason === 'counterfeit';
    const videos = usableOfKind(ctx.evidence, 'packing_video');
    const proving = videos.filter(videoProvesContents);
    const failed = [...videos.filter((v) => !videoProvesContents(v)), ...unusableOfKind(ctx.evidence, 'packing_video')];
    const skus = ctx.order.items.map((i) => i.sku);
    const best = proving[0];
    const facts = {
      reason: ctx.reason,
      minVideoSeconds: policy.evidence.minVideoSeconds,
      skus: skus.join(','),
      provingVideos: proving.length,
      seconds: best ? secondsOf(best) : (failed[0] && secondsOf(failed[0])) ?? null,
      unprovingCodes: failed.flatMap(failedCodes).join(',') || null,
    };
    if (best) {
      const text = counterfeit
        ? `An accepted ${secondsOf(best) ?? '≥' + policy.evidence.minVideoSeconds} s packing video shows SKU and label; it shows what was shipped but not that it is genuine.`
        : `An accepted ${secondsOf(best) ?? '≥' + policy.evidence.minVideoSeconds} s packing video shows the SKU and the parcel label.`;
      return {
        reasons: [reason('packing_video.proves_contents', 'favours_seller', text, { ...facts, authenticityProven: counterfeit ? false : null }, proving.map((v) => v.id))],
        vote: { favours: 'seller', strength: counterfeit ? STRENGTH.packingVideoVsCounterfeit : STRENGTH.packingVideoProves },
        flips: [{ change: 'the packing video found edited, reused or not showing the SKU on review', wouldFavour: 'buyer' }],
      };
    }
    const text =
      failed.length > 0
        ? `No packing video proves the contents (${facts.unprovingCodes ?? 'checks not passed'}); the seller cannot contest the ${ctx.reason} claim.`
        : `There is no packing video; the seller cannot contest the ${ctx.reason} claim.`;
    return {
      reasons: [reason('packing_video.proves_contents', 'favours_buyer', text, facts, failed.map((v) => v.id))],
      vote: { favours: 'buyer', strength: STRENGTH.noPackingVideo },
      missing: [
        {
          kind: 'packing_video',
          mustShow: [`at least ${policy.evidence.minVideoSeconds} s, original (no edits)`, `product SKU ${skus.join(', ')}`, 'parcel label with tracking number'],
        },
      ],
      flips: [
        {
          change: `an original packing video of at least ${policy.evidence.minVideoSeconds} s clearly showing SKU ${skus.join(', ')} and the parcel label`,
          wouldFavour: 'seller',
        },
      ],
    };
  },
};
