import { createActor, type ActorScope, type EventFromLogic, type ExecutableActionsFrom, type SnapshotFrom } from 'xstate';
import { disputeMachine, type DisputeInput } from '../../machines/dispute.machine.ts';

type Machine = typeof disputeMachine;
type Scope = ActorScope<SnapshotFrom<Machine>, EventFromLogic<Machine>>;

/**
 * XState's pure transition, minus its per-call setup: the stock `transition()` builds a
 * throw-away inert actor scope — and with it the machine's initial state — on every call.
 * Here the scope is built once from a created, never-started actor's public members
 * (`system`, `id`, `sessionId`); actions are collected, not run. Same contract as
 * `transition(machine, snapshot, event)`: the snapshot object comes back unchanged when no
 * transition is enabled. `npm run bench` measures both (see bench/transition.bench.ts).
 */
export function makePureTransition(sampleInput: DisputeInput) {
  const inert = createActor(disputeMachine, { input: sampleInput });
  const base = {
    self: inert,
    id: inert.id,
    sessionId: inert.sessionId,
    logger: () => {},
    system: inert.system,
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
  };
  return (snapshot: SnapshotFrom<Machine>, event: EventFromLogic<Machine>): [SnapshotFrom<Machine>, ExecutableActionsFrom<Machine>[]] => {
    const actions: ExecutableActionsFrom<Machine>[] = [];
    const scope = { ...base, actionExecutor: (a: unknown) => void actions.push(a as ExecutableActionsFrom<Machine>) } as unknown as Scope;
    return [disputeMachine.transition(snapshot, event, scope), actions];
  };
}
