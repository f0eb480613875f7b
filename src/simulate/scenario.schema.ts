/**
 * A simulation scenario: one dispute and what happens to it, step by step, in time.
 *
 * Glossary: a *scenario* is the dispute as filed plus a list of *steps*; a *step* is one
 * thing that happens at a time — a client event (what the API would accept), an evidence
 * report (the checks' answers, typed in), or an evidence file to run the real checks on;
 * *until* is a time to run the clock to after the last step, firing deadlines on the way.
 *
 * @example
 *   const s = ScenarioSchema.parse(JSON.parse(readFileSync('examples/scenario.not-received.json', 'utf8')));
 *   s.steps[0]; // { index: 0, at: 1795248000000 + 13 * 3_600_000, action: { kind: 'event', event: { type: 'SELLER_RESPONDED' } }, expect: 'applied' }
 */
import { z } from 'zod';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES, type EvidenceKind } from '../domain/evidence-summary.ts';
import { ClientEventSchema } from '../workflow/client-event.schema.ts';
import { OpenDisputeSchema } from '../workflow/open-dispute.command.ts';
import { resolveTime, ScenarioTimeSchema } from './time.ts';

/** One check's answer in a typed-in evidence report (as `EvidenceSummary.checks`). */
export const ScenarioCheckSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  code: z.string().min(1),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A typed-in evidence report: an `EvidenceSummary` without `id` and `sha256` (the runner
 * derives both from the step, so a scenario's output is the same on every run). Times may
 * be ISO or offsets; `uploadedAt` defaults to the step's time.
 */
export const ScenarioEvidenceSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  status: z.enum(EVIDENCE_STATUSES),
  checks: z.array(ScenarioCheckSchema).default([]),
  uploadedAt: ScenarioTimeSchema.optional(),
  capturedAt: ScenarioTimeSchema.optional(),
  signerName: z.string().min(1).max(200).optional(),
  signedAt: ScenarioTimeSchema.optional(),
});

/**
 * A step. Exactly one of `event`, `evidence`, `evidenceFile` (with `kind`).
 * `expect: "refused"` marks a step the scenario expects the machine to refuse (a late answer,
 * say); an unexpected refusal — or an expected one that is applied — makes the exit code 1.
 */
export const ScenarioStepSchema = z
  .strictObject({
    at: ScenarioTimeSchema,
    note: z.string().max(500).optional(),
    event: ClientEventSchema.optional(),
    evidence: ScenarioEvidenceSchema.optional(),
    /** A file to run the real evidence checks on (`runChecks`); relative to the scenario file. */
    evidenceFile: z.string().min(1).optional(),
    /** The evidence kind of `evidenceFile`. */
    kind: z.enum(EVIDENCE_KINDS).optional(),
    /** Delivery-proof facts entered with an `evidenceFile` photo. */
    signerName: z.string().min(1).max(200).optional(),
    signedAt: ScenarioTimeSchema.optional(),
    expect: z.enum(['applied', 'refused']).default('applied'),
  })
  .superRefine((s, ctx) => {
    const given = [s.event, s.evidence, s.evidenceFile].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'a step has exactly one of "event", "evidence", "evidenceFile"', path: [] });
    if (s.evidenceFile !== undefined && s.kind === undefined) ctx.addIssue({ code: 'custom', message: '"evidenceFile" needs its "kind"', path: ['kind'] });
    if (s.evidenceFile === undefined) {
      for (const k of ['kind', 'signerName', 'signedAt'] as const) {
        if (s[k] !== undefined) ctx.addIssue({ code: 'custom', message: `"${k}" belongs to an "evidenceFile" step`, path: [k] });
      }
    }
  });

/** The dispute as filed: `POST /api/disputes`'s body, with `openedAt` required and `sellerId` defaulted. */
export const ScenarioDisputeSchema = OpenDisputeSchema.omit({ openedAt: true, sellerId: true }).extend({
  sellerId: z.string().min(1).max(100).default('seller-sim'),
  openedAt: z.iso.datetime({ offset: true }),
});

