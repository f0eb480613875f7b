/** The video scan looks for everything the context names, whichever check asks first. */
import type { CheckContext } from '../check.ts';
import type { ScanTargets } from '../media/video-scan.ts';

export function scanTargets(ctx: CheckContext): ScanTargets {
  return { skus: ctx.skus ?? [], ...(ctx.trackingNumber ? { trackingNumber: ctx.trackingNumber } : {}) };
}
