import { z } from 'zod';
import { DomainError } from './errors.ts';
import { MINOR_UNITS } from './iso4217.ts';

/**
 * Money is a decimal string plus an ISO 4217 code, never a float: `{ value: "64.90", currency: "USD" }`.
 * At most 12 integer digits and the currency's own minor units (JPY "1500", KWD "12.125"):
 * 12 + 3 digits stay below 2^53, so `toMinor` is exact.
 */
const DECIMAL = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;

export const MoneySchema = z
  .object({
    value: z.string().regex(DECIMAL, 'a decimal string such as "64.90" (no sign, no leading zeros, no exponent)'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'an ISO 4217 code such as "USD"', abort: true })
      .refine((c) => MINOR_UNITS.has(c), 'not a currency orders are priced in (ISO 4217; test, fund and metal codes such as XXX or XAU are refused)'),
  })
  .check((ctx) => {
    const units = minorUnitsOf(ctx.value.currency);
    const decimals = ctx.value.value.split('.')[1]?.length ?? 0;
    if (decimals > units) ctx.issues.push({ code: 'custom', input: ctx.value.value, path: ['value'], message: `${ctx.value.currency} has ${units} decimal places, not ${decimals}` });
  });
export type Money = z.infer<typeof MoneySchema>;

/** Money that must be more than zero (an order's amount, a refund). */
export const PositiveMoneySchema = MoneySchema.refine((m) => toMinor(m) > 0, { message: 'must be more than 0', path: ['value'] });

/** The currency's minor units (2 for USD, 0 for JPY, 3 for KWD); 2 for a code outside the table (never accepted by MoneySchema). */
export function minorUnitsOf(currency: string): number {
  return MINOR_UNITS.get(currency) ?? 2;
}

/** The amount in the currency's minor units, as an integer: `toMinor({ value: "64.9", currency: "USD" }) === 6490`. */
export function toMinor(m: Money): number {
  const units = minorUnitsOf(m.currency);
  const [whole = '0', frac = ''] = m.value.split('.');
  return Number(whole) * 10 ** units + Number(frac.padEnd(units, '0').slice(0, units) || '0');
}

/** The inverse of `toMinor`: `fromMinor(6490, "USD")` is `{ value: "64.90", currency: "USD" }`. */
export function fromMinor(minor: number, currency: string): Money {
  const units = minorUnitsOf(currency);
  const scale = 10 ** units;
  const whole = String(Math.floor(minor / scale));
  return { value: units === 0 ? whole : `${whole}.${String(minor % scale).padStart(units, '0')}`, currency };
}

/** Compares two amounts of the same currency; `undefined` when currencies differ. */
export function compareMoney(a: Money, b: Money): number | undefined {
  if (a.currency !== b.currency) return undefined;
  return Math.sign(toMinor(a) - toMinor(b));
}

export const formatMoney = (m: Money): string => `${m.value} ${m.currency}`;

/** The events that may carry an amount: a seller's proposal and an arbitrator's decision. */
export type AmountEvent =
  | { type: 'SOLUTION_PROPOSED'; solution: 'refund' | 'resend' | 'partial_refund'; amount?: Money }
  | { type: 'ARBITRATION_DECIDED'; favour: 'buyer' | 'seller' | 'split'; remedy: 'full_refund' | 'partial_refund' | 'resend' | 'none'; amount?: Money };

/**
 * What is wrong with an event's amount against the order's amount, or undefined. The rules:
 *  - a partial refund (proposal `partial_refund`, arbitration `split`) needs an amount in the
 *    order's currency, more than 0 and less than the order (all of it is a full refund);
 *  - everything else takes NO amount: a full refund is the order's amount, which the dispute
 *    records itself (one source of truth; an echoed amount could only disagree with it),
 *    and resend / none / a seller win move no money.
 */
export function amountIssue(event: AmountEvent, order: Money): string | undefined {
  const presence = amountPresenceIssue(event);
  if (presence) return presence;
  const a = event.amount;
  if (a === undefined) return undefined;
  if (a.currency !== order.currency) return `must be in the order's currency ${order.currency}, not ${a.currency}`;
  const minor = toMinor(a);
  if (minor <= 0) return 'must be more than 0';
  if (minor >= toMinor(order)) return `must be less than the order amount ${formatMoney(order)} (all of it is a full refund)`;
  return undefined;
}

/** The part of `amountIssue` that needs no order (schemas check it early: HTTP, simulate scenarios). */
export function amountPresenceIssue(event: AmountEvent): string | undefined {
  const partial = event.type === 'SOLUTION_PROPOSED' ? event.solution === 'partial_refund' : event.remedy === 'partial_refund';
  if (partial) return event.amount === undefined ? 'partial_refund needs an amount' : undefined;
  if (event.amount === undefined) return undefined;
  const what = event.type === 'SOLUTION_PROPOSED' ? `solution ${event.solution}` : `favour ${event.favour} with remedy ${event.remedy}`;
  return `${what} takes no amount${what.includes('full_refund') || what.endsWith(' refund') ? ' (a full refund is the order amount)' : ''}`;
}

/** Throws REQUEST.INVALID pointing at `/amount` when `amountIssue` finds something; writes nothing. */
export function assertAmount(event: AmountEvent, order: Money): void {
  const issue = amountIssue(event, order);
  if (issue) throw new DomainError('REQUEST.INVALID', `The request body is invalid: /amount ${issue}.`, { in: 'body', errors: [{ pointer: '/amount', detail: issue }] });
}
