/**
 * Runs a scenario through the real machine, command path and verdict preview: an in-memory
 * SQLite store, a manual clock, and for each step — set the clock, fire what is due, apply.
 *
 * @example
 *   const result = await runScenario(ScenarioSchema.parse(json));
 *   result.final.status;            // 'resolved'
 *   result.final.outcome?.basis;    // 'deadline:solution'
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pino } from 'pino';
import type { DisputeStatus, Outcome } from '../../machines/dispute.machine.ts';
import type { EvidenceSummary } from '../domain/evidence-summary.ts';
import { policyBook, shippedPolicies, type PolicyBook } from '../policy/policies.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { preview, type Preview } from '../verdict/preview.ts';
import type { Scenario, ScenarioStep } from './scenario.schema.ts';
import { detailOf, recordingWorkflow, snap, type TimelineRow } from './timeline.ts';

/** A scenario that parses but cannot run as written (an unknown policy version). Exit code 2. */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly path: Array<string | number> = [],
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export interface StepMismatch {
  step: number;
  expected: 'applied' | 'refused';
  got: 'applied' | 'refused';
  event: string;
  error?: { code: string; message: string };
}

export interface SimulationResult {
  name?: string;
  disputeId: string;
  openedAt: number;
  policyVersion: string;
  timeline: TimelineRow[];
  final: {
    at: number;
    status: DisputeStatus;
    version: number;
    outcome: Outcome | null;
    deadlines: Record<string, number>;
    preview: Preview;
  };
  /** Steps whose result was not the one the scenario expected (`expect`, default `applied`). */
  mismatches: StepMismatch[];
}

export interface RunOptions {
  /** Force this policy for the dispute, whatever its effectiveFrom (`--policy <file>`). */
  policy?: Policy;
  /** Where `evidenceFile` paths are relative to (the scenario file's directory). */
  baseDir?: string;
}

/** The book a scenario runs under: a forced policy, a named shipped version, or the shipped book. */
export function bookFor(s: Scenario, forced?: Policy): PolicyBook {
  if (forced) return policyBook([forced]);
  if (s.policy === undefined) return shippedPolicies;
  const p = shippedPolicies.byVersion(s.policy);
  if (!p) throw new ScenarioError(`policy ${s.policy} is not a shipped policy version (pass --policy <file> for another)`, ['policy']);
  // A book of one: the named version is used even when the dispute was filed before its effectiveFrom.
  return policyBook([p]);
}

/** Typed-in evidence gets an id and sha256 derived from its step, so runs are repeatable. */
function typedEvidence(step: ScenarioStep, e: Omit<EvidenceSummary, 'id' | 'sha256'>): EvidenceSummary {
  const sha256 = createHash('sha256').update(JSON.stringify({ step: step.index, ...e })).digest('hex');
  return { id: `evd_sim_${step.index}`, sha256, ...e };
}

async function checkedEvidence(
  step: ScenarioStep & { action: { kind: 'evidenceFile' } },
  policy: Policy,
  disputeId: string,
  order: Scenario['dispute']['order'],
  baseDir: string,
): Promise<EvidenceSummary> {
  const { runChecks } = await import('../evidence/run-checks.ts');
  const { finalizeReport, summarize } = await import('../evidence/evidence-summary.builder.ts');
  const a = step.action;
  // The checks log through pino; keep stdout for the simulation's own output.
  const log = pino({ level: 'warn' }, pino.destination(2));
  const report = await runChecks(resolve(baseDir, a.path), a.evidenceKind, {
    policy,
    disputeId,
    skus: order.items.map((i) => i.sku),
    trackingNumber: order.shipment.trackingNumber,
    log,
  });
  // The same derived checks (delivery.proof) and summary as the evidence service.
  const fields = { ...(a.signerName !== undefined ? { signerName: a.signerName } : {}), ...(a.signedAt !== undefined ? { signedAt: a.signedAt } : {}) };
  const final = finalizeReport(report, a.evidenceKind, fields);
  return summarize({ id: `evd_sim_${step.index}`, kind: a.evidenceKind, sha256: final.sha256, status: final.status, uploadedAt: step.at, fields }, final);
}

export async function runScenario(s: Scenario, opts: RunOptions = {}): Promise<SimulationResult> {
  const policies = bookFor(s, opts.policy);
  const store = new SqliteStore(':memory:');
  try {
    const rec = recordingWorkflow(store, policies, s.openedAt);
    const { wf, clock } = rec;
    const filed = await rec.attempt(null, null, { event: 'DISPUTE_FILED', actor: 'scenario' }, { type: 'open', dispute: { ...s.dispute, openedAt: s.openedAt }, actor: 'scenario' });
    const id = filed.ok ? filed.dispute!.row.id : '';
    if (!id) throw new ScenarioError('the dispute could not be filed', ['dispute']);
    const policy = policies.byVersion((await snap(wf, id)).context.policyVersion);
    if (!policy) throw new Error('the dispute is pinned to a policy outside its book');

    const mismatches: StepMismatch[] = [];
    for (const step of s.steps) {
      await rec.advanceTo(id, step.at);
      const a = step.action;
      let label: { event: string; detail?: string; actor: string };
      let outcome;
      if (a.kind === 'event') {
        const detail = detailOf(a.event.type, a.event);
        label = { event: a.event.type, ...(detail !== undefined ? { detail } : {}), actor: 'scenario' };
        outcome = await rec.attempt(step.index, id, label, { type: 'send', disputeId: id, event: a.event, actor: 'scenario' });
      } else {
        const evidence =
          a.kind === 'evidence'
            ? typedEvidence(step, a.evidence)
            : await checkedEvidence({ ...step, action: a }, policy, id, s.dispute.order, opts.baseDir ?? process.cwd());
        label = { event: 'EVIDENCE_REPORTED', detail: `${evidence.kind} ${evidence.status}`, actor: 'system:evidence' };
        outcome = await rec.attempt(step.index, id, label, { type: 'send', disputeId: id, event: { type: 'EVIDENCE_REPORTED', evidence }, actor: 'system:evidence' });
      }
      const got = outcome.ok ? 'applied' : 'refused';
      if (got !== step.expect) {
        const refusal = rec.rows.at(-1)?.error;
        mismatches.push({ step: step.index, expected: step.expect, got, event: label.event, ...(!outcome.ok && refusal ? { error: refusal } : {}) });
      }
    }
    if (s.until !== undefined) {
      await rec.advanceTo(id, s.until);
    }

    const end = await snap(wf, id);
    const at = clock.now();
    return {
      ...(s.name !== undefined ? { name: s.name } : {}),
      disputeId: id,
      openedAt: s.openedAt,
      policyVersion: policy.version,
      timeline: rec.rows,
      final: {
        at,
        status: end.status,
        version: end.version,
        outcome: end.context.outcome ?? null,
        deadlines: { ...end.context.deadlines },
        preview: preview({ status: end.status, context: end.context }, policy, at),
      },
      mismatches,
    };
  } finally {
    await store.close();
  }
}
