import { join } from 'node:path';
import type { Store } from './store.port.ts';

export interface StoreOptions {
  /** `postgres://…` selects PostgreSQL; absent, the SQLite file in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
}

/**
 * The store the settings ask for: SQLite at `<dataDir>/disputes.sqlite` by default, PostgreSQL
 * when `databaseUrl` is a postgres URL. Each adapter is imported only when chosen.
 *
 *   const store = await openStore({ dataDir: 'data' });
 */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore(opts.databaseUrl);
  }
  if (opts.databaseUrl) throw new Error(`DATABASE_URL must be a postgres:// URL (got ${opts.databaseUrl.split(':')[0]}:…)`);
  const { SqliteStore } = await import('./sqlite/sqlite-store.ts');
  return new SqliteStore(join(opts.dataDir ?? 'data', 'disputes.sqlite'));
}
