/**
 * A recording workflow: the real `DisputeWorkflow` on a store and a manual clock, with every
 * committed change captured as a timeline row (log entry + status + version + preview).
 * Shared by `simulate` (scenarios) and `backtest` (replays of stored disputes).
 *
 * Glossary: a *row* is one line of the timeline — an accepted change (the log entry it
 * appended, the status after it, the version) or a refused step (the error's code);
 * a *preview digest* is the part of the verdict preview a person scans per row.
 */
import type { DisputeContext, DisputeStatus } from '../../machines/dispute.machine.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { Store } from '../store/store.port.ts';
import { manualClock } from '../workflow/clock.ts';
import { DisputeWorkflow, type Command, type Committed, type Outcome } from '../workflow/dispute-workflow.ts';
import { preview, type Preview } from '../verdict/preview.ts';

/** What a person scans of a preview: who it favours, how sure, who pays, which rules, what is missing. */
export interface PreviewDigest {
  favours: Preview['favours'];
  remedy: Preview['remedy'];
  confidence: number;
  liable: Preview['liable'];
  /** Rules whose votes decided `favours`. */
  decidedBy: string[];
  /** Every rule cited in the reasons, first mention order. */
  rules: string[];
  missing: Array<{ kind: string; dueBy: number; rule: string }>;
}

export function digestOf(p: Preview): PreviewDigest {
  return {
    favours: p.favours,
    remedy: p.remedy,
    confidence: Math.round(p.confidence * 1000) / 1000,
    liable: p.liable,
    decidedBy: [...p.decidedBy],
    rules: [...new Set(p.reasons.map((r) => r.rule))],
    missing: p.missing.map((m) => ({ kind: m.kind, dueBy: m.dueBy, rule: m.rule })),
  };
}

export interface TimelineRow {
  /** The scenario step (or replayed log entry) this row came from; null for deadlines the clock fired. */
  step: number | null;
  at: number;
  /** Log entry type: `DISPUTE_FILED`, `SELLER_RESPONDED`, `DEADLINE_PASSED`, `EVIDENCE_REPORTED`… */
  event: string;
  /** `first_response` for a deadline, the evidence kind + status for a report, the solution for a proposal. */
  detail?: string;
  actor: string;
  result: 'applied' | 'refused';
  error?: { code: string; message: string };
  status: DisputeStatus;
  version: number;
  preview?: PreviewDigest;
}

export type Snap = { status: DisputeStatus; context: DisputeContext; version: number };

export function detailOf(type: string, payload: unknown): string | undefined {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (type === 'DEADLINE_PASSED') return String(p['deadline']);
  if (type === 'EVIDENCE_REPORTED') {
    const e = (p['evidence'] ?? {}) as Record<string, unknown>;
    return `${String(e['kind'])} ${String(e['status'])}`;
  }
  if (type === 'SOLUTION_PROPOSED') {
    const a = p['amount'] as { value: string; currency: string } | undefined;
    return a ? `${String(p['solution'])} ${a.value} ${a.currency}` : String(p['solution']);
  }
  if (type === 'ESCALATED') return `by ${String(p['by'])}`;
  if (type === 'ARBITRATION_DECIDED') return `${String(p['favour'])} ${String(p['remedy'])}`;
  if (type === 'TRACKING_UPDATED') return String((p['tracking'] as Record<string, unknown> | undefined)?.['status']);
  return undefined;
}

/** `DisputeWorkflow` on `store` with a manual clock at `start`, recording every commit. */
export function recordingWorkflow(store: Store, policies: PolicyBook, start: number) {
  const clock = manualClock(start);
  const rows: TimelineRow[] = [];
  let step: number | null = null;
  const onCommitted = (changes: readonly Committed[]) => {
    for (const c of changes) {
      const { entry, context } = c;
      const policy = policies.byVersion(context.policyVersion);
      const detail = detailOf(entry.type, entry.payload);
      rows.push({
        step: entry.type === 'DEADLINE_PASSED' ? null : step,
        at: entry.at,
        event: entry.type,
        ...(detail !== undefined ? { detail } : {}),
        actor: entry.actor,
        result: 'applied',
        status: c.status,
        version: c.version,
        ...(policy ? { preview: digestOf(preview({ status: c.status, context }, policy, entry.at)) } : {}),
      });
    }
  };
  const wf = new DisputeWorkflow(store, clock, { policies, onCommitted });

  return {
    wf,
    clock,
    rows,
    /** Runs the clock to `target` and fires what is due on the way (each deadline stamped with its own instant). */
    async advanceTo(id: string, target: number): Promise<void> {
      clock.set(Math.max(clock.now(), target));
      await wf.execute({ type: 'fire_deadlines', disputeId: id });
    },
    /** Runs `command` as step `index`: commits are tagged with it, an expected failure becomes a refused row. */
    async attempt(index: number | null, id: string | null, label: { event: string; detail?: string; actor: string }, command: Command): Promise<Outcome> {
      step = index;
      try {
        const o = await wf.execute(command);
        if (o.ok) return o;
        const cur = id ? await snap(wf, id) : undefined;
        rows.push({
          step: index,
          at: clock.now(),
          event: label.event,
          ...(label.detail !== undefined ? { detail: label.detail } : {}),
          actor: label.actor,
          result: 'refused',
          error: { code: o.error.code, message: o.error.message },
          status: cur?.status ?? 'awaiting_seller_response',
          version: cur?.version ?? 0,
        });
        return o;
      } finally {
        step = null;
      }
    },
  };
}

export async function snap(wf: DisputeWorkflow, id: string): Promise<Snap> {
  const { row, snapshot } = await wf.load(id);
  return { status: row.status as DisputeStatus, context: snapshot.context, version: row.version };
}
