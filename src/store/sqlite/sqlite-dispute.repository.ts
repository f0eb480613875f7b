import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DisputeRepository, DisputeRow, DueTimer, ListFilter, LogEntry, StoredAnswer, StoredPreview } from '../dispute.repository.port.ts';
import { migrate } from './migrate.ts';

const GENESIS = '0'.repeat(64);

/** sha256 over the previous hash and the entry's content: altering any entry breaks every later hash. */
export function chainHash(prevHash: string, e: Omit<LogEntry, 'prevHash' | 'hash'>): string {
  return createHash('sha256')
    .update(`${prevHash}\n${e.disputeId}\n${e.seq}\n${e.type}\n${e.actor}\n${e.at}\n${JSON.stringify(e.payload)}`)
    .digest('hex');
}

type Raw = Record<string, unknown>;
const toRow = (r: Raw): DisputeRow => ({
  id: r.id as string,
  externalId: (r.external_id as string | null) ?? null,
  sellerId: r.seller_id as string,
  status: r.status as string,
  policyVersion: r.policy_version as string,
  openedAt: r.opened_at as number,
  nextDueAt: (r.next_due_at as number | null) ?? null,
  snapshot: JSON.parse(r.snapshot as string),
  version: r.version as number,
  previewDigest: (r.preview_digest as string | null) ?? null,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});
const toEntry = (r: Raw): LogEntry => ({
  disputeId: r.dispute_id as string,
  seq: r.seq as number,
  type: r.type as string,
  payload: JSON.parse(r.payload as string),
  actor: r.actor as string,
  at: r.at as number,
  prevHash: r.prev_hash as string,
  hash: r.hash as string,
});

/**
 * SQLite store (better-sqlite3, WAL). Synchronous by design: one process owns the file, and a
 * command's read-transition-write runs without yielding the event loop, so a command is atomic
 * with respect to every other request in the process.
 */
