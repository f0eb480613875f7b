// The audit chain's verification (GET /api/disputes/:id/events/verify) as a badge in words.
import { h } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

export function AuditBadge({ verdict }) {
  if (!verdict) return html`<span class="badge">Audit chain: checking…</span>`;
  if (verdict.ok) return html`<span class="badge badge-ok" data-verified="true">✓ Audit chain verified · ${verdict.entries} entries</span>`;
  return html`<span class="badge badge-bad" data-verified="false">✗ Audit chain broken at entry ${verdict.brokenAt} (${verdict.reason.replace(/_/g, ' ')})</span>`;
}
