import { randomUUID } from 'node:crypto';
import { initialTransition } from 'xstate';
import {
  disputeMachine,
  type ClientEvent,
  type DeadlineName,
  type DisputeContext,
  type DisputeEvent,
  type DisputeStatus,
  type InternalEvent,
} from '../../machines/dispute.machine.ts';
import { DomainError } from '../domain/errors.ts';
import type { DisputeRepository, DisputeRow, ListFilter, LogEntry, StoredPreview } from '../store/dispute.repository.port.ts';
import type { Clock } from './clock.ts';
import { shippedPolicies, type PolicyBook } from '../policy/policies.ts';
import { previewEntries } from './record-preview.ts';
import { makePureTransition } from './pure-transition.ts';
import { timingOf } from './timing.ts';
import type { OpenDisputeCommand } from './open-dispute.command.ts';

type Snapshot = ReturnType<typeof initialTransition<typeof disputeMachine>>[0];
type EventBody<E> = E extends unknown ? Omit<E, 'at'> : never;
export type ClientEventBody = EventBody<ClientEvent>;
export type InternalEventBody = EventBody<InternalEvent>;

/** Who caused an entry in the log: `api`, `system:timer`, `system:evidence`, `import`, or a caller-given id. */
export type Actor = string;

export interface Committed {
  disputeId: string;
  version: number;
  status: DisputeStatus;
  nextDueAt: number | null;
  /** The log entry this command appended. */
  entry: LogEntry;
}

export function statusOf(s: Snapshot): DisputeStatus {
  const v = s.value;
  return (typeof v === 'string' ? v : v.open) as DisputeStatus;
}

function restore(row: DisputeRow): Snapshot {
  const p = row.snapshot as { value: Snapshot['value']; context: DisputeContext };
  return disputeMachine.resolveState({ value: p.value, context: p.context });
}

function nextDue(ctx: DisputeContext): number | null {
  const dues = Object.values(ctx.deadlines);
  return dues.length ? Math.min(...dues) : null;
}

/** The earliest deadline in force that `now` has reached, if any. */
function dueDeadline(ctx: DisputeContext, now: number): DeadlineName | undefined {
  let best: [DeadlineName, number] | undefined;
  for (const [name, due] of Object.entries(ctx.deadlines) as Array<[DeadlineName, number]>) {
    if (due <= now && (!best || due < best[1])) best = [name, due];
  }
  return best?.[0];
}

/** Event types the current state has a transition for, less those only the service may send. */
export function allowedEvents(s: Snapshot): string[] {
  if (s.status !== 'active') return [];
  const internal = new Set(['DEADLINE_PASSED', 'EVIDENCE_REPORTED']);
  return [...new Set(s._nodes.flatMap((n) => [...n.ownEvents]))].filter((t) => !internal.has(t)).sort();
}

/**
 * The one command path. Every change to a dispute — an API call, an evidence report, a
 * deadline — goes: load snapshot + version → XState's pure `transition()` → one transaction
 * writing the snapshot (version-checked), the hash-chained log entry, the timer rows and an
 * outbox row → `onCommitted` after the transaction returns.
 *
 *   const wf = new DisputeWorkflow(store, systemClock);
 *   const d = wf.open(command);                           // status awaiting_seller_response
 *   wf.send(d.id, { type: 'SELLER_RESPONDED' }, { expectedVersion: d.version });
 */
export interface WorkflowOptions {
  /** Called after each command's transaction returns (wakes the timer poller). */
  onCommitted?: (c: Committed) => void;
  /** Where policies come from; the shipped ones by default. */
  policies?: PolicyBook;
}

export class DisputeWorkflow {
  private readonly onCommitted: (c: Committed) => void;
  private transition: ReturnType<typeof makePureTransition> | undefined;
  readonly policies: PolicyBook;

  constructor(
    private readonly store: DisputeRepository,
    private readonly clock: Clock,
    opts: WorkflowOptions = {},
  ) {
    this.onCommitted = opts.onCommitted ?? (() => {});
    this.policies = opts.policies ?? shippedPolicies;
  }

  /** Files (or imports) a dispute. A dispute imported after its deadlines is judged at once. */
  open(cmd: OpenDisputeCommand, actor: Actor = 'api'): { row: DisputeRow; snapshot: Snapshot } {
    const now = this.clock.now();
    const openedAt = cmd.openedAt ?? now;
    const policy = this.policies.inForce(openedAt);
    const id = `dsp_${randomUUID().replaceAll('-', '')}`;
    const created = this.store.transaction(() => {
      const existing = cmd.externalId ? this.store.findByExternalId(cmd.sellerId, cmd.externalId) : undefined;
      if (existing) {
        throw new DomainError('DISPUTE.ALREADY_EXISTS', `Dispute ${cmd.externalId} of seller ${cmd.sellerId} exists already.`, { existingId: existing.id });
      }
      const [snapshot] = initialTransition(disputeMachine, {
        disputeId: id,
        reason: cmd.reason,
        openedAt,
        policyVersion: policy.version,
        timing: timingOf(policy),
        order: cmd.order,
        claim: cmd.claim,
      });
      const row: DisputeRow = {
        id,
        externalId: cmd.externalId ?? null,
        sellerId: cmd.sellerId,
        status: statusOf(snapshot),
        policyVersion: policy.version,
        openedAt,
        nextDueAt: nextDue(snapshot.context),
        snapshot: disputeMachine.getPersistedSnapshot(snapshot),
        version: 1,
        previewDigest: null,
        createdAt: now,
        updatedAt: now,
      };
      const previews = previewEntries(this.policies, row, snapshot.context, null, now);
      row.previewDigest = previews.digest;
      this.store.insert(row);
      const entry = this.record(row, snapshot, { type: 'DISPUTE_FILED', payload: { ...cmd, openedAt }, actor, at: now }, null, previews.entries);
      return { row, entry };
    });
    this.onCommitted({ disputeId: id, version: 1, status: created.row.status as DisputeStatus, nextDueAt: created.row.nextDueAt, entry: created.entry });
    this.fireDue(id);
    return this.load(id);
  }

