import { FILE_DISPUTE_EXAMPLE } from '../../src/http/openapi/examples.ts';

/**
 * The README's example dispute body (the one the API document validates), a fresh deep copy
 * with its own externalId and `over` on top: `disputeBody({ reason: 'damaged' })`.
 */
export function disputeBody(over: Record<string, unknown> = {}) {
  return { ...structuredClone(FILE_DISPUTE_EXAMPLE), externalId: `AE-${Math.random().toString(36).slice(2, 10)}`, ...over };
}
