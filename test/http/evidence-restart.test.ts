import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { killHard, startServerProcess } from '../helpers/process.ts';

test('evidence whose checks a SIGKILL interrupted is checked after restart, and reported once', async () => {
  const fx = await ensureFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'evidence-restart-'));
  const env = { DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads') };
  try {
    const first = await startServerProcess(env);
    const body = disputeBody({ reason: 'damaged' });
    body.order.items = [{ sku: SKU, title: 'Steel watch', quantity: 1 }];
    body.order.shipment.trackingNumber = TRACKING;
    const id = (await client(first.url).post('/api/disputes', body)).body.id;
    const form = new FormData();
    form.append('kind', 'packing_video');
    form.append('file', new Blob([new Uint8Array(readFileSync(fx.video20))]), 'clip.mp4');
    const res = await fetch(`${first.url}/api/disputes/${id}/evidence`, { method: 'POST', body: form });
    assert.equal(res.status, 202);
    const evidenceId = ((await res.json()) as { id: string }).id;
    await killHard(first.child); // the check pool has not even loaded its first worker yet

    const restartedAt = Date.now();
    const second = await startServerProcess(env);
    try {
      let e;
      for (let i = 0; i < 300; i++) {
        e = (await client(second.url).get(`/api/evidence/${evidenceId}`)).body;
        if (e.status !== 'checking') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.notEqual(e.status, 'checking');
      assert.ok(Date.parse(e.checkedAt) >= restartedAt, 'checked by the restarted process, not before the kill');
      assert.ok(e.report.checks.some((c: { id: string; status: string }) => c.id === 'video.duration' && c.status === 'pass'));
      const log = (await client(second.url).get(`/api/disputes/${id}/events`)).body.items;
      assert.equal(log.filter((x: { type: string }) => x.type === 'EVIDENCE_REPORTED').length, 2, 'registered, then reported once');
    } finally {
      await killHard(second.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
