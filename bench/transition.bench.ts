import './lib/quiet.ts';
/**
 * XState's pure transition, µs per call: ours (`makePureTransition`, a scope built once from a
 * created actor's public members) beside the stock `transition(machine, snapshot, event)` from
 * xstate, on the same restored snapshot and the same TRACKING_UPDATED event, alternating
 * rounds. Both must produce the same next snapshot.
 */
import assert from 'node:assert/strict';
import { transition } from 'xstate';
import { disputeMachine, type DisputeEvent } from '../machines/dispute.machine.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { systemClock } from '../src/workflow/clock.ts';
import { DisputeWorkflow } from '../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../src/workflow/open-dispute.command.ts';
import { makePureTransition } from '../src/workflow/pure-transition.ts';
import { restore } from '../src/workflow/snapshot.ts';
import { stageEvents, trackingEvent, variedDisputeBody } from './lib/disputes.ts';
import { alternate } from './lib/load.ts';
import { isMain } from './lib/quiet.ts';
import { fmtRatio, fmtUs, median, out, table } from './lib/report.ts';

const ROUND_MS = 600;
const ROUNDS = 3;

/** A dispute awaiting the buyer (a proposal, deadlines in force), as the store restores it. */
async function sampleSnapshot() {
  const store = new SqliteStore(':memory:');
  try {
    const wf = new DisputeWorkflow(store, systemClock);
    const o = await wf.execute({ type: 'open', dispute: OpenDisputeSchema.parse(variedDisputeBody(2)) });
    if (!o.ok) throw o.error;
    for (const event of stageEvents(2)) await wf.execute({ type: 'send', disputeId: o.dispute!.row.id, event });
    return restore((await wf.load(o.dispute!.row.id)).row);
  } finally {
    await store.close();
  }
}

/** Calls `fn` for ROUND_MS; µs per call. */
function round(fn: () => unknown): Promise<number> {
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) {
    for (let i = 0; i < 50; i++) fn();
    calls += 50;
  }
  return Promise.resolve(((performance.now() - start) * 1000) / calls);
}

export async function benchTransition(): Promise<void> {
  const snapshot = await sampleSnapshot();
  const event = { ...trackingEvent(0), at: Date.now() } as DisputeEvent;
  const ours = makePureTransition(snapshot.context);
  const [a] = ours(snapshot, event);
  const [b] = transition(disputeMachine, snapshot, event);
  assert.deepEqual({ value: a.value, context: a.context, status: a.status }, { value: b.value, context: b.context, status: b.status });
  await round(() => ours(snapshot, event));
  await round(() => transition(disputeMachine, snapshot, event));
  const r = await alternate(ROUNDS, () => round(() => ours(snapshot, event)), () => round(() => transition(disputeMachine, snapshot, event)));
  const stock = median(r.b);
  const mine = median(r.a);
  table(
    `transition: XState pure transition, same snapshot (awaiting_buyer) and TRACKING_UPDATED, median of ${ROUNDS} × ${ROUND_MS} ms`,
    ['function', 'per call', 'vs stock'],
    [
      ['xstate transition(machine, snapshot, event)', fmtUs(stock), '1.00× (baseline)'],
      ['makePureTransition (scope built once)', fmtUs(mine), `${fmtRatio(mine / stock)} (${fmtRatio(stock / mine)} faster)`],
    ],
  );
  out();
}

if (isMain(import.meta.url)) await benchTransition();
