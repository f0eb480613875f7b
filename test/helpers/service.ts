import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startService, type ServiceOptions } from '../../src/service.ts';
import { client } from './http.ts';
import { testDatabaseUrl } from './test-store.ts';

/**
 * A real service on a loopback port over a fresh store — SQLite in a temp folder, or a fresh
 * PostgreSQL database when the run says `TEST_STORE=postgres` — and `close()` removes it all.
 */
export async function testService(opts: ServiceOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-test-'));
  const dataDir = join(dir, 'data');
  const databaseUrl = await testDatabaseUrl();
  const svc = await startService({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl,
    uploadsDir: join(dir, 'uploads'),
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...opts,
  });
  return {
    ...svc,
    dir,
    dataDir,
    databaseUrl,
    api: client(svc.url),
    async close() {
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
