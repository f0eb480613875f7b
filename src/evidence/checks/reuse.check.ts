/**
 * `reuse`: the same file (SHA-256) or a near-identical picture (dHash within
 * policy.reuseMaxHammingDistance) was already submitted on ANOTHER dispute. The store answers
 * through `ctx.findReuse`, so this check knows nothing of storage. Same bytes is a fact
 * (rejected); a similar picture is a resemblance (a person looks).
 */
import { result, type Check, type ReuseHit } from '../check.ts';

/** Where an earlier use sits: `dispute dsp_…`, or `order 8123-4471` before any dispute. */
const owners = (hits: readonly ReuseHit[]) => hits.map((h) => (h.disputeId ? `dispute ${h.disputeId}` : `order ${h.orderId ?? '?'}`)).join(', ');

export const reuseCheck: Check<'reuse'> = {
  id: 'reuse',
  appliesTo: (kind) => kind !== 'carrier_letter',
  async run(file, ctx) {
    if (!ctx.findReuse) return result(this.id, 'skip', 'REUSE.NO_LOOKUP', 'No evidence store to compare with.');
    const sha256 = await file.sha256();
    const phash = await file.phash().catch(() => undefined);
    const max = ctx.policy.evidence.reuseMaxHammingDistance;
    const hits = (await ctx.findReuse(sha256, phash)).filter((h) => h.disputeId !== ctx.disputeId);
    const same = hits.filter((h) => h.sha256 === sha256);
    if (same.length > 0) {
      return result(this.id, 'fail', 'REUSE.SAME_FILE', `This exact file was already submitted on ${owners(same)}.`, {
        details: { phash: phash ?? null, hits: same },
      });
    }
    const near = hits.filter((h) => h.distance <= max).sort((a, b) => a.distance - b.distance);
    if (near.length > 0) {
      return result(this.id, 'fail', 'REUSE.NEAR_DUPLICATE', `A nearly identical picture was already submitted on ${owners(near)}.`, {
        basis: 'perceived',
        details: { phash: phash ?? null, maxDistance: max, hits: near },
      });
    }
    return result(this.id, 'pass', 'REUSE.NONE', 'Not seen on any other dispute.', { details: { phash: phash ?? null } });
  },
};
