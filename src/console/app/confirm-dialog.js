// Confirms one action before it is sent: a modal <dialog> that says what will happen (with the
// amount field for partial refunds); Cancel or Escape closes it and nothing is sent.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { ErrorAlert } from './alert.js';
import { money } from './format.js';

const html = htm.bind(h);

export function ConfirmDialog({ action, dispute, sending, error, onConfirm, onCancel }) {
  const ref = useRef(null);
  const [amount, setAmount] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const currency = dispute.order.amount.currency;
  function submit(e) {
    e.preventDefault();
    onConfirm({ amount });
  }
  return html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-h" onCancel=${(e) => (e.preventDefault(), onCancel())}>
    <form onSubmit=${submit}>
      <h2 id="confirm-h">${action.label}?</h2>
      <p>${action.confirm}</p>
      <p class="hint">Order amount: ${money(dispute.order.amount)}</p>
      ${action.amount && html`<label for="confirm-amount">Amount (${currency})</label>
        <input id="confirm-amount" inputmode="decimal" autocomplete="off" required value=${amount} onInput=${(e) => setAmount(e.target.value)} />`}
      <${ErrorAlert} error=${error} />
      <div class="buttons">
        <button type="submit" disabled=${sending}>${sending ? 'Sending…' : 'Confirm'}</button>
        <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
      </div>
    </form>
  </dialog>`;
}
