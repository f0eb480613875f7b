import type { Timing } from '../../machines/dispute.machine.ts';
import { HOUR_MS, type Policy } from '../policy/policy.schema.ts';

/** The machine's deadline durations, in ms, from a policy's hours. */
export function timingOf(p: Policy): Timing {
  const d = p.deadlines;
  return {
    firstResponseMs: d.firstResponseHours * HOUR_MS,
    solutionMs: d.solutionHours * HOUR_MS,
    buyerAnswerMs: d.buyerAnswerHours * HOUR_MS,
    negotiationMs: d.negotiationHours * HOUR_MS,
    arbitrationEvidenceMs: d.arbitrationEvidenceHours * HOUR_MS,
  };
}
