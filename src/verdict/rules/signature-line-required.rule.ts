import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { signatureDuty } from '../duties.ts';
import { PENALTY } from '../weights.ts';

/**
 * `signature_line.required` — 000: orders over $50 (policy.logistics.signatureRequiredAbove,
 * strictly greater, same currency) and dispute-prone categories (policy.logistics.signatureCategories)
 * must ship on a line that returns signed-delivery photos. Missing weakens the seller.
 * Another currency is not converted (no FX in a pure preview): the duty then rests on the
 * category alone and the reason says so.
 */
export const signatureLineRequired: Rule = {
  id: 'signature_line.required',
  source: '000',
  evaluate({ ctx, policy }) {
    const duty = signatureDuty(ctx.order, policy);
    const line = ctx.order.shipment.line;
    const limit = policy.logistics.signatureRequiredAbove;
    const facts = {
      amount: `${ctx.order.amount.value} ${ctx.order.amount.currency}`,
      threshold: `${limit.value} ${limit.currency}`,
      overThreshold: duty.overThreshold,
      category: ctx.order.category,
      byCategory: duty.byCategory,
      line: line.name,
      signaturePhotoLine: line.signaturePhoto,
    };
    const uncompared = duty.overThreshold === null ? ` The ${ctx.order.amount.currency} amount was not compared with the ${limit.currency} threshold (no exchange rate).` : '';
    if (!duty.required) {
      return uncompared ? { reasons: [reason('signature_line.required', 'info', `No signature-photo line required by category.${uncompared}`, facts)] } : undefined;
    }
    const why = duty.overThreshold ? `the order is over ${limit.value} ${limit.currency}` : `the category ${ctx.order.category} is dispute-prone`;
    if (line.signaturePhoto) {
      return { reasons: [reason('signature_line.required', 'info', `A signature-photo line was required (${why}) and used.${uncompared}`, facts)] };
    }
    return {
      reasons: [reason('signature_line.required', 'weakens_seller', `A signature-photo line was required (${why}) but ${line.name} returns no signed-delivery photo.${uncompared}`, facts)],
      penalty: PENALTY.signatureLineMissing,
    };
  },
};
