/**
 * Comparing what a machine read with what the order says. Both sides are normalised the
 * same way: upper case, only letters and digits, and the letters OCR confuses with digits
 * folded onto them (O→0, I/L→1, Z→2, S→5, G→6, B→8), so `SKU-AE-48213-BLK` read as
 * `SKUAE48213-8LK` still matches, and a match is a substring (a line may hold more).
 */
const FOLD: Record<string, string> = { O: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

export function normaliseCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/[OQILZSGB]/g, (c) => FOLD[c] ?? c);
}

/** True when `read` contains `expected` once both are normalised. Expected codes shorter than 4 never match (too easy by chance). */
export function codeMatches(read: string, expected: string): boolean {
  const e = normaliseCode(expected);
  return e.length >= 4 && normaliseCode(read).includes(e);
}
