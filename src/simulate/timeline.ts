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
import { DomainError } from '../domain/errors.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { DisputeRepository } from '../store/dispute.repository.port.ts';
import { manualClock } from '../workflow/clock.ts';
import { DisputeWorkflow, type Committed } from '../workflow/dispute-workflow.ts';
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
export function recordingWorkflow(store: DisputeRepository, policies: PolicyBook, start: number) {
  const clock = manualClock(start);
  const rows: TimelineRow[] = [];
  let step: number | null = null;
  const onCommitted = (c: Committed) => {
    const { snapshot } = wf.load(c.disputeId);
    const { entry } = c;
    const ctx = snapshot.context;
    const policy = policies.byVersion(ctx.policyVersion);
    const event = entry.type;
    const at = entry.at;
    const detail = detailOf(event, entry.payload);
    rows.push({
      step: event === 'DEADLINE_PASSED' ? null : step,
      at,
      event,
      ...(detail !== undefined ? { detail } : {}),
      actor: entry.actor,
      result: 'applied',
      status: c.status,
      version: c.version,
      ...(policy ? { preview: digestOf(preview({ status: c.status, context: ctx }, policy, at)) } : {}),
    });
  };
  const wf = new DisputeWorkflow(store, clock, { policies, onCommitted });

  return {
    wf,
    clock,
    rows,
    /**
     * Runs the clock to `target`, stopping at each deadline on the way so it fires at its own
     * instant (as the timer poller would), not at the next step's time.
     */
    advanceTo(id: string, target: number): void {
      for (;;) {
        const due = store.nextDueAt(id);
        if (due === null || due === undefined || due > target) break;
        clock.set(Math.max(clock.now(), due));
        if (wf.fireDue(id) === 0) break;
      }
      clock.set(Math.max(clock.now(), target));
      wf.fireDue(id);
    },
    /** Runs `fn` as step `index`: commits are tagged with it, a DomainError becomes a refused row. */
    attempt(index: number | null, id: string | null, label: { event: string; detail?: string; actor: string }, fn: () => void): boolean {
      step = index;
      try {
        fn();
        return true;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const cur = id ? snap(wf, id) : undefined;
        rows.push({
          step: index,
          at: clock.now(),
          event: label.event,
          ...(label.detail !== undefined ? { detail: label.detail } : {}),
          actor: label.actor,
          result: 'refused',
          error: { code: err.code, message: err.message },
          status: cur?.status ?? 'awaiting_seller_response',
          version: cur?.version ?? 0,
        });
        return false;
      } finally {
        step = null;
      }
    },
  };
}

export function snap(wf: DisputeWorkflow, id: string): Snap {
  const { row, snapshot } = wf.load(id);
  return { status: row.status as DisputeStatus, context: snapshot.context, version: row.version };
}

