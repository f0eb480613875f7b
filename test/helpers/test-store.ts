import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.port.ts';
import { freshDatabase } from './postgres.ts';

/** Which store this run tests: `TEST_STORE=postgres` (set by test/run.ts, with `TEST_PG_URL`) or SQLite. */
export const onPostgres = process.env.TEST_STORE === 'postgres';

/** A fresh PostgreSQL database's URL on the run's server, or undefined on SQLite runs. */
export async function testDatabaseUrl(): Promise<string | undefined> {
  if (!onPostgres) return undefined;
  const server = process.env.TEST_PG_URL;
  if (!server) throw new Error('TEST_STORE=postgres needs TEST_PG_URL (run the tests through `npm test`)');
  return freshDatabase(server);
}

/** A fresh, empty store of this run's kind. */
export async function testStore(): Promise<Store> {
  return openStore({ databaseUrl: await testDatabaseUrl(), dataDir: mkdtempSync(join(tmpdir(), 'dispute-store-')) });
}
