import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { killHard, startServerProcess } from '../helpers/process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a deadline due while the server is down (SIGKILL) fires exactly once after restart, even with two pollers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-restart-'));
  const env = { DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads') };
  try {
    const first = await startServerProcess(env);
    // Filed 24 h minus 2 s ago: the first-response deadline is 2 s away.
    const openedAt = new Date(Date.now() - 24 * 3_600_000 + 2_000).toISOString();
    const created = await client(first.url).post('/api/disputes', disputeBody({ openedAt }));
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'awaiting_seller_response');
    const id = created.body.id as string;
    await killHard(first.child);
    await sleep(2_500); // the deadline passes while nothing runs

    // Two processes on the same database race to fire it.
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    try {
      let d;
      for (let i = 0; i < 100; i++) {
        d = (await client(a.url).get(`/api/disputes/${id}`)).body;
        if (d.status === 'resolved') break;
        await sleep(100);
      }
      assert.equal(d.status, 'resolved');
      assert.equal(d.outcome.basis, 'deadline:first_response');
      await sleep(1_500); // give a duplicate firing every chance to happen
      const log = (await client(b.url).get(`/api/disputes/${id}/events`)).body.items as Array<{ type: string; seq: number }>;
      assert.equal(log.filter((e) => e.type === 'DEADLINE_PASSED').length, 1);
      assert.deepEqual(log.map((e) => e.seq), [1, 2]);
    } finally {
      await Promise.all([killHard(a.child), killHard(b.child)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