  /**
   * Applies a client event. Deadlines already reached are fired first, each as its own
   * command, so a late answer meets an auto-judged dispute, never a stale one.
   */
  send(id: string, body: ClientEventBody, opts: { expectedVersion?: number; actor?: Actor } = {}) {
    this.fireDue(id);
    return this.apply(id, body, opts.actor ?? 'api', opts.expectedVersion);
  }

  /** An event only the service may send (evidence reports). */
  sendInternal(id: string, body: InternalEventBody, actor: Actor) {
    this.fireDue(id);
    return this.apply(id, body, actor);
  }

  /** Fires every deadline of this dispute that the clock has reached; returns how many fired. */
  fireDue(id: string): number {
    let fired = 0;
    for (;;) {
      // next_due_at mirrors the earliest deadline, so the common case costs one indexed read.
      const due = this.store.nextDueAt(id);
      if (due === undefined || due === null || due > this.clock.now()) return fired;
      const deadline = dueDeadline(this.load(id).snapshot.context, this.clock.now());
      if (!deadline) return fired;
      this.apply(id, { type: 'DEADLINE_PASSED', deadline }, 'system:timer');
      fired++;
    }
  }

  /** Rewrites a dispute's timer rows from its snapshot (after a stale or duplicate timer firing). */
  resyncTimers(id: string): void {
    this.store.transaction(() => {
      const row = this.store.get(id);
      if (row) this.store.replaceTimers(id, restore(row).context.deadlines);
    });
  }

  load(id: string): { row: DisputeRow; snapshot: Snapshot } {
    const row = this.store.get(id);
    if (!row) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`);
    return { row, snapshot: restore(row) };
  }

  list(filter: ListFilter): Array<{ row: DisputeRow; snapshot: Snapshot }> {
    return this.store.list(filter).map((row) => ({ row, snapshot: restore(row) }));
  }

  log(id: string): LogEntry[] {
    this.load(id);
    return this.store.log(id);
  }

  private apply(id: string, body: ClientEventBody | InternalEventBody, actor: Actor, expectedVersion?: number) {
    const committed = this.store.transaction(() => {
      const { row, snapshot } = this.load(id);
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new DomainError('DISPUTE.VERSION_CONFLICT', `Dispute ${id} is at version ${row.version}, not ${expectedVersion}.`, {
          currentVersion: row.version,
        });
      }
      const now = this.clock.now();
      const event = { ...body, at: now } as DisputeEvent;
      this.transition ??= makePureTransition(snapshot.context);
      const [next] = this.transition(snapshot, event);
      if (next === snapshot) {
        const allowed = allowedEvents(snapshot);
        throw new DomainError(
          'DISPUTE.EVENT_NOT_ALLOWED',
          allowed.includes(body.type)
            ? `${body.type} is not accepted now: its conditions are not met (a deadline has passed or the amount is out of range).`
            : `${body.type} is not allowed while the dispute is ${statusOf(snapshot)}.`,
          { disputeStatus: statusOf(snapshot), allowedEvents: allowed },
        );
      }
      const updated: DisputeRow = {
        ...row,
        status: statusOf(next),
        nextDueAt: nextDue(next.context),
        snapshot: disputeMachine.getPersistedSnapshot(next),
        version: row.version + 1,
        updatedAt: now,
      };
      const previews = previewEntries(this.policies, updated, next.context, row.status, now);
      updated.previewDigest = previews.digest;
      if (!this.store.update(updated, row.version)) {
        throw new DomainError('DISPUTE.VERSION_CONFLICT', `Dispute ${id} changed while this event was applied.`, {});
      }
      const { type, ...payload } = body;
      const deadlinesChanged = JSON.stringify(next.context.deadlines) !== JSON.stringify(snapshot.context.deadlines);
      const entry = this.record(updated, next, { type, payload, actor, at: now }, row.status, previews.entries, deadlinesChanged);
      return { row: updated, snapshot: next, entry };
    });
    const { row, snapshot, entry } = committed;
    this.onCommitted({ disputeId: id, version: row.version, status: row.status as DisputeStatus, nextDueAt: row.nextDueAt, entry });
    return { row, snapshot };
  }

  /** The log entry, preview timeline rows, timer rows and outbox row of one accepted event (inside the caller's transaction). */
  private record(
    row: DisputeRow,
    s: Snapshot,
    e: { type: string; payload: unknown; actor: Actor; at: number },
    previousStatus: string | null,
    previews: StoredPreview[],
    deadlinesChanged = true,
  ): LogEntry {
    const entry = this.store.append({ disputeId: row.id, seq: row.version, ...e });
    for (const p of previews) this.store.savePreview(row.id, p);
    if (deadlinesChanged) this.store.replaceTimers(row.id, s.context.deadlines);
    this.store.enqueue({
      disputeId: row.id,
      seq: row.version,
      type: previousStatus !== row.status ? 'dispute.status_changed' : 'dispute.updated',
      payload: { disputeId: row.id, externalId: row.externalId, version: row.version, event: e.type, status: row.status, previousStatus, outcome: s.context.outcome ?? null },
      createdAt: e.at,
    });
    return entry;
  }
}
