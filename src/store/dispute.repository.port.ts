/**
 * The store behind the one command path. SQLite implements it today; a PostgreSQL adapter
 * (SKIP LOCKED timers, same SQL shape) can implement it later without touching the workflow.
 *
 * Glossary: a *row* is a dispute's latest snapshot and version; an *entry* is one accepted
 * event in the append-only, hash-chained log; a *timer* is one deadline in force; an *outbox*
 * message is a webhook to deliver after commit.
 */
export interface DisputeRow {
  id: string;
  externalId: string | null;
  sellerId: string;
  status: string;
  policyVersion: string;
  openedAt: number;
  nextDueAt: number | null;
  snapshot: unknown;
  version: number;
  /** sha256 of the latest stored preview (less its time), to store only previews that changed. */
  previewDigest: string | null;
  createdAt: number;
  updatedAt: number;
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

export interface DueTimer {
  disputeId: string;
  deadline: string;
  dueAt: number;
}

export interface ListFilter {
  status?: string;
  dueBefore?: number;
  sellerId?: string;
  after?: string;
  limit: number;
}

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

export type PreviewKind = 'change' | 'pre_arbitration';

export interface StoredPreview {
  seq: number;
  kind: PreviewKind;
  preview: unknown;
  at: number;
}

export interface DisputeRepository {
  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  get(id: string): DisputeRow | undefined;
  /** The dispute's earliest deadline in force: null when none, undefined when no such dispute. */
  nextDueAt(id: string): number | null | undefined;
  findByExternalId(sellerId: string, externalId: string): DisputeRow | undefined;
  insert(row: DisputeRow): void;
  /** Writes the row only if its stored version is still `expectedVersion`; false otherwise. */
  update(row: DisputeRow, expectedVersion: number): boolean;
  list(filter: ListFilter): DisputeRow[];
  append(entry: Omit<LogEntry, 'prevHash' | 'hash'>): LogEntry;
  log(disputeId: string): LogEntry[];
  savePreview(disputeId: string, p: StoredPreview): void;
  previews(disputeId: string): StoredPreview[];
  replaceTimers(disputeId: string, deadlines: Record<string, number>): void;
  /** Claims up to `limit` due timers whose lease is free, leasing them until `now + leaseMs`. */
  claimDueTimers(now: number, leaseMs: number, limit: number): DueTimer[];
  nextTimerDue(): number | undefined;
  enqueue(message: { disputeId: string; seq: number; type: string; payload: unknown; createdAt: number }): void;
  answerFor(scope: string, key: string): StoredAnswer | undefined;
  saveAnswer(scope: string, key: string, answer: StoredAnswer, at: number): void;
  close(): void;
}
