/**
 * What a private note says about a dispute change, whatever the helpdesk: status, deadlines,
 * the verdict preview, each piece of evidence with its checks' verdicts, and absolute links
 * to the dispute, the evidence and its proof frames — never a file itself (Zendesk caps a
 * ticket's attachments at 50 MB, Freshdesk at 20 MB; a packing video alone can pass both).
 * Each helpdesk's `note.ts` lays this out in its own format.
 */
import { z } from 'zod';
import { formatMoney } from '../domain/money.ts';
import type { Tx } from '../store/store.port.ts';
import type { NoteChange } from './enqueue-helpdesk-notes.ts';
import { PreviewSchema } from '../verdict/preview.schema.ts';
import { restore, statusOf } from '../workflow/snapshot.ts';

export interface NoteLink {
  label: string;
  url: string;
}

export interface NoteContent {
  title: string;
  /** `label: value` lines, in order. */
  facts: Array<[label: string, value: string]>;
  links: NoteLink[];
}

/** The part of a stored report a note shows: each check's verdict and its proof frames. */
const ReportSchema = z.object({
  checks: z.array(z.object({ id: z.string(), status: z.string(), code: z.string(), proof: z.array(z.object({ image: z.string().optional() })).optional() })),
});

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The note for `change` as the dispute stands now (a note sent late says what is true when it
 * is sent), or undefined when the dispute is gone. Reads through `r` (committed data).
 *
 *   const note = await store.read((r) => noteContentFor(r, { disputeId, seq: 3, type: 'dispute.updated' }, 'https://disputes.example.com'));
 */
export async function noteContentFor(r: Tx, change: NoteChange, publicUrl: string): Promise<NoteContent | undefined> {
  const row = await r.disputes.get(change.disputeId);
  if (!row) return undefined;
  const snapshot = restore(row);
  const ctx = snapshot.context;
  const status = statusOf(snapshot);
  const api = `${publicUrl}/api`;
  const facts: NoteContent['facts'] = [
    ['Change', `${change.type} (version ${change.seq})`],
    ['Status', status],
    ['Order', `${ctx.order.orderId}, ${formatMoney(ctx.order.amount)}, reason ${ctx.reason}`],
  ];
  for (const [name, due] of Object.entries(ctx.deadlines)) facts.push([`Deadline ${name}`, iso(due)]);
  if (ctx.outcome) facts.push(['Outcome', `${ctx.outcome.favours} favoured, ${ctx.outcome.remedy} (${ctx.outcome.decidedBy})`]);

  const previews = await r.previews.list(row.id);
  const latest = PreviewSchema.safeParse(previews.filter((p) => p.kind === 'change').at(-1)?.preview);
  if (latest.success) {
    const p = latest.data;
    facts.push(['Preview', `favours ${p.favours}, ${p.remedy}, liable ${p.liable}, confidence ${p.confidence.toFixed(2)}`]);
    for (const reason of p.reasons) facts.push([`Reason ${reason.rule}`, reason.text]);
    for (const m of p.missing) facts.push([`Missing ${m.kind}`, `due by ${iso(m.dueBy)}: ${m.mustShow.join('; ')}`]);
  }

  const links: NoteLink[] = [
    { label: 'Dispute', url: `${api}/disputes/${row.id}` },
    { label: 'Verdict preview', url: `${api}/disputes/${row.id}/verdict-preview` },
  ];
  for (const e of await r.evidence.forDispute(row.id)) {
    const report = ReportSchema.safeParse(e.report);
    const verdicts = report.success ? report.data.checks.map((c) => `${c.id} ${c.status} (${c.code})`).join(', ') : 'checks running';
    facts.push([`Evidence ${e.kind}`, `${e.status}: ${verdicts}`]);
    links.push({ label: `Evidence ${e.kind} (${e.id})`, url: `${api}/evidence/${e.id}` });
    const frames = report.success ? report.data.checks.flatMap((c) => c.proof ?? []).flatMap((p) => (p.image ? [p.image] : [])) : [];
    for (const image of new Set(frames)) links.push({ label: `Proof frame ${image}`, url: `${api}/evidence/${e.id}/proof/${encodeURIComponent(image)}` });
  }
  return { title: `Dispute ${row.externalId ?? row.id}: ${status}`, facts, links };
}
