import pg from 'pg';
import { PgApiKeyRepository } from './pg-api-key.repository.ts';
import { logger } from '../../logger.ts';
import type { Store, Tx, WakeTopic } from '../store.port.ts';
import { migrate, pendingMigrations } from './migrate.ts';
import { PgDisputeRepository } from './pg-dispute.repository.ts';
import { PgEvidenceRepository } from './pg-evidence.repository.ts';
import { PgOrderRepository } from './pg-order.repository.ts';
import { PgIdempotencyRepository } from './pg-idempotency.repository.ts';
import { PgJobRepository } from './pg-job.repository.ts';
import { PgListener } from './pg-listener.ts';
import { PgLogRepository } from './pg-log.repository.ts';
import { PgOutboxRepository } from './pg-outbox.repository.ts';
import { PgPreviewRepository } from './pg-preview.repository.ts';
import { int8AsNumber, type Queryable } from './pg-queryable.ts';
import { PgInboundSeenRepository, PgTicketLinkRepository } from './pg-ticket-link.repository.ts';
import { PgTimerRepository } from './pg-timer.repository.ts';
import { PgWebhookRepository } from './pg-webhook.repository.ts';

export interface PostgresStoreOptions {
  /** Pooled connections (pg's default, 10); a LISTEN connection comes on top once `onNotify` is used. */
  poolSize?: number;
}

/**
 * Conflicts that running the unit of work again resolves: a unique violation (a concurrent twin
 * inserted first; the rerun finds its row), a serialization failure, a deadlock.
 */
const CONFLICTS = new Set(['23505', '40001', '40P01']);
const MAX_RETRIES = 5;
/** Random pause before a rerun, so racing twins do not collide again in lockstep. */
const MAX_BACKOFF_MS = 5;

const isConflict = (err: unknown): boolean => err instanceof pg.DatabaseError && CONFLICTS.has(err.code ?? '');
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function repositories(db: Queryable): Tx {
  return {
    disputes: new PgDisputeRepository(db),
    log: new PgLogRepository(db),
    previews: new PgPreviewRepository(db),
    timers: new PgTimerRepository(db),
    jobs: new PgJobRepository(db),
    outbox: new PgOutboxRepository(db),
    idempotency: new PgIdempotencyRepository(db),
    keys: new PgApiKeyRepository(db),
    evidence: new PgEvidenceRepository(db),
    webhooks: new PgWebhookRepository(db),
    orders: new PgOrderRepository(db),
    ticketLinks: new PgTicketLinkRepository(db),
    inboundSeen: new PgInboundSeenRepository(db),
  };
}

/**
 * Opens the PostgreSQL store: a pool whose int8 columns come back as numbers, migrated before
 * it is handed out (safe when several processes start at once on one database).
 *
 *   const store = await openPostgresStore('postgres://app@db/disputes', { poolSize: 20 });
 *   await store.transaction(async (tx) => tx.disputes.get(id, { lock: true }));
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: int8AsNumber });
  // An idle connection dropped by the server: the pool discards it and connects anew when needed.
  pool.on('error', (err) => logger.warn({ err }, 'idle postgres connection lost'));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresStore(pool, url);
}

/**
 * The PostgreSQL store (node-postgres). A unit of work is one transaction on one pooled
 * connection at READ COMMITTED; rows a command changes are guarded by `get(id, { lock: true })`
 * (FOR UPDATE) and the optimistic `version`, queues by FOR UPDATE SKIP LOCKED. Other processes
 * are told of new work by NOTIFY on `dispute_<topic>`.
 */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly readTx: Tx;
  private readonly listener: PgListener;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.readTx = repositories(pool);
    this.listener = new PgListener(url);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.once(fn);
      } catch (err) {
        if (retry >= MAX_RETRIES || !isConflict(err)) throw err;
        await pause(1 + Math.random() * MAX_BACKOFF_MS);
      }
    }
  }

  async read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return fn(this.readTx);
  }

  async notify(topic: WakeTopic): Promise<void> {
    await this.pool.query("SELECT pg_notify('dispute_' || $1, '')", [topic]);
  }

  onNotify(topic: WakeTopic, listener: () => void): void {
    this.listener.on(`dispute_${topic}`, listener);
  }

  pendingMigrations(): Promise<number> {
    return pendingMigrations(this.pool);
  }

  /** Ends the LISTEN connection and the pool (after the units of work in progress); idempotent. */
  close(): Promise<void> {
    this.closing ??= this.listener.close().then(() => this.pool.end());
    return this.closing;
  }

  /** One run of `fn` in BEGIN … COMMIT on one connection; ROLLBACK and rethrow when it throws. */
  private async once<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client's connection error has no listener in pg-pool and would crash the
    // process; the failed query rejects anyway, and ROLLBACK's failure below destroys the client.
    const ignore = () => undefined;
    client.on('error', ignore);
    let over = false;
    // Statements `fn` issues after its unit ended (a forgotten promise) must not land in the
    // next unit of work that gets this pooled connection.
    const scoped: Queryable = {
      query: (text, values) => (over ? Promise.reject(new Error('query after the unit of work ended')) : client.query(text, values)),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(repositories(scoped));
      await client.query('COMMIT');
      over = true;
      client.off('error', ignore);
      client.release();
      return result;
    } catch (err) {
      over = true;
      await client.query('ROLLBACK').then(
        () => (client.off('error', ignore), client.release()),
        (rollbackErr: unknown) => client.release(rollbackErr instanceof Error ? rollbackErr : true),
      );
      throw err;
    }
  }
}
