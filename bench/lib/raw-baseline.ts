/**
 * The raw baselines for `send TRACKING_UPDATED`: the very statements the command path issues
 * for that command (same SQL text, same row sizes, same transaction shape), with values
 * computed once up front — no XState, no verdict preview, no hashing, no JSON on the way.
 * What the path costs beyond this is what the workflow adds on top of the database.
 *
 * Per command, on both stores:
 *   SELECT * FROM disputes WHERE id = ?            (PostgreSQL: … FOR UPDATE)
 *   UPDATE disputes SET … WHERE id = ? AND version = ?
 *   SELECT hash FROM dispute_events … ORDER BY seq DESC LIMIT 1
 *   INSERT INTO dispute_events …
 *   INSERT INTO dispute_previews …                 (the path writes one: the verdict changed)
 *   INSERT INTO outbox …
 * SQLite: inside SAVEPOINT uow … RELEASE uow, the commands of one event-loop turn sharing one
 * BEGIN IMMEDIATE … COMMIT (the store's group commit). PostgreSQL: BEGIN … COMMIT on a pooled
 * connection (10, as the store's pool). Timer rows are not touched: the path does not touch
 * them for this event (its deadlines do not change).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { int8AsNumber } from '../../src/store/postgres/pg-queryable.ts';
import type { Store } from '../../src/store/store.port.ts';
import { trackingEvent } from './disputes.ts';

/** What one dispute's raw command writes, computed once: JSON texts the size of the path's. */
interface Prepared {
  snapshot: string;
  preview: string;
  previewDigest: string;
  outbox: string;
}

const HASH = 'c0ffee'.padEnd(64, '5');

async function prepare(store: Store, ids: readonly string[]): Promise<Map<string, Prepared>> {
  const m = new Map<string, Prepared>();
  for (const id of ids) {
    const { row, previews } = await store.read(async (r) => ({ row: (await r.disputes.get(id))!, previews: await r.previews.list(id) }));
    m.set(id, {
      snapshot: JSON.stringify(row.snapshot),
      preview: JSON.stringify(previews.at(-1)!.preview),
      previewDigest: row.previewDigest ?? HASH,
      outbox: JSON.stringify({ disputeId: id, externalId: row.externalId, sellerId: row.sellerId, version: row.version, event: 'TRACKING_UPDATED', status: row.status, previousStatus: row.status, outcome: null, previewChanged: true }),
    });
  }
  return m;
}

/** The event payloads (both tracking variants) as the log stores them. */
const payloads = (disputes: number) => [0, disputes].map((n) => {
  const { type: _type, ...payload } = trackingEvent(n, disputes);
  return JSON.stringify(payload);
});