export const ScenarioSchema = z
  .strictObject({
    /** Free text, for people (and for the `$schema`-less JSON files). */
    name: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    /** A shipped policy version (`2024-05.1`); else the one in force at openedAt. `--policy <file>` overrides. */
    policy: z.string().min(1).optional(),
    dispute: ScenarioDisputeSchema,
    steps: z.array(ScenarioStepSchema).default([]),
    /** Run the clock to this time after the last step, firing deadlines (ISO or offset). */
    until: ScenarioTimeSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const openedAt = Date.parse(s.dispute.openedAt);
    let previous = openedAt;
    s.steps.forEach((step, i) => {
      const at = resolveTime(step.at, openedAt);
      if (at < openedAt) ctx.addIssue({ code: 'custom', message: `step time ${step.at} is before the dispute's openedAt`, path: ['steps', i, 'at'] });
      else if (at < previous) ctx.addIssue({ code: 'custom', message: `step time ${step.at} is before the previous step's; steps run in time order`, path: ['steps', i, 'at'] });
      previous = Math.max(previous, at);
    });
    if (s.until !== undefined && resolveTime(s.until, openedAt) < previous) {
      ctx.addIssue({ code: 'custom', message: `until ${s.until} is before the last step`, path: ['until'] });
    }
  })
  .transform((s) => {
    const openedAt = Date.parse(s.dispute.openedAt);
    const t = (x: string) => resolveTime(x, openedAt);
    const steps = s.steps.map((step, index): ScenarioStep => {
      const base = { index, at: t(step.at), expect: step.expect, ...(step.note ? { note: step.note } : {}) };
      if (step.event) return { ...base, action: { kind: 'event', event: step.event } };
      if (step.evidence) {
        const e = step.evidence;
        return {
          ...base,
          action: {
            kind: 'evidence',
            evidence: {
              kind: e.kind,
              status: e.status,
              checks: e.checks,
              uploadedAt: e.uploadedAt === undefined ? t(step.at) : t(e.uploadedAt),
              ...(e.capturedAt !== undefined ? { capturedAt: t(e.capturedAt) } : {}),
              ...(e.signerName !== undefined ? { signerName: e.signerName } : {}),
              ...(e.signedAt !== undefined ? { signedAt: t(e.signedAt) } : {}),
            },
          },
        };
      }
      return {
        ...base,
        action: {
          kind: 'evidenceFile',
          path: step.evidenceFile ?? '',
          evidenceKind: step.kind ?? 'product_photo',
          ...(step.signerName !== undefined ? { signerName: step.signerName } : {}),
          ...(step.signedAt !== undefined ? { signedAt: t(step.signedAt) } : {}),
        },
      };
    });
    const { openedAt: _iso, ...open } = s.dispute;
    return {
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.policy !== undefined ? { policy: s.policy } : {}),
      openedAt,
      dispute: open,
      steps,
      ...(s.until !== undefined ? { until: t(s.until) } : {}),
    };
  });

type ClientEventInput = z.output<typeof ClientEventSchema>;
type EvidenceInput = z.output<typeof ScenarioEvidenceSchema>;

/** A typed-in report with its times resolved to epoch ms (an `EvidenceSummary` less `id`/`sha256`). */
export interface ScenarioEvidence {
  kind: EvidenceInput['kind'];
  status: EvidenceInput['status'];
  checks: EvidenceInput['checks'];
  uploadedAt: number;
  capturedAt?: number;
  signerName?: string;
  signedAt?: number;
}

export type ScenarioAction =
  | { kind: 'event'; event: ClientEventInput }
  | { kind: 'evidence'; evidence: ScenarioEvidence }
  | { kind: 'evidenceFile'; path: string; evidenceKind: EvidenceKind; signerName?: string; signedAt?: number };

/** A step after parsing: time resolved to epoch ms, the one action tagged. */
export interface ScenarioStep {
  index: number;
  at: number;
  expect: 'applied' | 'refused';
  note?: string;
  action: ScenarioAction;
}

/** What the runner takes: `ScenarioSchema.parse(json)`. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** What a scenario file holds. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
