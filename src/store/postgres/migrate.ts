import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Advisory-lock key for migrating (any constant all our processes agree on; advisory locks are
 * per database). Held until COMMIT, so processes that start together apply each file once:
 * the second waits, then finds every version applied.
 */
const MIGRATION_LOCK = 0x64_69_73_70; // 'disp'

const migrationFiles = () => readdirSync(dir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();

/** How many shipped migrations the database lacks. */
export async function pendingMigrations(db: Pick<pg.Pool, 'query'>): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM migrations');
  const applied = new Set(rows.map((r) => r.version));
  return migrationFiles().filter((f) => !applied.has(Number.parseInt(f, 10))).length;
}

/**
 * Applies the numbered SQL files in migrations/ that this database has not seen, all in one
 * transaction under an advisory lock (PostgreSQL DDL is transactional: all or nothing).
 *
 *   await migrate(pool);
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  // A checked-out client has no 'error' listener in pg-pool; a dropped connection fails the query instead.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Only under the lock: two concurrent CREATE TABLE IF NOT EXISTS can collide in pg_type (23505).
    await client.query('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const name of migrationFiles()) {
      const version = Number.parseInt(name, 10);
      if (applied.has(version)) continue;
      await client.query(readFileSync(dir + name, 'utf8'));
      await client.query('INSERT INTO migrations (version, name, applied_at) VALUES ($1, $2, $3)', [version, name, Date.now()]);
    }
    await client.query('COMMIT');
    client.off('error', ignore);
    client.release();
  } catch (err) {
    await client.query('ROLLBACK').then(
      () => (client.off('error', ignore), client.release()),
      (rollbackErr: Error) => client.release(rollbackErr),
    );
    throw err;
  }
}
