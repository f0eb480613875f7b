/**
 * Backtest: replays stored disputes under another policy version and says what changes.
 *
 * For each stored dispute its log is replayed into a fresh in-memory store through the real
 * command path: `DISPUTE_FILED` re-files it (same open command and openedAt) under the new
 * policy — forced, whatever its effectiveFrom — and every client event and evidence report
 * is sent again at its original time on a manual clock. `DEADLINE_PASSED` entries are NOT
 * replayed: they were the old policy's deadlines; the clock fires the new policy's instead
 * (each at its own instant). Events the new deadlines make late are refused, as they would
 * have been. After the last entry the clock runs to `asOf`.
 *
 * Glossary: the *original* is the stored dispute as it is now; the *replay* is the same
 * history under the new policy; *as of* is the time both are judged at (previews, deadlines).
 *
 * @example
 *   const r = await backtest(await openStore({ dataDir: 'data' }), loadPolicyFile('p.json'), Date.now());
 *   r.disputes.filter((d) => d.changed.outcome).map((d) => d.why);
 */
import { DEADLINES, type DeadlineName, type DisputeContext, type DisputeStatus, type Outcome, type Timing } from '../../machines/dispute.machine.ts';
import type { EvidenceSummary } from '../domain/evidence-summary.ts';
import { policyBook, shippedPolicies, type PolicyBook } from '../policy/policies.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { DisputeRow, LogEntry, Store } from '../store/store.port.ts';
import { ClientEventSchema } from '../workflow/client-event.schema.ts';
import { OpenDisputeSchema } from '../workflow/open-dispute.command.ts';
import { timingOf } from '../workflow/timing.ts';
import type { InternalEventBody } from '../workflow/dispute-steps.ts';
import { preview, PreviewSchema } from '../verdict/preview.ts';
import { formatOffset, hoursOf } from './time.ts';
import { detailOf, digestOf, recordingWorkflow, snap, type PreviewDigest } from './timeline.ts';

const TIMING_KEY: Record<DeadlineName, keyof Timing> = {
  first_response: 'firstResponseMs',
  solution: 'solutionMs',
  buyer_answer: 'buyerAnswerMs',
  negotiation: 'negotiationMs',
  arbitration_evidence: 'arbitrationEvidenceMs',
};

export interface BacktestSide {
  policyVersion: string;
  status: DisputeStatus;
  outcome: Outcome | null;
  /** The preview as of `asOf` (the original's last stored one when its policy is not shipped). */
  preview: PreviewDigest | null;
  /** Deadlines that fired, in order, with their time. */
  fired: Array<{ deadline: string; at: number }>;
}

export interface BacktestDispute {
  id: string;
  externalId: string | null;
  openedAt: number;
  original: BacktestSide;
  replayed: BacktestSide | null;
  changed: { status: boolean; outcome: boolean; preview: boolean };
  /** One line per cause, for people: `first_response deadline 24 h → 12 h: …`. */
  why: string[];
  /** Replayed events the new policy refused (they were accepted originally). */
  refused: Array<{ event: string; at: number; code: string }>;
  timingChanges: Array<{ deadline: DeadlineName; fromHours: number; toHours: number }>;
  rules: { appeared: string[]; disappeared: string[] };
  /** The original has deadlines due before `asOf` that no timer fired (was the service stopped?). */
  originalOverdue: boolean;
  /** Set when the dispute could not be replayed (a log that does not start with DISPUTE_FILED…). */
  error?: string;
}

export interface BacktestResult {
  policy: { version: string; effectiveFrom: string };
  asOf: number;
  disputes: BacktestDispute[];
  summary: { disputes: number; outcomeChanged: number; statusChanged: number; previewChanged: number; failed: number };
}

const sameOutcome = (a: Outcome | null, b: Outcome | null) =>
  JSON.stringify(a && { ...a, at: 0 }) === JSON.stringify(b && { ...b, at: 0 });
