import type { Order } from '../domain/order.schema.ts';
import { compareMoney } from '../domain/money.ts';
import type { EvidenceSummary } from '../domain/evidence-summary.ts';
import { HOUR_MS, type Policy } from '../policy/policy.schema.ts';
import { usableOfKind } from './evidence.ts';

/**
 * 000: the seller's shipping duties for high-value orders and dispute-prone categories.
 * Shared by the two duty rules and by the logistics-guarantee liability ("when its rules are met").
 */
export interface SignatureDuty {
  required: boolean;
  /** Strictly over `signatureRequiredAbove`; `null` when the currencies differ (not compared). */
  overThreshold: boolean | null;
  byCategory: boolean;
}

/**
 * Over the threshold means strictly greater, in the same currency. A pure preview has no
 * FX rates, so an order in another currency is NOT compared (overThreshold: null) and the
 * duty then rests on the category alone; the rule says so in its reason.
 */
export function signatureDuty(order: Order, policy: Policy): SignatureDuty {
  const cmp = compareMoney(order.amount, policy.logistics.signatureRequiredAbove);
  const overThreshold = cmp === undefined ? null : cmp > 0;
  const byCategory = policy.logistics.signatureCategories.includes(order.category);
  return { required: overThreshold === true || byCategory, overThreshold, byCategory };
}

/** The last instant a packing video may reach us: `shippedAt` + the policy's hours; undefined when the ship time is unknown. */
function packingVideoDeadline(order: Order, policy: Policy): number | undefined {
  if (order.shipment.shippedAt === undefined) return undefined;
  return Date.parse(order.shipment.shippedAt) + policy.evidence.packingVideoWithinHoursOfShipping * HOUR_MS;
}

/**
 * The accepted packing video received within the window after shipping, if any. Measured from
 * `uploadedAt`, our own receive time (an order upload made at shipping time meets it; a file
 * uploaded to the dispute days later cannot). An ERP's `claimedUploadedAt` never meets it: we
 * cannot verify when a file reached the marketplace, and a duty met by assertion is no duty.
 */
export function timelyPackingVideo(order: Order, evidence: readonly EvidenceSummary[], policy: Policy): EvidenceSummary | undefined {
  const latest = packingVideoDeadline(order, policy);
  if (latest === undefined) return undefined;
  return usableOfKind(evidence, 'packing_video').find((v) => v.uploadedAt <= latest);
}

/** An accepted packing video whose ERP *claims* an upload within the window (shown to the user, marked as a claim). */
export function claimedTimelyPackingVideo(order: Order, evidence: readonly EvidenceSummary[], policy: Policy): EvidenceSummary | undefined {
  const latest = packingVideoDeadline(order, policy);
  if (latest === undefined) return undefined;
  return usableOfKind(evidence, 'packing_video').find((v) => v.claimedUploadedAt !== undefined && v.claimedUploadedAt <= latest);
}

/** Both duties met (or not required): the condition for the official-line guarantee to pay. */
export function dutiesMet(order: Order, evidence: readonly EvidenceSummary[], policy: Policy): boolean {
  if (!signatureDuty(order, policy).required) return true;
  return order.shipment.line.signaturePhoto && timelyPackingVideo(order, evidence, policy) !== undefined;
}
