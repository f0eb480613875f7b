/**
 * One embedded PostgreSQL server for a benchmark, and a fresh migrated database on it per store
 * size: `fn` gets the store and its URL (for a raw connection), the store is closed after it.
 *
 *   const runs = await perPostgresDatabase([1_000, 100_000], async (store, url, size) => measure(store, size));
 */
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.port.ts';
import { freshDatabase, startPostgres } from '../../test/helpers/postgres.ts';

export async function perPostgresDatabase<T>(sizes: readonly number[], fn: (store: Store, url: string, size: number) => Promise<T>): Promise<T[]> {
  const server = await startPostgres();
  const results: T[] = [];
  try {
    for (const size of sizes) {
      const url = await freshDatabase(server.url);
      const store = await openPostgresStore(url);
      try {
        results.push(await fn(store, url, size));
      } finally {
        await store.close();
      }
    }
  } finally {
    await server.stop();
  }
  return results;
}
