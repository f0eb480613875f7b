// The order and tracking facts a dispute is about, as a definition list.
import { h } from 'preact';
import htm from 'htm';
import { dateTime, money, words } from './format.js';

const html = htm.bind(h);

function Fact({ term, children }) {
  return html`<div class="fact"><dt>${term}</dt><dd>${children ?? '—'}</dd></div>`;
}

export function OrderFacts({ order }) {
  const s = order.shipment ?? {};
  const proof = s.deliveryProof;
  return html`<section class="card" aria-labelledby="facts-h">
    <h2 id="facts-h">Order and tracking</h2>
    <dl class="facts">
      <${Fact} term="Order">${order.orderId}<//>
      <${Fact} term="Amount">${money(order.amount)}<//>
      <${Fact} term="Category">${order.category}<//>
      <${Fact} term="Items">${(order.items ?? []).map((i) => html`<span class="block">${i.quantity} × ${i.title ?? ''} <code>${i.sku}</code></span>`)}<//>
      <${Fact} term="Tracking">${s.trackingNumber && html`<code>${s.trackingNumber}</code>`} ${s.carrier ?? ''}<//>
      <${Fact} term="Line">${s.line ? `${s.line.name}${s.line.official ? ' · official' : ''}${s.line.signaturePhoto ? ' · signature photo' : ''}` : null}<//>
      <${Fact} term="Tracking status">${s.status ? words(s.status) : null}${s.lastUpdateAt ? ` · updated ${dateTime(s.lastUpdateAt)}` : ''}<//>
      <${Fact} term="Shipped">${s.shippedAt ? dateTime(s.shippedAt) : null}<//>
      <${Fact} term="Delivered">${s.deliveredAt ? dateTime(s.deliveredAt) : null}<//>
      <${Fact} term="Delivery proof">${proof ? `signed by ${proof.signerName ?? 'unknown'}${proof.signedAt ? ` at ${dateTime(proof.signedAt)}` : ''}` : null}<//>
    </dl>
  </section>`;
}
