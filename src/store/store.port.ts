/**
 * The store port: one asynchronous unit of work and the repositories scoped to it.
 * SQLite (`sqlite/`, the default) and PostgreSQL (`postgres/`, `DATABASE_URL=postgres://…`)
 * implement it; the workflow is the only code that opens a unit of work.
 *
 * Glossary
 * - row: a dispute's latest snapshot and its `version` (optimistic concurrency).
 * - entry: one accepted event in the append-only, hash-chained log; `seq` = the version it produced.
 * - timer: one deadline in force, mirrored from the snapshot; claimed with a lease when due.
 * - job: durable work (an evidence check…) claimed with a lease by any process; `attempt`
 *   grows on every claim and fences a stale holder off (its `complete` finds no row).
 * - outbox message: a change the outside world hears of, written in the unit of work and routed
 *   after COMMIT to one webhook delivery per subscribed endpoint (src/webhooks/).
 * - answer: the first answer to an `Idempotency-Key`, replayed on retries.
 * - key: an API key (role, seller scope, hash of its secret), see `src/auth/api-keys.ts`.
 *
 *   const n = await store.transaction(async (tx) => {
 *     const row = await tx.disputes.get(id, { lock: true });
 *     …
 *   });
 */
import type { ApiKeyRepository } from './api-key.repository.port.ts';
import type { EvidenceRepository } from './evidence.repository.port.ts';
import type { WebhookRepository } from './webhook.repository.port.ts';
import type { OrderRepository } from './order.repository.port.ts';
import type { InboundSeenRepository, TicketLinkRepository } from './ticket-link.repository.port.ts';

export interface DisputeRow {
  id: string;
  externalId: string | null;
  sellerId: string;
  status: string;
  policyVersion: string;
  /** The machine version that wrote `snapshot` (`disputeMachine.version`). */
  machineVersion: string;
  openedAt: number;
  nextDueAt: number | null;
  snapshot: unknown;
  version: number;
  /** sha256 of the latest stored preview (less its time), to store only previews that changed. */
  previewDigest: string | null;
  /** What the agent queue shows and filters on, copied from the snapshot and its preview when they are written. */
  triage: Triage;
  createdAt: number;
  updatedAt: number;
}

/** Evidence the latest preview still asks for: one per kind, with the instant it is due by (epoch ms). */
export interface TriageMissing {
  kind: string;
  dueBy: number;
}

/**
 * The queue's columns (migration 012), written in the same unit of work as the snapshot, so a
 * list reads them without parsing 50 snapshots. Null where a row predates them and could not
 * be backfilled (never for rows this code writes).
 */
export interface Triage {
  reason: string | null;
  /** The order's amount in its currency's minor units (see `toMinor`), and the currency. */
  amountMinor: number | null;
  currency: string | null;
  /** The latest preview's side: buyer | seller | split | undecided. */
  favours: string | null;
  /** At most one entry per evidence kind (5 kinds), so the column stays small. */
  missing: TriageMissing[] | null;
  /** Evidence items waiting for a person's review; 0 once the dispute is resolved (no review can land then). */
  needsReview: number;
  /** Which deadline `nextDueAt` is (first_response, solution, …); null with it. */
  nextDeadline: string | null;
}

export interface LogEntry {
  disputeId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: string;
  at: number;
  prevHash: string;
  hash: string;
}
export type NewLogEntry = Omit<LogEntry, 'prevHash' | 'hash'>;

/** A dispute as lists show it: the row without its snapshot (parsing 50 snapshots was ~2/3 of a list's time). */
export type DisputeSummaryRow = Omit<DisputeRow, 'snapshot'>;

/** Where a page ends: the last row's id, and in urgency order its next_due_at too (null: the page ended among disputes with no deadline). */
export interface ListCursor {
  id: string;
  dueAt?: number | null;
}

/** `id`: by id. `urgency`: most urgent first, next_due_at ascending with disputes that have no deadline last, ties by id. */
export type ListOrder = 'id' | 'urgency';

/**
 * A list query, keyset-paged from `after`. With `dueBefore` it is the due queue and always in
 * urgency order (no dispute without a deadline is due); otherwise in `order` (default `id`).
 * `status` takes one status or several (any of them).
 */
