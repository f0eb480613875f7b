// How values read on the page: money in its currency, times in the agent's locale, names in words.

/** `{ value: '64.90', currency: 'USD' }` → "US$64.90" (the locale's way); absent → "—". */
export function money(m) {
  if (!m || m.value === undefined) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(Number(m.value));
  } catch {
    return `${m.value} ${m.currency}`;
  }
}

/** An ISO instant or epoch ms as a local date and time ("23 Nov 2026, 08:12"). */
export function dateTime(t) {
  if (t === null || t === undefined) return '—';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A machine name in words: `awaiting_seller_response` → "Awaiting seller response", `SOLUTION_PROPOSED` → "Solution proposed". */
export function words(name) {
  if (!name) return '—';
  const s = String(name).replace(/[_.]+/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time in words, to the minute: "2 d 4 h", "3 h 12 min", "45 s". */
export function span(ms) {
  const a = Math.abs(ms);
  if (a >= DAY) return `${Math.floor(a / DAY)} d ${Math.floor((a % DAY) / HOUR)} h`;
  if (a >= HOUR) return `${Math.floor(a / HOUR)} h ${Math.floor((a % HOUR) / MINUTE)} min`;
  if (a >= MINUTE) return `${Math.floor(a / MINUTE)} min ${Math.floor((a % MINUTE) / 1000)} s`;
  return `${Math.floor(a / 1000)} s`;
}

/** Which side a verdict favours, in words. */
export const sideWords = (favours) =>
  ({ buyer: 'Buyer', seller: 'Seller', split: 'Split', undecided: 'Undecided' })[favours] ?? (favours ? words(favours) : '—');
