import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

/**
 * The fair check queue end to end: one check thread, three packing videos queued before a
 * photo; the photo's report lands before the last video's (FIFO would check it last). The
 * runner starts only once all four are queued, so the order is the claim order, not a race.
 */
let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;

before(async () => {
  fx = await ensureFixtures();
  svc = await testService({ jobs: false, checkConcurrency: 1 });
});
after(() => svc.close());

test('a photo queued after three videos is checked before the last of them', async () => {
  const body = disputeBody({ reason: 'damaged', openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  body.order.items = [{ sku: SKU, title: 'Steel watch', quantity: 1 }];
  body.order.shipment.trackingNumber = TRACKING;
  const id = (await svc.api.post('/api/disputes', body)).body.id as string;
  const ids: string[] = [];
  for (const video of [fx.video20, fx.video15, fx.rotated]) {
    const r = await uploadEvidence(svc.url, id, 'packing_video', readFileSync(video));
    assert.equal(r.status, 202, JSON.stringify(r.body));
    ids.push(r.body.id);
  }
  const photo = await uploadEvidence(svc.url, id, 'label_photo', readFileSync(fx.cameraJpeg));
  assert.equal(photo.status, 202);
  const ready = (await svc.api.get('/readyz')).body;
  assert.deepEqual(ready.checkQueue.waiting, { light: 1, heavy: 3 });

  svc.runner.start();
  const videos = await Promise.all(ids.map((e) => settledEvidence(svc.url, e, 120)));
  const checkedPhoto = await settledEvidence(svc.url, photo.body.id);
  const lastVideo = Math.max(...videos.map((v) => Date.parse(v.checkedAt)));
  assert.ok(Date.parse(checkedPhoto.checkedAt) < lastVideo, `photo at ${checkedPhoto.checkedAt}, last video at ${new Date(lastVideo).toISOString()}`);
  assert.deepEqual((await svc.api.get('/readyz')).body.checkQueue.waiting, { light: 0, heavy: 0 });
});
