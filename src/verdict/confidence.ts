/**
 * Confidence, 0..1: how many rules decided the preview and how strong their evidence is.
 *
 *   decisive (resolved outcome, or a missed seller/buyer deadline): 1 — the machine has
 *   decided, or will on the next timer tick, and no evidence can change it.
 *
 *   otherwise, with winning votes of strengths w_i, opposing votes o_j and red flags p_k:
 *     support    = 1 − Π(1 − w_i)     noisy-or: each agreeing rule removes part of the
 *                                     remaining doubt, so more rules and stronger
 *                                     evidence both push toward 1 without reaching it;
 *     opposition = 1 − Π(1 − o_j)     the same for the losing side;
 *     confidence = support × (1 − opposition) × Π(1 − p_k)   when the seller is favoured
 *                  (red flags against the seller erode a seller win);
 *     when the buyer is favoured the red flags join the support instead (they corroborate).
 *
 *   undecided (no votes, or a tie): 0.
 *
 * Example: no delivery proof (0.9) → buyer 0.9; plus a missing signature line (0.15) →
 * 1 − 0.1 × 0.85 = 0.915 → 0.92.
 */
export function noisyOr(strengths: readonly number[]): number {
  return 1 - strengths.reduce((doubt, s) => doubt * (1 - s), 1);
}

export function confidenceOf(favours: 'buyer' | 'seller', buyer: readonly number[], seller: readonly number[], penalties: readonly number[]): number {
  const raw = favours === 'buyer' ? noisyOr([...buyer, ...penalties]) * (1 - noisyOr(seller)) : noisyOr(seller) * (1 - noisyOr(buyer)) * (1 - noisyOr(penalties));
  return Math.round(Math.min(1, Math.max(0, raw)) * 100) / 100;
}
