/**
 * Printers for a simulation: a table for people, one JSON document for machines.
 * Times in the table are offsets from filing (`+13h`) beside UTC; in JSON, ISO strings.
 */
import type { Outcome } from '../../machines/dispute.machine.ts';
import type { SimulationResult } from './run-scenario.ts';
import { formatOffset } from './time.ts';
import type { PreviewDigest, TimelineRow } from './timeline.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const utc = (ms: number) => iso(ms).slice(0, 16).replace('T', ' ');
const pad = (s: string, n: number) => (s.length >= n ? s + ' ' : s.padEnd(n));

export function outcomeText(o: Outcome | null): string {
  if (!o) return 'none yet';
  const amount = o.amount ? ` ${o.amount.value} ${o.amount.currency}` : '';
  return `${o.favours} ${o.remedy}${amount} by ${o.decidedBy} (${o.basis})`;
}

export function previewText(p: PreviewDigest, openedAt: number): string {
  const parts = [`${p.favours} ${p.remedy} conf ${p.confidence}`, `liable ${p.liable}`];
  if (p.decidedBy.length) parts.push(`decided by ${p.decidedBy.join(', ')}`);
  const others = p.rules.filter((r) => !p.decidedBy.includes(r));
  if (others.length) parts.push(`also ${others.join(', ')}`);
  if (p.missing.length) parts.push(`missing ${p.missing.map((m) => `${m.kind} by ${formatOffset(m.dueBy, openedAt)}`).join(', ')}`);
  return parts.join(' · ');
}

function eventText(r: TimelineRow): string {
  return r.detail ? `${r.event} ${r.detail}` : r.event;
}

/** The human table. */
export function formatSimulation(r: SimulationResult): string {
  const lines: string[] = [];
  if (r.name) lines.push(r.name);
  lines.push(`dispute ${r.disputeId} · policy ${r.policyVersion} · opened ${iso(r.openedAt)}`, '');
  lines.push(`${pad('step', 6)}${pad('offset', 9)}${pad('time (UTC)', 18)}${pad('event', 50)}${pad('result', 46)}${pad('status', 26)}v`);
  const mismatched = new Set(r.mismatches.map((m) => m.step));
  let last = '';
  for (const row of r.timeline) {
    const step = row.step === null ? (row.event === 'DEADLINE_PASSED' ? 'clock' : '-') : String(row.step);
    const unexpected = row.step !== null && mismatched.has(row.step) && row.event !== 'DEADLINE_PASSED';
    const result = row.result === 'applied' ? `applied${unexpected ? ' (UNEXPECTED)' : ''}` : `refused ${row.error?.code ?? ''}${unexpected ? ' (UNEXPECTED)' : ' (expected)'}`;
    lines.push(`${pad(step, 6)}${pad(formatOffset(row.at, r.openedAt), 9)}${pad(utc(row.at), 18)}${pad(eventText(row), 50)}${pad(result, 46)}${pad(row.status, 26)}${row.version}`);
    if (row.result === 'refused' && row.error) lines.push(`${' '.repeat(33)}${row.error.message}`);
    if (row.preview) {
      const text = previewText(row.preview, r.openedAt);
      lines.push(`${' '.repeat(33)}preview: ${text === last ? '(unchanged)' : text}`);
      last = text;
    }
  }
  const f = r.final;
  lines.push('');
  lines.push(`final:   ${f.status} at ${formatOffset(f.at, r.openedAt)} (${iso(f.at)}), version ${f.version}`);
  lines.push(`outcome: ${outcomeText(f.outcome)}`);
  const due = Object.entries(f.deadlines).map(([k, v]) => `${k} at ${formatOffset(v, r.openedAt)}`);
  if (due.length) lines.push(`due:     ${due.join(', ')}`);
  lines.push(`preview: ${f.preview.favours} ${f.preview.remedy} conf ${Math.round(f.preview.confidence * 1000) / 1000} · liable ${f.preview.liable}`);
  for (const reason of f.preview.reasons) lines.push(`  - [${reason.rule}] ${reason.text}`);
  for (const m of f.preview.missing) lines.push(`  missing ${m.kind} by ${formatOffset(m.dueBy, r.openedAt)}: ${m.mustShow.join(', ')}`);
  lines.push('');
  lines.push(
    r.mismatches.length === 0
      ? 'every step went as expected'
      : `${r.mismatches.length} step(s) not as expected: ${r.mismatches
          .map((m) => `step ${m.step} ${m.event} expected ${m.expected}, was ${m.got}${m.error ? ` (${m.error.code})` : ''}`)
          .join('; ')}`,
  );
  return lines.join('\n') + '\n';
}

/** The JSON document `--json` prints: the result with ISO times and offsets beside epoch-ms ones. */
export function simulationJson(r: SimulationResult) {
  return {
    ...(r.name !== undefined ? { name: r.name } : {}),
    disputeId: r.disputeId,
    policyVersion: r.policyVersion,
    openedAt: iso(r.openedAt),
    timeline: r.timeline.map(({ step, at, ...row }) => ({
      step,
      at: iso(at),
      offset: formatOffset(at, r.openedAt),
      ...row,
      ...(row.preview ? { preview: { ...row.preview, missing: row.preview.missing.map((m) => ({ ...m, dueBy: iso(m.dueBy) })) } } : {}),
    })),
    final: {
      at: iso(r.final.at),
      offset: formatOffset(r.final.at, r.openedAt),
      status: r.final.status,
      version: r.final.version,
      outcome: r.final.outcome ? { ...r.final.outcome, at: iso(r.final.outcome.at) } : null,
      deadlines: Object.fromEntries(Object.entries(r.final.deadlines).map(([k, v]) => [k, iso(v)])),
      /** The full preview, as `PreviewSchema` (epoch-ms times). */
      preview: r.final.preview,
    },
    mismatches: r.mismatches,
    ok: r.mismatches.length === 0,
  };
}
