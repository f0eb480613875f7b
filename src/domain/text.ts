import { z } from 'zod';

/**
 * Characters refused in ids and names: control characters (C0, DEL, C1: NUL, CR/LF, tab…),
 * bidi overrides, embeddings, isolates and marks (U+202A–202E, U+2066–2069, U+200E/F,
 * U+061C: "Trojan Source" look-alikes), and invisible zero-width characters (U+200B–200D,
 * U+2060, U+FEFF, U+180E): two seller ids that print the same must be the same id.
 */
const REFUSED = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u180E]/u;
/** Unpaired surrogates cannot be stored or printed faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * One printable line for an id or a name (sellerId, orderId, sku, carrier, signer…):
 * trimmed, NFC-normalised, `min`..`max` characters, not only spaces, none of the refused
 * characters above.
 *
 *   const SellerId = printableText(100);
 *   SellerId.parse('  seller-1 ')   // 'seller-1'
 *   SellerId.parse('sel\u202Eler')  // throws: invisible or control characters
 */
export function printableText(max: number, min = 1) {
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'contains an unpaired surrogate', abort: true })
    .trim()
    .normalize('NFC')
    .min(min, min === 1 ? 'must not be empty or only spaces' : `at least ${min} characters`)
    .max(max)
    .refine((s) => !REFUSED.test(s), 'contains a control, bidi-override or zero-width character');
}
