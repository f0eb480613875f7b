import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createKey } from '../../src/auth/api-keys.ts';
import type { Role } from '../../src/auth/caller.ts';
import { startService, type ServiceOptions } from '../../src/service.ts';
import { client } from './http.ts';
import { testDatabaseUrl } from './test-store.ts';

/**
 * A real service on a loopback port over a fresh store — SQLite in a temp folder, or a fresh
 * PostgreSQL database when the run says `TEST_STORE=postgres` — and `close()` removes it all.
 * Without `access`, it runs with AUTH=off (the local caller) for tests about other things;
 * `testService({ access: { auth: 'on' } })` and `svc.as(role, seller)` test access control.
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
    // Tests of other things run as the local caller, with a rate limit their bursts never meet.
    access: opts.access ?? { auth: 'off', rateLimit: { limit: 1_000_000, windowMs: 60_000 } },
  });
  return {
    ...svc,
    dir,
    dataDir,
    databaseUrl,
    api: client(svc.url),
    /** A client with a new key of `role` (scoped to `sellerId` when given), made through the real key store. */
    async as(role: Role, sellerId?: string) {
      const { key, token } = await createKey(svc.store, { role, sellerId, env: 'test' }, Date.now());
      return Object.assign(client(svc.url, { authorization: `Bearer ${token}` }), { keyId: key.id, token });
    },
    async close() {
      await svc.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