const samePreview = (a: PreviewDigest | null, b: PreviewDigest | null) =>
  JSON.stringify(a && { ...a, missing: a.missing.map((m) => m.kind) }) === JSON.stringify(b && { ...b, missing: b.missing.map((m) => m.kind) });

function outcomeShort(o: Outcome | null, status: string, openedAt: number): string {
  if (!o) return `still ${status}`;
  const how = o.decidedBy === 'auto_judgment' ? `auto-judged for ${o.favours}` : `${o.decidedBy.replaceAll('_', ' ')} for ${o.favours}`;
  return `${how} (${o.remedy}, ${o.basis}) at ${formatOffset(o.at, openedAt)}`;
}

function firedFromLog(log: readonly LogEntry[]): Array<{ deadline: string; at: number }> {
  return log.filter((e) => e.type === 'DEADLINE_PASSED').map((e) => ({ deadline: String((e.payload as { deadline?: unknown }).deadline), at: e.at }));
}

async function originalSide(store: Store, row: DisputeRow, log: readonly LogEntry[], asOf: number): Promise<BacktestSide> {
  const ctx = (row.snapshot as { context: DisputeContext }).context;
  const status = row.status as DisputeStatus;
  const policy = shippedPolicies.byVersion(row.policyVersion);
  let digest: PreviewDigest | null = null;
  if (policy) digest = digestOf(preview({ status, context: ctx }, policy, asOf));
  else {
    const last = (await store.read((r) => r.previews.list(row.id))).filter((p) => p.kind === 'change').at(-1);
    const parsed = last ? PreviewSchema.safeParse(last.preview) : undefined;
    digest = parsed?.success ? digestOf(parsed.data) : null;
  }
  return { policyVersion: row.policyVersion, status, outcome: ctx.outcome ?? null, preview: digest, fired: firedFromLog(log) };
}

/** Replays one dispute's log into `rec`'s store; returns the replayed side and the refused events. */
async function replay(rec: ReturnType<typeof recordingWorkflow>, log: readonly LogEntry[], asOf: number) {
  const [filed, ...rest] = log;
  if (!filed || filed.type !== 'DISPUTE_FILED') throw new Error('the log does not start with DISPUTE_FILED');
  const payload = filed.payload as Record<string, unknown>;
  const openedAt = typeof payload['openedAt'] === 'number' ? payload['openedAt'] : filed.at;
  const cmd = OpenDisputeSchema.parse({ ...payload, openedAt: new Date(openedAt).toISOString() });
  rec.rows.length = 0;
  rec.clock.set(filed.at);
  const opened = await rec.attempt(filed.seq, null, { event: 'DISPUTE_FILED', actor: filed.actor }, { type: 'open', dispute: cmd, actor: filed.actor });
  const id = opened.ok ? opened.dispute!.row.id : '';
  if (!id) throw new Error(`re-filing was refused: ${rec.rows.at(-1)?.error?.message ?? 'unknown'}`);

  for (const e of rest) {
    if (e.type === 'DEADLINE_PASSED') continue;
    await rec.advanceTo(id, e.at);
    const body = { type: e.type, ...(e.payload as Record<string, unknown>) };
    const detail = detailOf(e.type, e.payload);
    const label = { event: e.type, ...(detail !== undefined ? { detail } : {}), actor: e.actor };
    if (e.type === 'EVIDENCE_REPORTED') {
      const evidence = (e.payload as { evidence: EvidenceSummary }).evidence;
      await rec.attempt(e.seq, id, label, { type: 'send', disputeId: id, event: { type: 'EVIDENCE_REPORTED', evidence }, actor: e.actor });
    } else if (e.type === 'EVIDENCE_REVIEWED') {
      const review = e.payload as Omit<Extract<InternalEventBody, { type: 'EVIDENCE_REVIEWED' }>, 'type'>;
      await rec.attempt(e.seq, id, label, { type: 'send', disputeId: id, event: { type: 'EVIDENCE_REVIEWED', ...review }, actor: e.actor });
    } else {
      const parsed = ClientEventSchema.safeParse(body);
      if (!parsed.success) throw new Error(`log entry ${e.seq} (${e.type}) is not a client event: ${parsed.error.message}`);
      await rec.attempt(e.seq, id, label, { type: 'send', disputeId: id, event: parsed.data, actor: e.actor });
    }
  }
  const end = Math.max(asOf, rec.clock.now());
  await rec.advanceTo(id, end);
  const s = await snap(rec.wf, id);
  const policy = rec.wf.policies.byVersion(s.context.policyVersion);
  const side: BacktestSide = {
    policyVersion: s.context.policyVersion,
    status: s.status,
    outcome: s.context.outcome ?? null,
    preview: policy ? digestOf(preview({ status: s.status, context: s.context }, policy, end)) : null,
    fired: rec.rows.filter((r) => r.event === 'DEADLINE_PASSED' && r.result === 'applied').map((r) => ({ deadline: r.detail ?? '?', at: r.at })),
  };
  const refused = rec.rows.filter((r) => r.result === 'refused').map((r) => ({ event: r.event, at: r.at, code: r.error?.code ?? '?' }));
  return { side, refused, openedAt };
}

