import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { killHard, startServerProcess } from '../helpers/process.ts';
import { onPostgres, testDatabaseUrl } from '../helpers/test-store.ts';

test('the service runs from any working directory: relative folders land there, and it keeps serving', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dispute-cwd-'));
  const databaseUrl = await testDatabaseUrl();
  const server = await startServerProcess({ DATA_DIR: 'data', UPLOADS_DIR: 'uploads', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, cwd);
  try {
    // Long enough for every background thread (WAL checkpoints every 100 ms) to have run several times.
    for (let i = 0; i < 10; i++) {
      assert.equal((await client(server.url).post('/api/disputes', disputeBody())).status, 201);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(server.child.exitCode, null, 'still running');
    assert.equal(existsSync(join(cwd, 'data', 'disputes.sqlite')), !onPostgres);
    assert.equal(existsSync(join(cwd, 'uploads', 'objects')), true);
  } finally {
    await killHard(server.child);
    rmSync(cwd, { recursive: true, force: true });
  }
});
