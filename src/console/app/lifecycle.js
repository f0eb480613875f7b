// The lifecycle diagram: the drawing the server made from the machine's own definition
// (/console/lifecycle.json), with the dispute's current state lit (class and aria-current).
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { api } from './api.js';
import { ErrorAlert } from './alert.js';
import { words } from './format.js';

const html = htm.bind(h);
let drawing = null; // the machine does not change while the page is open: fetched once

function Edge({ e }) {
  const lineH = 12;
  const top = e.label.y - ((e.label.lines.length - 1) * lineH) / 2;
  return html`<g class="edge">
    <title>${e.events.map((t) => `${t.event}${t.guard ? ` if ${t.guard}` : ''}`).join('; ')}</title>
    <path d=${e.path} marker-end="url(#arrow)" fill="none" />
    <text x=${e.label.x} y=${top} text-anchor=${e.label.anchor}>${e.label.lines.map((l, i) => html`<tspan x=${e.label.x} dy=${i ? lineH : 0}>${l}</tspan>`)}</text>
  </g>`;
}

function Box({ b, current }) {
  const lit = b.key === current;
  const cls = `state state-${b.kind}${lit ? ' current' : ''}`;
  return html`<g class=${cls} aria-current=${lit ? 'step' : undefined} data-state=${b.key}>
    <rect x=${b.x} y=${b.y} width=${b.width} height=${b.height} rx=${b.kind === 'group' ? 10 : 8} />
    <text x=${b.kind === 'group' ? b.x + 10 : b.x + b.width / 2} y=${b.kind === 'group' ? b.y + 17 : b.y + b.height / 2 + 5} text-anchor=${b.kind === 'group' ? 'start' : 'middle'}>${words(b.key)}${lit ? ' (now)' : ''}</text>
  </g>`;
}

export function Lifecycle({ status }) {
  const [d, setD] = useState(drawing);
  const [error, setError] = useState(null);
  const scroller = useRef(null);
  useEffect(() => {
    if (!d) api('/console/lifecycle.json').then((x) => setD((drawing = x)), setError);
  }, []);
  // On a narrow screen the drawing scrolls sideways: bring the lit state to the middle.
  useEffect(() => {
    const box = d?.boxes.find((b) => b.key === status);
    const el = scroller.current;
    if (!box || !el || el.scrollWidth <= el.clientWidth) return;
    el.scrollLeft = ((box.x + box.width / 2) / d.width) * el.scrollWidth - el.clientWidth / 2;
  }, [d, status]);
  return html`<section class="card" aria-labelledby="lifecycle-h">
    <h2 id="lifecycle-h">Lifecycle</h2>
    <${ErrorAlert} error=${error} />
    ${d && html`<div class="lifecycle-scroll" ref=${scroller} tabindex="0" aria-label="Lifecycle diagram (scrolls sideways on narrow screens)"><svg class="lifecycle" viewBox=${`0 0 ${d.width} ${d.height}`} role="img" aria-label=${`Dispute lifecycle; now: ${words(status)}`}>
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" /></marker></defs>
      ${d.boxes.filter((b) => b.kind === 'group').map((b) => html`<${Box} b=${b} current=${status} />`)}
      ${d.edges.map((e) => html`<${Edge} e=${e} />`)}
      ${d.boxes.filter((b) => b.kind !== 'group').map((b) => html`<${Box} b=${b} current=${status} />`)}
    </svg></div>`}
  </section>`;
}
