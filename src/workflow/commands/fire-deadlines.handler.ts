import type { DisputeSteps, Loaded } from '../dispute-steps.ts';
import type { UnitOfWork } from '../unit-of-work.ts';

export interface FireDeadlines {
  type: 'fire_deadlines';
  disputeId: string;
}

/**
 * The timer poller's command: fires what is due for one dispute. A claim that finds nothing
 * due (fired by another process, or met meanwhile) rewrites the dispute's timer rows from its
 * snapshot, dropping the stale one.
 */
export async function fireDeadlines(steps: DisputeSteps, uow: UnitOfWork, cmd: FireDeadlines): Promise<Loaded & { fired: number }> {
  const { dispute, fired } = await steps.fireDue(uow, await steps.load(uow, cmd.disputeId));
  if (fired === 0) await uow.tx.timers.replace(cmd.disputeId, dispute.snapshot.context.deadlines);
  return { ...dispute, fired };
}
