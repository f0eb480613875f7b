import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { killHard, startServerProcess } from '../helpers/process.ts';
import { testDatabaseUrl } from '../helpers/test-store.ts';
import { startReceiver, until } from '../helpers/webhook-receiver.ts';

test('deliveries in flight when the process is killed (SIGKILL) resume after restart: none lost, none acknowledged twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-webhooks-restart-'));
  const databaseUrl = await testDatabaseUrl();
  // A 1 s job lease: the restarted process takes the dead one's deliveries over 1 s after its last heartbeat.
  const env = {
    DATA_DIR: join(dir, 'data'),
    UPLOADS_DIR: join(dir, 'uploads'),
    WEBHOOK_ALLOW_PRIVATE: '1',
    JOB_LEASE_MS: '1000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const rx = await startReceiver(() => ({ status: 200 }));
  const createdFor = (disputeId: string) => rx.receipts.filter((r) => r.json.data.disputeId === disputeId);
  try {
    const first = await startServerProcess(env);
    const api = client(first.url);
    const ep = await api.post('/api/webhooks/endpoints', { url: rx.url, events: ['dispute.created'] });
    assert.equal(ep.status, 201);
    rx.secrets.push(ep.body.secret);

    const open = async () => (await api.post('/api/disputes', disputeBody())).body.id as string;
    const acked = await open();
    await rx.waitFor(() => createdFor(acked).some((r) => r.answered === 200));

    // The receiver now takes requests and never answers: these two are in flight when the process dies.
    rx.setResponder(() => ({ hold: true }));
    const inFlight = [await open(), await open()];
    await rx.waitFor(() => inFlight.every((id) => createdFor(id).length === 1));
    await killHard(first.child);
    rx.setResponder(() => ({ status: 200 }));
    rx.dropHeld();

    const second = await startServerProcess(env);
    try {
      const log = await until(
        async () => (await client(second.url).get(`/api/webhooks/endpoints/${ep.body.id}/deliveries`)).body.items as Array<{ status: string; webhookId: string }>,
        (items) => items.length === 3 && items.every((d) => d.status === 'delivered'),
      );
      const acknowledged = rx.acknowledged();
      assert.equal(acknowledged.size, 3, 'every message acknowledged');
      assert.deepEqual([...acknowledged.values()], [1, 1, 1], 'none acknowledged twice');
      assert.deepEqual(new Set(log.map((d) => d.webhookId)), new Set(acknowledged.keys()));
      for (const id of inFlight) assert.deepEqual(createdFor(id).map((r) => r.nth), [1, 2], 'the unanswered request was sent again, under the same webhook-id');
      assert.deepEqual(createdFor(acked).map((r) => r.nth), [1], 'the acknowledged one was not');
      assert.ok(rx.receipts.every((r) => r.verifiedWith.length === 1));
    } finally {
      await killHard(second.child);
    }
  } finally {
    await rx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