export interface ListFilter {
  status?: string | readonly string[];
  dueBefore?: number;
  sellerId?: string;
  /** true: only disputes with evidence waiting for review; false: only those with none. */
  needsReview?: boolean;
  favours?: string;
  order?: ListOrder;
  after?: ListCursor;
  limit: number;
}

export interface DisputeRepository {
  /** `lock: true` holds the row until COMMIT (PostgreSQL `FOR UPDATE`; SQLite's writer lock holds it already). */
  get(id: string, opts?: { lock?: boolean }): Promise<DisputeRow | undefined>;
  /** The dispute's earliest deadline in force: null when none, undefined when no such dispute. */
  nextDueAt(id: string): Promise<number | null | undefined>;
  /** The seller a dispute belongs to (for seller-scoped keys); undefined when no such dispute. */
  sellerOf(id: string): Promise<string | undefined>;
  findByExternalId(sellerId: string, externalId: string): Promise<DisputeRow | undefined>;
  insert(row: DisputeRow): Promise<void>;
  /** Writes the row only if its stored version is still `expectedVersion`; false otherwise. */
  update(row: DisputeRow, expectedVersion: number): Promise<boolean>;
  /** Every filter shape is an index range scan without a sort, flat with the table's size (see `dispute-list-plan.ts`). */
  list(filter: ListFilter): Promise<DisputeSummaryRow[]>;
}

/**
 * A keyset page of a per-dispute list: rows strictly after `after` in the list's order, at
 * most `limit` of them. Without a page (or with neither field) the whole list.
 */
export interface Page<C> {
  after?: C;
  limit?: number;
}

export interface EventLogRepository {
  /** Appends, chaining the hash to the dispute's previous entry (see `audit-chain.ts`). */
  append(entry: NewLogEntry): Promise<LogEntry>;
  /** In `seq` order; a page continues after a seq. */
  entries(disputeId: string, page?: Page<number>): Promise<LogEntry[]>;
}

export type PreviewKind = 'change' | 'pre_arbitration';

export interface StoredPreview {
  seq: number;
  kind: PreviewKind;
  preview: unknown;
  at: number;
}

/** Where a page of previews ends. */
export type PreviewKey = Pick<StoredPreview, 'seq' | 'kind'>;

export interface PreviewRepository {
  save(disputeId: string, p: StoredPreview): Promise<void>;
  /** In (seq, kind) order; a page continues after a (seq, kind). */
  list(disputeId: string, page?: Page<PreviewKey>): Promise<StoredPreview[]>;
}

export interface DueTimer {
  disputeId: string;
  deadline: string;
  dueAt: number;
}

export interface TimerRepository {
  /** Replaces a dispute's timer rows with `deadlines` (name → due instant). */
  replace(disputeId: string, deadlines: Record<string, number>): Promise<void>;
  /** Claims up to `limit` due timers whose lease is free, leasing them until `now + leaseMs` (SKIP LOCKED on PostgreSQL). */
  claimDue(now: number, leaseMs: number, limit: number): Promise<DueTimer[]>;
  /**
   * When the earliest timer can next be claimed (its due time, or its lease's end), by the
   * due_at index. A later, unleased timer behind a leased earliest one can be claimable
   * sooner; the poller caps its sleep (1 s) rather than scan for it.
   */
  nextClaimable(): Promise<number | undefined>;
}

/** How long a job is expected to take: `light` jobs are claimed before `heavy` ones of the same turn. */
export type JobLane = 'light' | 'heavy';

export interface NewJob {
  /** e.g. `evidence.check` */
  kind: string;
  payload: unknown;
  runAt: number;
  /** Whose job it is (a seller): jobs of one kind are claimed round-robin across keys. */
  fairKey?: string | null;
  /** Default `light`. */
  lane?: JobLane;
}

/** Jobs of one kind not done yet: waiting (due, unclaimed) per lane, and running (leased). */
export interface QueueDepth {
  waiting: Record<JobLane, number>;
  running: number;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** The fencing token: 1 on the first claim, +1 on every later one. */
  attempt: number;
  leaseUntil: number;
}

export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  runAt: number;
  attempt: number;
  leaseUntil: number | null;
  lastError: string | null;
  doneAt: number | null;
}

