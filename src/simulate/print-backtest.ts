/** Printers for a backtest: a report for people, one JSON document for machines. */
import type { BacktestDispute, BacktestResult } from './backtest.ts';
import { outcomeText } from './print-simulation.ts';
import { formatOffset } from './time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function side(status: string, outcome: BacktestDispute['original']['outcome']): string {
  return outcome ? `${status}: ${outcomeText(outcome)}` : status;
}

export function formatBacktest(r: BacktestResult): string {
  const s = r.summary;
  const lines = [
    `backtest under policy ${r.policy.version} (forced for every dispute; effectiveFrom ${r.policy.effectiveFrom} ignored), as of ${iso(r.asOf)}`,
    `${s.disputes} dispute(s): ${s.outcomeChanged} outcome(s) change, ${s.statusChanged} status(es) change, ${s.previewChanged} preview(s) change${s.failed ? `, ${s.failed} could not be replayed` : ''}`,
    '',
  ];
  for (const d of r.disputes) {
    const name = d.externalId ? `${d.id} (${d.externalId})` : d.id;
    if (d.error !== undefined || !d.replayed) {
      lines.push(`! ${name}: not replayed: ${d.error ?? 'unknown'}`);
      continue;
    }
    const changed = d.changed.outcome || d.changed.status;
    const mark = changed ? '*' : d.changed.preview ? '~' : ' ';
    lines.push(`${mark} ${name} · filed ${iso(d.openedAt)} · policy ${d.original.policyVersion} → ${d.replayed.policyVersion}`);
    lines.push(`    was: ${side(d.original.status, d.original.outcome)}`);
    if (changed || d.changed.preview || d.why.length) lines.push(`    now: ${side(d.replayed.status, d.replayed.outcome)}`);
    else lines.push('    now: unchanged');
    for (const w of d.why) lines.push(`    - ${w}`);
  }
  lines.push('', '* outcome or status changes · ~ only the preview changes');
  return lines.join('\n') + '\n';
}

export function backtestJson(r: BacktestResult) {
  return {
    policy: r.policy,
    asOf: iso(r.asOf),
    summary: r.summary,
    disputes: r.disputes.map((d) => {
      const sideJson = (x: NonNullable<BacktestDispute['replayed']>) => ({
        ...x,
        outcome: x.outcome ? { ...x.outcome, at: iso(x.outcome.at) } : null,
        fired: x.fired.map((f) => ({ ...f, at: iso(f.at), offset: formatOffset(f.at, d.openedAt) })),
      });
      return {
        ...d,
        openedAt: iso(d.openedAt),
        original: sideJson(d.original),
        replayed: d.replayed ? sideJson(d.replayed) : null,
        refused: d.refused.map((x) => ({ ...x, at: iso(x.at), offset: formatOffset(x.at, d.openedAt) })),
      };
    }),
  };
}
