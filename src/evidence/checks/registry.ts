/**
 * Every evidence check, in report order. Adding a check: one file in this folder, one line
 * here, and its details schema in `domain/check-details.ts`. The gate checks run first; when
 * one fails nothing else decodes the file.
 */
import type { Check } from '../check.ts';
import { captureTimeCheck } from './capture-time.check.ts';
import { fileLimitsCheck } from './file-limits.check.ts';
import { fileTypeCheck } from './file-type.check.ts';
import { labelMatchCheck } from './label-match.check.ts';
import { letterStampCheck } from './letter-stamp.check.ts';
import { originalCheck } from './original.check.ts';
import { pdfSafetyCheck } from './pdf-safety.check.ts';
import { photoLegibleCheck } from './photo-legible.check.ts';
import { reuseCheck } from './reuse.check.ts';
import { videoDurationCheck } from './video-duration.check.ts';
import { videoLabelCheck } from './video-label.check.ts';
import { videoLimitsCheck } from './video-limits.check.ts';
import { videoSkuCheck } from './video-sku.check.ts';

/**
 * Must pass before any other check runs: type and size/pixel limits (a video's from ffprobe).
 * Only work that bounds itself starts beside them (`Check.startEarly`), and a failed gate aborts it.
 */
export const GATE_CHECKS: readonly Check[] = [fileTypeCheck, fileLimitsCheck, videoLimitsCheck];

export const CONTENT_CHECKS: readonly Check[] = [originalCheck, videoDurationCheck, videoSkuCheck, videoLabelCheck, photoLegibleCheck, labelMatchCheck, pdfSafetyCheck, letterStampCheck, reuseCheck, captureTimeCheck];

export const ALL_CHECKS: readonly Check[] = [...GATE_CHECKS, ...CONTENT_CHECKS];