export interface JobRepository {
  /**
   * Adds a job on its key's next turn in its lane: one past the key's last waiting job, and
   * never before the queue's current turn (a newcomer is next, not behind every queued job).
   */
  add(job: NewJob, now: number): Promise<number>;
  /** Adds the job unless one of its kind is not done yet (a self-rescheduling chore runs as one chain); true when added. */
  ensure(job: NewJob, now: number): Promise<boolean>;
  /**
   * Claims up to `limit` runnable jobs of `kinds` (due, not done, lease free), leasing them
   * until `now + leaseMs`, in fair order: by turn (round-robin across keys), light before
   * heavy, then oldest first.
   */
  claim(kinds: readonly string[], now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]>;
  /** Extends the lease while the holder works; false when the holder was fenced off. */
  extend(id: number, attempt: number, leaseUntil: number): Promise<boolean>;
  /** Marks done; false when `attempt` is no longer the current claim (a stale holder). */
  complete(id: number, attempt: number, now: number): Promise<boolean>;
  /** Gives the job back to run again at `runAt`, noting why; false when fenced off. */
  release(id: number, attempt: number, runAt: number, error: string): Promise<boolean>;
  get(id: number): Promise<JobRow | undefined>;
  depth(kind: string, now: number): Promise<QueueDepth>;
}

export interface OutboxMessage {
  disputeId: string;
  seq: number;
  type: string;
  payload: unknown;
  createdAt: number;
}

/** An outbox message as stored, with its id (the order it was written in). */
export interface StoredOutboxMessage extends OutboxMessage {
  id: number;
}

export interface OutboxRepository {
  enqueue(message: OutboxMessage): Promise<void>;
  /** Up to `limit` messages not yet routed to webhook deliveries, oldest first; locked until COMMIT (SKIP LOCKED on PostgreSQL: racing routers take disjoint rows). */
  unrouted(limit: number): Promise<StoredOutboxMessage[]>;
  /** Marks messages routed (`delivered_at`): their deliveries exist. */
  markRouted(ids: readonly number[], at: number): Promise<void>;
  /** Deletes messages routed before `before`; how many. */
  prune(before: number): Promise<number>;
}

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

export interface IdempotencyRepository {
  /** The answer kept for this key, unless it was saved before `notBefore` (expired: the key counts as new). */
  find(scope: string, key: string, notBefore?: number): Promise<StoredAnswer | undefined>;
  /**
   * Keeps the answer; an expired answer under the same key (saved before `expiredBefore`) is
   * replaced, since `find` no longer sees it.
   */
  save(scope: string, key: string, answer: StoredAnswer, at: number, expiredBefore?: number): Promise<void>;
  /** Deletes answers saved before `before` (the retention sweep); returns how many. */
  prune(before: number, limit: number): Promise<number>;
}

/** Every repository, scoped to one transaction (or, from `read`, to committed data). */
export interface Tx {
  disputes: DisputeRepository;
  log: EventLogRepository;
  previews: PreviewRepository;
  timers: TimerRepository;
  jobs: JobRepository;
  outbox: OutboxRepository;
  idempotency: IdempotencyRepository;
  evidence: EvidenceRepository;
  keys: ApiKeyRepository;
  webhooks: WebhookRepository;
  orders: OrderRepository;
  ticketLinks: TicketLinkRepository;
  inboundSeen: InboundSeenRepository;
}

/** What other processes on the same store are told after a COMMIT. */
export type WakeTopic = 'timers' | 'jobs';

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * One unit of work: COMMIT when `fn` resolves, ROLLBACK when it throws. `fn` must not do
   * I/O other than through `tx` (on SQLite, commands of one event-loop turn share a COMMIT),
   * and must not catch a store error and carry on (PostgreSQL aborts the transaction on the
   * first failed statement). Conflicts the database reports (unique violations, serialization
   * failures, deadlocks) are retried by running `fn` again, up to 5 times; on SQLite, whose
   * writer lock serialises units of work, they cannot happen.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Reads committed data, outside any unit of work. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Tells the other processes on this store (PostgreSQL NOTIFY); a no-op on SQLite. */
  notify(topic: WakeTopic): Promise<void>;
  /** Calls `listener` when another process notified `topic`. */
  onNotify(topic: WakeTopic, listener: () => void): void;
  /** Numbered migrations this code ships that the database has not applied (0 when current; readiness checks it). */
  pendingMigrations(): Promise<number>;
  close(): Promise<void>;
}
