import type { DisputeInput } from '../../machines/dispute.machine.ts';
import { policyByVersion } from '../../src/policy/policies.ts';
import { timingOf } from '../../src/workflow/timing.ts';
import { disputeBody } from './order.ts';
import { OrderSchema } from '../../src/domain/order.schema.ts';

export const POLICY = policyByVersion('2024-05.1')!;

/** A machine input for the example order, opened at `openedAt`, under the shipped policy. */
export function machineInput(openedAt = 0, over: Partial<DisputeInput> = {}): DisputeInput {
  return {
    disputeId: 'dsp_test',
    reason: 'not_received',
    openedAt,
    policyVersion: POLICY.version,
    timing: timingOf(POLICY),
    order: OrderSchema.parse(disputeBody().order),
    ...over,
  };
}