export class SqliteDisputeRepository implements DisputeRepository {
  readonly db: Database.Database;
  private readonly q;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives process crashes (SIGKILL); only an OS crash may lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    const db = this.db;
    this.q = {
      get: db.prepare('SELECT * FROM disputes WHERE id = ?'),
      nextDueAt: db.prepare('SELECT next_due_at FROM disputes WHERE id = ?').pluck(),
      byExternal: db.prepare('SELECT * FROM disputes WHERE seller_id = ? AND external_id = ?'),
      insert: db.prepare(`INSERT INTO disputes (id, external_id, seller_id, status, policy_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at)
        VALUES (@id, @externalId, @sellerId, @status, @policyVersion, @openedAt, @nextDueAt, @snapshot, @version, @previewDigest, @createdAt, @updatedAt)`),
      update: db.prepare(`UPDATE disputes SET status = @status, next_due_at = @nextDueAt, snapshot = @snapshot, version = @version,
        preview_digest = @previewDigest, updated_at = @updatedAt
        WHERE id = @id AND version = @expectedVersion`),
      lastHash: db.prepare('SELECT hash FROM dispute_events WHERE dispute_id = ? ORDER BY seq DESC LIMIT 1').pluck(),
      append: db.prepare(`INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
        VALUES (@disputeId, @seq, @type, @payload, @actor, @at, @prevHash, @hash)`),
      log: db.prepare('SELECT * FROM dispute_events WHERE dispute_id = ? ORDER BY seq'),
      savePreview: db.prepare('INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at) VALUES (?, ?, ?, ?, ?)'),
      previews: db.prepare('SELECT seq, kind, preview, at FROM dispute_previews WHERE dispute_id = ? ORDER BY seq, kind'),
      deleteTimers: db.prepare('DELETE FROM timers WHERE dispute_id = ?'),
      insertTimer: db.prepare('INSERT INTO timers (dispute_id, deadline, due_at) VALUES (?, ?, ?)'),
      claim: db.prepare(`UPDATE timers SET lease_until = @leaseUntil
        WHERE (dispute_id, deadline) IN (
          SELECT dispute_id, deadline FROM timers
          WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
          ORDER BY due_at LIMIT @limit)
        RETURNING dispute_id, deadline, due_at`),
      nextDue: db.prepare('SELECT MIN(MAX(due_at, COALESCE(lease_until, 0))) FROM timers').pluck(),
      enqueue: db.prepare('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      answer: db.prepare('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ?'),
      saveAnswer: db.prepare('INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  get(id: string): DisputeRow | undefined {
    const r = this.q.get.get(id) as Raw | undefined;
    return r && toRow(r);
  }

  nextDueAt(id: string): number | null | undefined {
    return this.q.nextDueAt.get(id) as number | null | undefined;
  }

  findByExternalId(sellerId: string, externalId: string): DisputeRow | undefined {
    const r = this.q.byExternal.get(sellerId, externalId) as Raw | undefined;
    return r && toRow(r);
  }

  insert(row: DisputeRow): void {
    this.q.insert.run({ ...row, snapshot: JSON.stringify(row.snapshot) });
  }

  update(row: DisputeRow, expectedVersion: number): boolean {
    return this.q.update.run({ ...row, snapshot: JSON.stringify(row.snapshot), expectedVersion }).changes === 1;
  }

  list(f: ListFilter): DisputeRow[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: f.limit };
    if (f.status) (where.push('status = @status'), (args.status = f.status));
    if (f.sellerId) (where.push('seller_id = @sellerId'), (args.sellerId = f.sellerId));
    if (f.dueBefore !== undefined) (where.push('next_due_at <= @dueBefore'), (args.dueBefore = f.dueBefore));
    if (f.after) (where.push('id > @after'), (args.after = f.after));
    const sql = `SELECT * FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as Raw[]).map(toRow);
  }

  append(e: Omit<LogEntry, 'prevHash' | 'hash'>): LogEntry {
    const prevHash = (this.q.lastHash.get(e.disputeId) as string | undefined) ?? GENESIS;
    const entry: LogEntry = { ...e, prevHash, hash: chainHash(prevHash, e) };
    this.q.append.run({ ...entry, payload: JSON.stringify(entry.payload) });
    return entry;
  }

  log(disputeId: string): LogEntry[] {
    return (this.q.log.all(disputeId) as Raw[]).map(toEntry);
  }

  savePreview(disputeId: string, p: StoredPreview): void {
    this.q.savePreview.run(disputeId, p.seq, p.kind, JSON.stringify(p.preview), p.at);
  }

  previews(disputeId: string): StoredPreview[] {
    return (this.q.previews.all(disputeId) as Raw[]).map((r) => ({
      seq: r.seq as number,
      kind: r.kind as StoredPreview['kind'],
      preview: JSON.parse(r.preview as string),
      at: r.at as number,
    }));
  }

  replaceTimers(disputeId: string, deadlines: Record<string, number>): void {
    this.q.deleteTimers.run(disputeId);
    for (const [name, due] of Object.entries(deadlines)) this.q.insertTimer.run(disputeId, name, due);
  }

  claimDueTimers(now: number, leaseMs: number, limit: number): DueTimer[] {
    return (this.q.claim.all({ now, leaseUntil: now + leaseMs, limit }) as Raw[]).map((r) => ({
      disputeId: r.dispute_id as string,
      deadline: r.deadline as string,
      dueAt: r.due_at as number,
    }));
  }

  nextTimerDue(): number | undefined {
    return (this.q.nextDue.get() as number | null) ?? undefined;
  }

  enqueue(m: { disputeId: string; seq: number; type: string; payload: unknown; createdAt: number }): void {
    this.q.enqueue.run(m.disputeId, m.seq, m.type, JSON.stringify(m.payload), m.createdAt);
  }

  answerFor(scope: string, key: string): StoredAnswer | undefined {
    const r = this.q.answer.get(scope, key) as Raw | undefined;
    return r && { requestHash: r.request_hash as string, status: r.status as number, body: JSON.parse(r.body as string) };
  }

  saveAnswer(scope: string, key: string, a: StoredAnswer, at: number): void {
    this.q.saveAnswer.run(scope, key, a.requestHash, a.status, JSON.stringify(a.body), at);
  }

  close(): void {
    this.db.close();
  }
}
