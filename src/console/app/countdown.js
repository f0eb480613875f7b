// A live countdown to a deadline: amber under 12 h, red under 4 h (the issue's thresholds for the
// console; the deadlines themselves come from the policy). Colour is never the only signal: the
// text says "due soon" / "urgent" / "overdue" too.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { dateTime, span } from './format.js';

const html = htm.bind(h);
const HOUR = 3_600_000;
export const AMBER_UNDER_MS = 12 * HOUR;
export const RED_UNDER_MS = 4 * HOUR;

/** How urgent a deadline `msLeft` away is. */
export function urgencyOf(msLeft) {
  if (msLeft <= 0) return 'overdue';
  if (msLeft < RED_UNDER_MS) return 'red';
  if (msLeft < AMBER_UNDER_MS) return 'amber';
  return 'calm';
}

const URGENCY_WORDS = { overdue: 'overdue', red: 'urgent', amber: 'due soon', calm: '' };

// One clock for every countdown on the page: one timer, not one per row.
const listeners = new Set();
let timer = null;
function subscribe(fn) {
  listeners.add(fn);
  timer ??= setInterval(() => listeners.forEach((l) => l(Date.now())), 1000);
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0) (clearInterval(timer), (timer = null));
  };
}

/** The current time, re-rendering every second while mounted. */
export function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => subscribe(setNow), []);
  return now;
}

/** `<Countdown at="2026-11-24T08:00:00Z" />`: "3 h 12 min left · urgent" with the urgency as a class. */
export function Countdown({ at }) {
  const now = useNow();
  if (!at) return html`<span class="countdown">no deadline</span>`;
  const left = Date.parse(at) - now;
  const urgency = urgencyOf(left);
  const text = left > 0 ? `${span(left)} left` : `${span(left)} ago`;
  return html`<span class=${`countdown urgency-${urgency}`} data-urgency=${urgency}>
    <time datetime=${at} title=${dateTime(at)}>${text}</time>${URGENCY_WORDS[urgency] && html` · <strong>${URGENCY_WORDS[urgency]}</strong>`}
  </span>`;
}
