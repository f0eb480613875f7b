/** The dispute snapshot as the store keeps it: restore, status, deadlines, allowed events. */
import { getNextTransitions, initialTransition } from 'xstate';
import { disputeMachine, type DeadlineName, type DisputeContext, type DisputeStatus } from '../../machines/dispute.machine.ts';
import type { DisputeRow } from '../store/store.port.ts';

export type Snapshot = ReturnType<typeof initialTransition<typeof disputeMachine>>[0];

/** The machine version written with every snapshot, and the versions this code can restore. */
export const MACHINE_VERSION = disputeMachine.version ?? '1';
const READABLE_VERSIONS = new Set([MACHINE_VERSION]);

export function statusOf(s: Snapshot): DisputeStatus {
  const v = s.value;
  return (typeof v === 'string' ? v : v.open) as DisputeStatus;
}

export function restore(row: DisputeRow): Snapshot {
  if (!READABLE_VERSIONS.has(row.machineVersion)) {
    throw new Error(`dispute ${row.id} was written by machine version ${row.machineVersion}; this build reads ${[...READABLE_VERSIONS].join(', ')}`);
  }
  const p = row.snapshot as { value: Snapshot['value']; context: DisputeContext };
  return disputeMachine.resolveState({ value: p.value, context: p.context });
}

export function persisted(s: Snapshot): unknown {
  return disputeMachine.getPersistedSnapshot(s);
}

export function nextDue(ctx: DisputeContext): number | null {
  const dues = Object.values(ctx.deadlines);
  return dues.length ? Math.min(...dues) : null;
}

/** The earliest deadline in force that `now` has reached, with its instant. */
export function dueDeadline(ctx: DisputeContext, now: number): { deadline: DeadlineName; dueAt: number } | undefined {
  let best: { deadline: DeadlineName; dueAt: number } | undefined;
  for (const [deadline, dueAt] of Object.entries(ctx.deadlines) as Array<[DeadlineName, number]>) {
    if (dueAt <= now && (!best || dueAt < best.dueAt)) best = { deadline, dueAt };
  }
  return best;
}

const INTERNAL = new Set(['DEADLINE_PASSED', 'EVIDENCE_REPORTED', 'EVIDENCE_REVIEWED']);

/** Event types the current state has a transition for (XState's public `getNextTransitions`), less those only the service may send. */
export function allowedEvents(s: Snapshot): string[] {
  if (s.status !== 'active') return [];
  return [...new Set(getNextTransitions(s).map((t) => t.eventType))].filter((t) => !INTERNAL.has(t) && !t.startsWith('xstate.')).sort();
}
