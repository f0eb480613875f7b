import type { EvidenceKind } from '../domain/evidence-summary.ts';
import type { JobLane } from '../store/store.port.ts';

/**
 * How heavy a kind's checks are, for the fair queue: a packing video's checks decode frames,
 * scan barcodes and OCR for up to minutes (a 1-hour video); a photo's or a letter's take
 * well under a second. Issue 9: six 1-hour videos ahead of one photo made it wait 176 s.
 */
export function checkLaneOf(kind: EvidenceKind): JobLane {
  return kind === 'packing_video' ? 'heavy' : 'light';
}