/** The raw SQLite baseline on its own connection to the store's file (the store's pragmas). */
export async function rawSqlite(store: Store, file: string, ids: readonly string[]) {
  const values = await prepare(store, ids);
  const events = payloads(ids.length);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // As the store's writer: checkpoints are the store's background thread's (it keeps running on this file).
  db.pragma('wal_autocheckpoint = 0');
  // The repositories' SQL, verbatim.
  const q = {
    get: db.prepare('SELECT * FROM disputes WHERE id = ?'),
    update: db.prepare(`UPDATE disputes SET status = @status, next_due_at = @nextDueAt, snapshot = @snapshot, version = @version,
        machine_version = @machineVersion, preview_digest = @previewDigest, updated_at = @updatedAt
        WHERE id = @id AND version = @expectedVersion`),
    lastHash: db.prepare('SELECT hash FROM dispute_events WHERE dispute_id = ? ORDER BY seq DESC LIMIT 1').pluck(),
    append: db.prepare(`INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
        VALUES (@disputeId, @seq, @type, @payload, @actor, @at, @prevHash, @hash)`),
    preview: db.prepare('INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at) VALUES (?, ?, ?, ?, ?)'),
    outbox: db.prepare('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
  };
  const command = (i: number) => {
    const id = ids[i % ids.length]!;
    const v = values.get(id)!;
    const now = Date.now();
    const row = q.get.get(id) as Record<string, unknown> & { version: number };
    const version = row.version + 1;
    const r = q.update.run({
      id,
      externalId: row.external_id,
      sellerId: row.seller_id,
      status: row.status,
      policyVersion: row.policy_version,
      machineVersion: row.machine_version,
      openedAt: row.opened_at,
      nextDueAt: row.next_due_at,
      snapshot: v.snapshot,
      version,
      previewDigest: v.previewDigest,
      createdAt: row.created_at,
      updatedAt: now,
      expectedVersion: row.version,
    });
    if (r.changes !== 1) throw new Error('raw update matched no row');
    const prevHash = (q.lastHash.get(id) as string | undefined) ?? '0'.repeat(64);
    q.append.run({ disputeId: id, seq: version, type: 'TRACKING_UPDATED', payload: events[Math.floor(i / ids.length) % 2]!, actor: 'api', at: now, prevHash, hash: HASH });
    q.preview.run(id, version, 'change', v.preview, now);
    q.outbox.run(id, version, 'dispute.updated', v.outbox, now);
  };
  const group = new RawGroupCommit(db);
  return {
    send: (i: number): Promise<void> => group.submit(() => command(i)),
    close: () => db.close(),
  };
}

/**
 * The store's group commit, without the store: what is submitted in one event-loop turn runs
 * in one BEGIN IMMEDIATE … COMMIT, each unit in its own savepoint, answered after COMMIT.
 */
class RawGroupCommit {
  private queue: Array<{ work: () => void; resolve: () => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private control: Record<"begin" | "savepoint" | "release" | "rollbackTo" | "commit", Database.Statement> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 128,
  ) {}

  submit(work: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    const failed = new Map<number, unknown>();
    // Prepared transaction control, as the store's.
    const c = (this.control ??= {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      savepoint: this.db.prepare('SAVEPOINT uow'),
      release: this.db.prepare('RELEASE uow'),
      rollbackTo: this.db.prepare('ROLLBACK TO uow'),
      commit: this.db.prepare('COMMIT'),
    });
    c.begin.run();
    batch.forEach((item, i) => {
      c.savepoint.run();
      try {
        item.work();
        c.release.run();
      } catch (e) {
        c.rollbackTo.run();
        c.release.run();
        failed.set(i, e);
      }
    });
    c.commit.run();
    batch.forEach((item, i) => (failed.has(i) ? item.reject(failed.get(i)) : item.resolve()));
    if (this.queue.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}

/** The raw PostgreSQL baseline on its own pool (10 connections, int8 as numbers, as the store's). */
export async function rawPostgres(store: Store, url: string, ids: readonly string[]) {
  const values = await prepare(store, ids);
  const events = payloads(ids.length);
  const pool = new pg.Pool({ connectionString: url, max: 10, types: int8AsNumber });
  pool.on('error', () => undefined); // an idle connection dropped at shutdown: nothing to do
  const send = async (i: number): Promise<void> => {
    const id = ids[i % ids.length]!;
    const v = values.get(id)!;
    const now = Date.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ status: string; next_due_at: number | null; version: number; machine_version: string }>(
        'SELECT * FROM disputes WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = rows[0]!;
      const version = row.version + 1;
      const { rowCount } = await client.query(
        `UPDATE disputes SET status = $2, next_due_at = $3, snapshot = $4, version = $5, machine_version = $6, preview_digest = $7, updated_at = $8
       WHERE id = $1 AND version = $9`,
        [id, row.status, row.next_due_at, v.snapshot, version, row.machine_version, v.previewDigest, now, row.version],
      );
      if (rowCount !== 1) throw new Error('raw update matched no row');
      const last = await client.query<{ hash: string }>('SELECT hash FROM dispute_events WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1', [id]);
      const prevHash = last.rows[0]?.hash ?? '0'.repeat(64);
      await client.query(`INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        id,
        version,
        'TRACKING_UPDATED',
        events[Math.floor(i / ids.length) % 2],
        'api',
        now,
        prevHash,
        HASH,
      ]);
      await client.query('INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at) VALUES ($1, $2, $3, $4, $5)', [id, version, 'change', v.preview, now]);
      await client.query('INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES ($1, $2, $3, $4, $5)', [id, version, 'dispute.updated', v.outbox, now]);
      await client.query('COMMIT');
      client.release();
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw err;
    }
  };
  return { send, close: () => pool.end() };
}
