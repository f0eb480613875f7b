/** The video scan looks for everything the context names, whichever check asks first. */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import { result, type CheckContext } from '../check.ts';
import type { EvidenceFile } from '../evidence-file.ts';
import { MediaError } from '../media/media-error.ts';
import type { ScanTargets, VideoScan } from '../media/video-scan.ts';

export function scanTargets(ctx: CheckContext): ScanTargets {
  return { skus: ctx.skus ?? [], ...(ctx.trackingNumber ? { trackingNumber: ctx.trackingNumber } : {}) };
}

/**
 * Starts the shared scan before the gates have passed (a check's `startEarly`): its decoder
 * refuses frames over the policy's pixel limit and runs one thread, and a failed gate aborts it.
 */
export function startScan(file: EvidenceFile, ctx: CheckContext): void {
  const targets = scanTargets(ctx);
  if (targets.skus.length > 0 || targets.trackingNumber) file.videoScan(targets, ctx.proofDir).catch(() => undefined);
}

/** The shared video scan for check `id`, or that check's failure when the video cannot be read. */
export async function scanOrFailure(id: 'video.sku' | 'video.label', file: EvidenceFile, ctx: CheckContext): Promise<VideoScan | CheckResult> {
  try {
    return await file.videoScan(scanTargets(ctx), ctx.proofDir);
  } catch (e) {
    if (e instanceof MediaError) return result(id, 'fail', e.code, `The video cannot be read (${e.message}).`);
    throw e;
  }
}
