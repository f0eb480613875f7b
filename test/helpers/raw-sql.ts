import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';

/** SQL for each dialect, where they differ. */
export type DialectSql = { sqlite: string; postgres: string };

/**
 * A second, raw connection to a test service's database — what an operator (or an attacker)
 * with database access could do behind the service's back: install a failing trigger,
 * tamper with a row.
 */
export async function rawSql(target: { dataDir: string; databaseUrl?: string }) {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    return {
      exec: async (sql: DialectSql) => void (await client.query(sql.postgres)),
      one: async <T>(sql: DialectSql) => (await client.query(sql.postgres)).rows[0] as T | undefined,
      close: () => client.end(),
    };
  }
  const db = new Database(join(target.dataDir, 'disputes.sqlite'));
  db.pragma('busy_timeout = 5000');
  return {
    exec: async (sql: DialectSql) => void db.exec(sql.sqlite),
    one: async <T>(sql: DialectSql) => db.prepare(sql.sqlite).get() as T | undefined,
    close: async () => void db.close(),
  };
}
