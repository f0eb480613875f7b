import { z } from 'zod';

/** Money is a decimal string plus an ISO 4217 code, never a float: `{ value: "64.90", currency: "USD" }`. */
export const MoneySchema = z.object({
  value: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal string such as "64.90"'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"'),
});
export type Money = z.infer<typeof MoneySchema>;

/** Minor units (cents) as a bigint-free integer; safe up to 12 integer digits. */
export function toMinor(m: Money): number {
  const [whole = '0', frac = ''] = m.value.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Compares two amounts of the same currency; `undefined` when currencies differ. */
export function compareMoney(a: Money, b: Money): number | undefined {
  if (a.currency !== b.currency) return undefined;
  return Math.sign(toMinor(a) - toMinor(b));
}
