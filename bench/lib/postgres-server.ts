/**
 * One embedded PostgreSQL server for a benchmark: `fn` makes as many fresh databases on it as
 * it needs; the server stops after `fn`, however it ends.
 *
 *   await withPostgres(async (fresh) => { const store = await openPostgresStore(await fresh()); … });
 */
import { freshDatabase, startPostgres } from '../../test/helpers/postgres.ts';

export async function withPostgres<T>(fn: (freshDatabaseUrl: () => Promise<string>) => Promise<T>): Promise<T> {
  const server = await startPostgres();
  try {
    return await fn(() => freshDatabase(server.url));
  } finally {
    await server.stop();
  }
}
