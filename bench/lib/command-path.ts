/**
 * The command path under load, in process: a workflow on a store, 200 varied disputes, and
 * the operation "send dispute i % 200 its next tracking event".
 *
 *   const p = await commandPath(store);
 *   await closedLoop({ inFlight: 64, durationMs: 2000 }, p.send);
 */
import type { Store } from '../../src/store/store.port.ts';
import { systemClock } from '../../src/workflow/clock.ts';
import { DisputeWorkflow, type ClientEventBody } from '../../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../src/workflow/open-dispute.command.ts';
import { DISPUTES, seedDisputes, trackingEvent } from './disputes.ts';

export async function commandPath(store: Store, disputes = DISPUTES) {
  const wf = new DisputeWorkflow(store, systemClock);
  const execute = async (command: Parameters<DisputeWorkflow['execute']>[0]) => {
    const o = await wf.execute(command);
    if (!o.ok) throw new Error(`${command.type} refused: ${o.error.code} ${o.error.message}`);
    return o.dispute!.row.id;
  };
  const ids = await seedDisputes(
    (body) => execute({ type: 'open', dispute: OpenDisputeSchema.parse(body) }),
    async (id, event: ClientEventBody) => void (await execute({ type: 'send', disputeId: id, event })),
    disputes,
  );
  return {
    wf,
    ids,
    /** Command `i`: dispute i % n gets its next tracking event, through `workflow.execute`. */
    send: async (i: number): Promise<void> => {
      await execute({ type: 'send', disputeId: ids[i % ids.length]!, event: trackingEvent(i, ids.length) });
    },
  };
}
