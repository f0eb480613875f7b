import { isKnownCategory } from '../../policy/categories.ts';
import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';

/**
 * `category.unknown` — ours: a category the policy does not know (after its aliases) is kept
 * as given, but no category rule (000's signature-line and packing-video duties for
 * dispute-prone categories) could be applied to it; the preview says so instead of staying silent.
 */
export const categoryUnknown: Rule = {
  id: 'category.unknown',
  source: 'ours',
  evaluate({ ctx, policy }) {
    if (isKnownCategory(policy, ctx.order.category)) return undefined;
    return {
      reasons: [
        reason('category.unknown', 'info', `The category "${ctx.order.category}" is not one the policy knows; category rules were not applied.`, {
          category: ctx.order.category,
          policyVersion: policy.version,
        }),
      ],
    };
  },
};