function explain(d: Omit<BacktestDispute, 'why'>): string[] {
  const r = d.replayed;
  if (!r) return [];
  const why: string[] = [];
  const o = d.original;
  const t = (at: number) => formatOffset(at, d.openedAt);
  const change = (name: string) => d.timingChanges.find((c) => c.deadline === name);
  const timing = (name: string) => {
    const c = change(name);
    return c ? `${name} deadline ${c.fromHours} h → ${c.toHours} h` : `${name} deadline (unchanged)`;
  };

  if (d.changed.outcome || d.changed.status) {
    const rb = r.outcome?.basis.startsWith('deadline:') ? r.outcome.basis.slice('deadline:'.length) : undefined;
    const ob = o.outcome?.basis.startsWith('deadline:') ? o.outcome.basis.slice('deadline:'.length) : undefined;
    const firstRefused = d.refused[0];
    if (rb && rb !== ob) {
      const late = firstRefused ? `${firstRefused.event} at ${t(firstRefused.at)} is now too late (${firstRefused.code}); ` : '';
      why.push(`${timing(rb)}: ${late}now ${outcomeShort(r.outcome, r.status, d.openedAt)} — was ${outcomeShort(o.outcome, o.status, d.openedAt)}`);
    } else if (ob && ob !== rb) {
      why.push(`${timing(ob)}: no longer missed; now ${outcomeShort(r.outcome, r.status, d.openedAt)} — was ${outcomeShort(o.outcome, o.status, d.openedAt)}`);
    } else {
      const cause = firstRefused ? `${firstRefused.event} at ${t(firstRefused.at)} refused (${firstRefused.code}); ` : '';
      why.push(`${cause}now ${outcomeShort(r.outcome, r.status, d.openedAt)} — was ${outcomeShort(o.outcome, o.status, d.openedAt)}`);
    }
  } else if (o.outcome && r.outcome && o.outcome.at !== r.outcome.at) {
    why.push(`same outcome, decided at ${t(r.outcome.at)} instead of ${t(o.outcome.at)}`);
  }

  const names = [...new Set([...o.fired, ...r.fired].map((f) => f.deadline))];
  for (const name of names) {
    const a = o.fired.find((f) => f.deadline === name)?.at;
    const b = r.fired.find((f) => f.deadline === name)?.at;
    if (a === b) continue;
    const from = a === undefined ? 'did not fire' : `fired at ${t(a)}`;
    const to = b === undefined ? 'does not fire' : `fires at ${t(b)}`;
    why.push(`${timing(name)}: ${from}, now ${to}`);
  }
  for (const x of d.refused.slice(d.changed.outcome || d.changed.status ? 1 : 0)) {
    why.push(`${x.event} at ${t(x.at)} refused under the new policy (${x.code})`);
  }
  if (d.changed.preview && o.preview && r.preview) {
    const head = (p: PreviewDigest) => `${p.favours} ${p.confidence}`;
    const parts = [`preview ${head(o.preview)} → ${head(r.preview)}`];
    if (d.rules.appeared.length) parts.push(`rules appear: ${d.rules.appeared.join(', ')}`);
    if (d.rules.disappeared.length) parts.push(`rules disappear: ${d.rules.disappeared.join(', ')}`);
    if (o.preview.liable !== r.preview.liable) parts.push(`liable ${o.preview.liable} → ${r.preview.liable}`);
    why.push(parts.join('; '));
  }
  if (d.originalOverdue) why.push('note: the original has deadlines due before as-of that no timer fired yet (was the service stopped?)');
  return why;
}

