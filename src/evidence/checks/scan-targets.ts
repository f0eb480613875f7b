/** The video scan looks for everything the context names, whichever check asks first. */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import { result, type CheckContext } from '../check.ts';
import type { EvidenceFile } from '../evidence-file.ts';
import { MediaError } from '../media/media-error.ts';
import type { ScanTargets, VideoScan } from '../media/video-scan.ts';

export function scanTargets(ctx: CheckContext): ScanTargets {
  return { skus: ctx.skus ?? [], ...(ctx.trackingNumber ? { trackingNumber: ctx.trackingNumber } : {}) };
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
