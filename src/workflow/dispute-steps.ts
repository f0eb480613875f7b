import type { ClientEvent, DisputeEvent, DisputeStatus, InternalEvent } from '../../machines/dispute.machine.ts';
import { DomainError } from '../domain/errors.ts';
import { enqueueHelpdeskNotes } from '../integrations/enqueue-helpdesk-notes.ts';
import type { PolicyBook } from '../policy/policies.ts';
import type { DisputeRow } from '../store/store.port.ts';
import { disputeChange, OUTBOX_STATUS_CHANGED, OUTBOX_UPDATED } from '../webhooks/outbox-message.ts';
import { previewEntries } from './record-preview.ts';
import { makePureTransition } from './pure-transition.ts';
import { allowedEvents, dueDeadline, MACHINE_VERSION, nextDue, persisted, restore, statusOf, type Snapshot } from './snapshot.ts';
import { triageOf } from './triage.ts';
import type { UnitOfWork } from './unit-of-work.ts';

type EventBody<E> = E extends unknown ? Omit<E, 'at'> : never;
export type ClientEventBody = EventBody<ClientEvent>;
export type InternalEventBody = EventBody<InternalEvent>;

/** Who caused an entry in the log: `api`, `system:timer`, `system:evidence`, `import`, or a caller-given id. */
export type Actor = string;

export interface Loaded {
  row: DisputeRow;
  snapshot: Snapshot;
}

/**
 * The steps every command is made of, inside its unit of work: load (locked), decide the
 * next snapshot (pure; throws before anything is written), write it with its log entry,
 * previews, timers and outbox message, and fire deadlines the unit's instant has reached.
 */
export class DisputeSteps {
  private transition: ReturnType<typeof makePureTransition> | undefined;

  constructor(readonly policies: PolicyBook) {}

  async load(uow: UnitOfWork, id: string): Promise<Loaded> {
    const row = await uow.tx.disputes.get(id, { lock: true });
    if (!row) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`);
    return { row, snapshot: restore(row) };
  }

  /** The snapshot `body` leads to at `at`; DISPUTE.EVENT_NOT_ALLOWED when the machine refuses it. Writes nothing. */
  decide(d: Loaded, body: ClientEventBody | InternalEventBody, at: number): Snapshot {
    this.transition ??= makePureTransition(d.snapshot.context);
    const [next] = this.transition(d.snapshot, { ...body, at } as DisputeEvent);
    if (next !== d.snapshot) return next;
    const allowed = allowedEvents(d.snapshot);
    throw new DomainError(
      'DISPUTE.EVENT_NOT_ALLOWED',
      allowed.includes(body.type)
        ? `${body.type} is not accepted now: its conditions are not met (a deadline has passed or the amount is out of range).`
        : `${body.type} is not allowed while the dispute is ${statusOf(d.snapshot)}.`,
      { disputeStatus: statusOf(d.snapshot), allowedEvents: allowed },
    );
  }

  /** Writes `next` as the dispute's new version, with everything that goes with it. */
  async write(uow: UnitOfWork, d: Loaded, next: Snapshot, body: { type: string }, actor: Actor, at: number): Promise<Loaded> {
    const { row } = d;
    const updated: DisputeRow = {
      ...row,
      status: statusOf(next),
      nextDueAt: nextDue(next.context),
      snapshot: persisted(next),
      machineVersion: MACHINE_VERSION,
      version: row.version + 1,
      updatedAt: uow.now,
    };
    const previews = previewEntries(this.policies, updated, next.context, row.status, at);
    updated.previewDigest = previews.digest;
    updated.triage = triageOf(statusOf(next), next.context, previews.preview);
    if (!(await uow.tx.disputes.update(updated, row.version))) {
      throw new DomainError('DISPUTE.VERSION_CONFLICT', `Dispute ${row.id} changed while this event was applied.`, { currentVersion: row.version });
    }
    const { type, ...payload } = body;
    const deadlinesChanged = JSON.stringify(next.context.deadlines) !== JSON.stringify(d.snapshot.context.deadlines);
    await this.record(uow, updated, next, { type, payload, actor, at }, row.status, previews.entries, deadlinesChanged);
    return { row: updated, snapshot: next };
  }

  /** decide + write. */
  async apply(uow: UnitOfWork, d: Loaded, body: ClientEventBody | InternalEventBody, actor: Actor, at = uow.now): Promise<Loaded> {
    return this.write(uow, d, this.decide(d, body, at), body, actor, at);
  }

  /**
   * Fires every deadline the unit's instant has reached, earliest first, each stamped with
   * its own instant (so a late answer meets an auto-judged dispute, and a replay needs no
   * clock stepping).
   */
  async fireDue(uow: UnitOfWork, d: Loaded): Promise<{ dispute: Loaded; fired: number }> {
    let fired = 0;
    for (let due = dueDeadline(d.snapshot.context, uow.now); due; due = dueDeadline(d.snapshot.context, uow.now)) {
      d = await this.apply(uow, d, { type: 'DEADLINE_PASSED', deadline: due.deadline }, 'system:timer', due.dueAt);
      fired++;
    }
    return { dispute: d, fired };
  }

  /** The log entry, preview timeline rows, timer rows and outbox row of one accepted change. */
  async record(
    uow: UnitOfWork,
    row: DisputeRow,
    s: Snapshot,
    e: { type: string; payload: unknown; actor: Actor; at: number },
    previousStatus: string | null,
    previews: Array<{ seq: number; kind: 'change' | 'pre_arbitration'; preview: unknown; at: number }>,
    deadlinesChanged = true,
  ): Promise<void> {
    const { tx } = uow;
    const entry = await tx.log.append({ disputeId: row.id, seq: row.version, ...e });
    for (const p of previews) await tx.previews.save(row.id, p);
    if (deadlinesChanged) await tx.timers.replace(row.id, s.context.deadlines);
    // The one source of webhooks (src/webhooks/payloads.ts maps it to the public event types);
    // helpdesk notes for linked tickets are queued beside it as jobs of their own.
    const message = {
      disputeId: row.id,
      seq: row.version,
      type: previousStatus !== row.status ? OUTBOX_STATUS_CHANGED : OUTBOX_UPDATED,
      payload: disputeChange(row, e, previousStatus, s.context.outcome ?? null, previews.some((p) => p.kind === 'change'), s.context.evidence),
      createdAt: uow.now,
    };
    await tx.outbox.enqueue(message);
    uow.jobsAdded += await enqueueHelpdeskNotes(tx, message, uow.now);
    uow.committed.push({ disputeId: row.id, version: row.version, status: row.status as DisputeStatus, nextDueAt: row.nextDueAt, entry, context: s.context });
  }
}
