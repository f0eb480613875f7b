// The deadlines in force, soonest first, each with its countdown.
import { h } from 'preact';
import htm from 'htm';
import { Countdown } from './countdown.js';
import { dateTime, words } from './format.js';

const html = htm.bind(h);

export function Deadlines({ deadlines }) {
  const list = Object.entries(deadlines ?? {}).sort(([, a], [, b]) => Date.parse(a) - Date.parse(b));
  return html`<section class="card" aria-labelledby="deadlines-h">
    <h2 id="deadlines-h">Deadlines</h2>
    ${list.length === 0
      ? html`<p class="empty">No deadline is running.</p>`
      : html`<ul class="deadlines">${list.map(([name, at]) => html`<li><span class="deadline-name">${words(name)}</span> <span class="hint">${dateTime(at)}</span> <${Countdown} at=${at} /></li>`)}</ul>`}
  </section>`;
}