async function oneDispute(source: Store, rec: ReturnType<typeof recordingWorkflow>, row: DisputeRow, newTiming: Timing, asOf: number): Promise<BacktestDispute> {
  const log = await source.read((r) => r.log.entries(row.id));
  const original = await originalSide(source, row, log, asOf);
  const ctx = (row.snapshot as { context: DisputeContext }).context;
  const timingChanges = DEADLINES.flatMap((name) => {
    const from = ctx.timing[TIMING_KEY[name]];
    const to = newTiming[TIMING_KEY[name]];
    return from === to ? [] : [{ deadline: name, fromHours: hoursOf(from), toHours: hoursOf(to) }];
  });
  const base = {
    id: row.id,
    externalId: row.externalId,
    openedAt: row.openedAt,
    original,
    timingChanges,
    originalOverdue: row.nextDueAt !== null && row.nextDueAt <= asOf,
  };
  let result: Awaited<ReturnType<typeof replay>>;
  try {
    result = await replay(rec, log, asOf);
  } catch (e) {
    return {
      ...base,
      replayed: null,
      changed: { status: false, outcome: false, preview: false },
      why: [],
      refused: [],
      rules: { appeared: [], disappeared: [] },
      error: e instanceof Error ? e.message : String(e),
    };
  }
  const r = result.side;
  const before = new Set(original.preview?.rules ?? []);
  const after = new Set(r.preview?.rules ?? []);
  const d: Omit<BacktestDispute, 'why'> = {
    ...base,
    replayed: r,
    changed: { status: original.status !== r.status, outcome: !sameOutcome(original.outcome, r.outcome), preview: !samePreview(original.preview, r.preview) },
    refused: result.refused,
    rules: { appeared: [...after].filter((x) => !before.has(x)), disappeared: [...before].filter((x) => !after.has(x)) },
  };
  return { ...d, why: explain(d) };
}

/** Replays every dispute of `source` under `policy` (forced for each), judged as of `asOf`. */
export async function backtest(source: Store, policy: Policy, asOf: number): Promise<BacktestResult> {
  const book: PolicyBook = policyBook([policy]);
  const scratch = new SqliteStore(':memory:');
  try {
    const rec = recordingWorkflow(scratch, book, asOf);
    const newTiming = timingOf(policy);
    const disputes: BacktestDispute[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await source.read((r) => r.disputes.list({ limit: 200, ...(after ? { after: { id: after } } : {}) }));
      for (const { id } of page) {
        const row = await source.read((r) => r.disputes.get(id));
        if (row) disputes.push(await oneDispute(source, rec, row, newTiming, asOf));
      }
      if (page.length < 200) break;
      after = page.at(-1)?.id;
    }
    return {
      policy: { version: policy.version, effectiveFrom: policy.effectiveFrom },
      asOf,
      disputes,
      summary: {
        disputes: disputes.length,
        outcomeChanged: disputes.filter((d) => d.changed.outcome).length,
        statusChanged: disputes.filter((d) => d.changed.status).length,
        previewChanged: disputes.filter((d) => d.changed.preview).length,
        failed: disputes.filter((d) => d.error !== undefined).length,
      },
    };
  } finally {
    await scratch.close();
  }
}
