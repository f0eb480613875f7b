import { DomainError } from '../../domain/errors.ts';
import { assertAmount } from '../../domain/money.ts';
import type { Actor, ClientEventBody, DisputeSteps, InternalEventBody, Loaded } from '../dispute-steps.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface SendEvent {
  type: 'send';
  disputeId: string;
  /** A client event, or an evidence summary / review replayed by simulate/backtest (HTTP refuses internal events by name). */
  event: ClientEventBody | Extract<InternalEventBody, { type: 'EVIDENCE_REPORTED' | 'EVIDENCE_REVIEWED' }>;
  /** The version the caller saw; DISPUTE.VERSION_CONFLICT when the dispute moved on. */
  expectedVersion?: number;
  actor?: Actor;
}

/**
 * Applies a client event. Deadlines already reached fire first, so a late answer meets an
 * auto-judged dispute; they stay fired (and committed) even when the event is then refused.
 */
export async function sendEvent(steps: DisputeSteps, uow: UnitOfWork, cmd: SendEvent): Promise<Loaded> {
  const loaded = await steps.load(uow, cmd.disputeId);
  // Amounts against the order's facts, before anything (even a due deadline) is written.
  if (cmd.event.type === 'SOLUTION_PROPOSED' || cmd.event.type === 'ARBITRATION_DECIDED') assertAmount(cmd.event, loaded.snapshot.context.order.amount);
  const { dispute } = await steps.fireDue(uow, loaded);
  if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== dispute.row.version) {
    throw new DomainError('DISPUTE.VERSION_CONFLICT', `Dispute ${cmd.disputeId} is at version ${dispute.row.version}, not ${cmd.expectedVersion}.`, {
      currentVersion: dispute.row.version,
    });
  }
  return steps.apply(uow, dispute, cmd.event, cmd.actor ?? 'api');
}
