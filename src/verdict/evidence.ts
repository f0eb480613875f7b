import { detailsOf } from '../domain/check-details.ts';
import type { CheckStatus, EvidenceKind, EvidenceSummary } from '../domain/evidence-summary.ts';

/** Helpers over `context.evidence` shared by the rules; check details only through `detailsOf`. */

export function checkStatus(e: EvidenceSummary, id: string): CheckStatus | undefined {
  return e.checks.find((c) => c.id === id)?.status;
}

export function failedCodes(e: EvidenceSummary): string[] {
  return e.checks.filter((c) => c.status === 'fail').map((c) => c.code);
}

/** A person accepted the item on review: what the machine could not perceive, they saw. */
export function acceptedOnReview(e: EvidenceSummary): boolean {
  return e.status === 'accepted' && e.review?.decision === 'accept';
}

/**
 * The check passed, or its `fail`/`warn` sent the item to a person who accepted it (a measured
 * fail rejects the item outright and never reaches review, so only perceptions are overruled).
 */
export function confirmed(e: EvidenceSummary, id: string): boolean {
  const s = checkStatus(e, id);
  return s === 'pass' || (acceptedOnReview(e) && (s === 'fail' || s === 'warn'));
}

/** Reused evidence (a `reuse` check fail) proves nothing about this dispute, even if accepted — unless a reviewer judged the resemblance. */
export function isReused(e: EvidenceSummary): boolean {
  return checkStatus(e, 'reuse') === 'fail' && !acceptedOnReview(e);
}

/** Evidence that counts: accepted and not reused. Rejected, pending and reused count as absent. */
export function usable(e: EvidenceSummary): boolean {
  return e.status === 'accepted' && !isReused(e);
}

export function usableOfKind(evidence: readonly EvidenceSummary[], kind: EvidenceKind): EvidenceSummary[] {
  return evidence.filter((e) => e.kind === kind && usable(e));
}

/** Evidence of `kind` that was uploaded but does not count (rejected or reused), for the reasons' citations. */
export function unusableOfKind(evidence: readonly EvidenceSummary[], kind: EvidenceKind): EvidenceSummary[] {
  return evidence.filter((e) => e.kind === kind && (e.status === 'rejected' || isReused(e)));
}

/** 000: a packing video proves contents when duration, SKU and label checks all pass (SKU and label: or a reviewer saw them). */
export function videoProvesContents(e: EvidenceSummary): boolean {
  return checkStatus(e, 'video.duration') === 'pass' && confirmed(e, 'video.sku') && confirmed(e, 'video.label');
}

/** 000: a delivery-proof photo proves delivery when legible (measured, or seen by a reviewer) and carrying signer name and time. */
export function photoProvesDelivery(e: EvidenceSummary): boolean {
  return confirmed(e, 'photo.legible') && !!e.signerName && e.signedAt !== undefined;
}

/** The packing video's measured picture length (`video.duration`'s `videoSeconds`), or null. */
export function secondsOf(e: EvidenceSummary): number | null {
  const d = detailsOf(e, 'video.duration');
  return d && 'videoSeconds' in d ? d.videoSeconds : null;
}

/** The other disputes (or orders, before any dispute) a `reuse` fail found this file on (from its `hits`), each once, in the check's order. */
export function reusedOn(e: EvidenceSummary): string[] {
  return [...new Set((detailsOf(e, 'reuse')?.hits ?? []).map((h) => h.disputeId ?? `order ${h.orderId ?? '?'}`))];
}
