import { DomainError } from '../domain/errors.ts';
import { shippedPolicies, type PolicyBook } from '../policy/policies.ts';
import type { EvidenceKey, EvidenceRow } from '../store/evidence.repository.port.ts';
import type { OrderRow } from '../store/order.repository.port.ts';
import type { DisputeSummaryRow, ListFilter, LogEntry, Page, PreviewKey, StoredAnswer, StoredPreview, Store } from '../store/store.port.ts';
import type { Clock } from './clock.ts';
import { fireDeadlines, type FireDeadlines } from './commands/fire-deadlines.handler.ts';
import { openDispute, type OpenDispute } from './commands/open-dispute.handler.ts';
import { recordReport, type RecordReport } from './commands/record-report.handler.ts';
import { registerEvidence, type RegisterEvidence } from './commands/register-evidence.handler.ts';
import { registerOrderEvidence, type RegisterOrderEvidence } from './commands/register-order-evidence.handler.ts';
import { registerOrder, type RegisterOrder } from './commands/register-order.handler.ts';
import { reviewEvidence, type ReviewEvidence } from './commands/review-evidence.handler.ts';
import { sendEvent, type SendEvent } from './commands/send-event.handler.ts';
import { DisputeSteps, type Loaded } from './dispute-steps.ts';
import { restore } from './snapshot.ts';
import { UnitOfWork, type Committed } from './unit-of-work.ts';

export type { Actor, ClientEventBody, InternalEventBody, Loaded } from './dispute-steps.ts';
export type { Committed } from './unit-of-work.ts';
export { allowedEvents, statusOf } from './snapshot.ts';

/** Every change to a dispute is one of these. */
export type Command = OpenDispute | SendEvent | FireDeadlines | RegisterEvidence | RecordReport | ReviewEvidence | RegisterOrder | RegisterOrderEvidence;

/** What a command produced: the dispute after it (and the evidence or order it touched), or the expected failure. */
export type Outcome =
  | { ok: true; dispute?: Loaded; evidence?: EvidenceRow; fired?: number; order?: OrderRow; created?: boolean }
  | { ok: false; error: DomainError };

/** An answer to keep for an `Idempotency-Key` (what the caller is told, replayed on retries). */
export interface Answer {
  status: number;
  body: unknown;
}

export interface Idempotency {
  scope: string;
  key: string;
  /** sha256 of what was asked: the same key with another request is IDEMPOTENCY.KEY_REUSED. */
  requestHash: string;
}

export interface WorkflowOptions {
  /** Called after COMMIT with what the unit of work changed (wakes the poller, records timelines). */
  onCommitted?: (changes: readonly Committed[], jobsAdded: number) => void;
  /** Where policies come from; the shipped ones by default. */
  policies?: PolicyBook;
  /** How long an `Idempotency-Key`'s answer is replayed (default 24 h); after that the key counts as new. */
  idempotencyRetentionMs?: number;
}

/** A client retries within minutes or hours; a day covers an overnight batch retry (issue 9: kept forever, 6,000 answers were 150 MB). */
export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * The one command path. `execute(command)` opens one unit of work on the store, checks the
 * idempotency key, loads the dispute (locked), runs XState's pure transition, writes the
 * snapshot (version-checked), the hash-chained log entry, timers, jobs, outbox and preview,
 * stores the answer, COMMITs, and only then runs effects (`onCommitted`).
 *
 *   const wf = new DisputeWorkflow(store, systemClock);
 *   const o = await wf.execute({ type: 'open', dispute: cmd });          // { ok: true, dispute }
 *   await wf.execute({ type: 'send', disputeId: id, event: { type: 'SELLER_RESPONDED' } });
 */
export class DisputeWorkflow {
  readonly policies: PolicyBook;
  private readonly steps: DisputeSteps;
  private readonly onCommitted: NonNullable<WorkflowOptions['onCommitted']>;
  private readonly idempotencyRetentionMs: number;

  constructor(
    readonly store: Store,
    private readonly clock: Clock,
    opts: WorkflowOptions = {},
  ) {
    this.policies = opts.policies ?? shippedPolicies;
    this.steps = new DisputeSteps(this.policies);
    this.onCommitted = opts.onCommitted ?? (() => {});
    this.idempotencyRetentionMs = opts.idempotencyRetentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS;
  }

