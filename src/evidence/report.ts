/**
 * The report: every check's answer for one piece of evidence, and the status they add up to.
 *
 * Status rule:
 *  - any `fail` resting on a fact (`basis` absent or `measured`: wrong type, too large, too
 *    short, unreadable file, an editor's tag, the same bytes on another dispute) → `rejected`;
 *    the seller must upload something else, no person can change that;
 *  - else any `fail` resting on a machine's perception (`basis: 'perceived'`: SKU/label not
 *    read, blur-free but unread, looks like a screenshot, near-duplicate picture) or any
 *    `warn` → `needs_review`; our OCR missing a SKU is not proof the SKU is absent, so a
 *    person looks (the thumbnails and reads in the report show what the machine saw);
 *  - else `accepted`.
 */
import type { CheckResult, EvidenceKind } from '../domain/evidence-summary.ts';
import type { MediaType } from './sniff.ts';

export type ReportStatus = 'accepted' | 'rejected' | 'needs_review';

export interface EvidenceReport {
  status: ReportStatus;
  kind: EvidenceKind;
  sha256: string;
  sniffedType: MediaType | null;
  bytes: number;
  checks: CheckResult[];
  /** dHash (16 hex digits) of the picture or the video's middle keyframe; store it for `reuse`. */
  phash?: string;
  /** When the camera says it was captured (epoch ms; EXIF local time read as the server's zone). */
  capturedAt?: number;
  policyVersion: string;
  elapsedMs: number;
}

export function reportStatus(checks: readonly CheckResult[]): ReportStatus {
  if (checks.some((c) => c.status === 'fail' && c.basis !== 'perceived')) return 'rejected';
  if (checks.some((c) => c.status === 'fail' || c.status === 'warn')) return 'needs_review';
  return 'accepted';
}