  /** Runs one command in one unit of work. Expected failures come back as `{ ok: false }`; the rest throws (nothing written). */
  execute(command: Command): Promise<Outcome>;
  /** Same, turning the outcome into an answer stored under the idempotency key (a retry gets it back). */
  execute(command: Command, opts: { idempotency?: Idempotency; present: (o: Outcome) => Answer }): Promise<Answer>;
  async execute(command: Command, opts?: { idempotency?: Idempotency; present: (o: Outcome) => Answer }): Promise<Outcome | Answer> {
    const { result, uow } = await this.store.transaction(async (tx) => {
      const uow = new UnitOfWork(tx, this.clock.now());
      const idem = opts?.idempotency;
      if (idem) {
        const prior = await tx.idempotency.find(idem.scope, idem.key, uow.now - this.idempotencyRetentionMs);
        if (prior) return { result: replay(prior, idem), uow };
      }
      const outcome = await this.run(uow, command);
      if (!opts) return { result: outcome, uow };
      const answer = opts.present(outcome);
      if (idem && answer.status < 500) await tx.idempotency.save(idem.scope, idem.key, { requestHash: idem.requestHash, ...answer }, uow.now, uow.now - this.idempotencyRetentionMs);
      return { result: answer, uow };
    });
    if (uow.committed.length || uow.jobsAdded) this.onCommitted(uow.committed, uow.jobsAdded);
    return result;
  }

  private async run(uow: UnitOfWork, c: Command): Promise<Outcome> {
    try {
      switch (c.type) {
        case 'open':
          return { ok: true, dispute: await openDispute(this.steps, uow, c) };
        case 'send':
          return { ok: true, dispute: await sendEvent(this.steps, uow, c) };
        case 'fire_deadlines': {
          const { fired, ...dispute } = await fireDeadlines(this.steps, uow, c);
          return { ok: true, dispute, fired };
        }
        case 'register_evidence': {
          const { evidence, ...dispute } = await registerEvidence(this.steps, uow, c);
          return { ok: true, dispute, evidence };
        }
        case 'review_evidence': {
          const { evidence, ...dispute } = await reviewEvidence(this.steps, uow, c);
          return { ok: true, dispute, evidence };
        }
        case 'register_order':
          return { ok: true, ...(await registerOrder(uow, c)) };
        case 'register_order_evidence':
          return { ok: true, ...(await registerOrderEvidence(uow, c)) };
        case 'record_report': {
          const { evidence, row, snapshot } = await recordReport(this.steps, uow, c);
          return { ok: true, evidence, ...(row && snapshot ? { dispute: { row, snapshot } } : {}) };
        }
      }
    } catch (error) {
      // Expected failures are thrown before the failing step writes anything, so what earlier
      // steps did (deadlines fired on the way) commits with the answer.
      if (error instanceof DomainError) return { ok: false, error };
      throw error;
    }
  }

  // Reads: committed data, outside any unit of work.

  async load(id: string): Promise<Loaded> {
    const row = await this.store.read((r) => r.disputes.get(id));
    if (!row) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`);
    return { row, snapshot: restore(row) };
  }

  /** Summary rows (no snapshots): ordered by id, or with `dueBefore` most urgent first. */
  async list(filter: ListFilter): Promise<DisputeSummaryRow[]> {
    return this.store.read((r) => r.disputes.list(filter));
  }

  /** The audit log, whole or one page of it (after a seq). */
  async log(id: string, page?: Page<number>): Promise<LogEntry[]> {
    await this.mustExist(id);
    return this.store.read((r) => r.log.entries(id, page));
  }

  /** The preview timeline, whole or one page of it. */
  async previews(id: string, page?: Page<PreviewKey>): Promise<StoredPreview[]> {
    await this.mustExist(id);
    return this.store.read((r) => r.previews.list(id, page));
  }

  /** The dispute's evidence, whole or one page of it. */
  async evidence(id: string, page?: Page<EvidenceKey>): Promise<EvidenceRow[]> {
    await this.mustExist(id);
    return this.store.read((r) => r.evidence.forDispute(id, page));
  }

  /** DISPUTE.NOT_FOUND unless the dispute exists; one indexed column, no snapshot to parse. */
  async mustExist(id: string): Promise<void> {
    if ((await this.store.read((r) => r.disputes.nextDueAt(id))) === undefined) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`);
  }
}

/** The stored first answer; IDEMPOTENCY.KEY_REUSED (thrown: nothing to commit) when the request differs. */
function replay(prior: StoredAnswer, idem: Idempotency): Answer {
  if (prior.requestHash === idem.requestHash) return { status: prior.status, body: prior.body };
  throw new DomainError('IDEMPOTENCY.KEY_REUSED', `Idempotency-Key ${idem.key} was used with another request body.`);
}
