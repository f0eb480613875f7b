import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { field, fileHead, rawUpload } from '../helpers/raw-upload.ts';
import { testService } from '../helpers/service.ts';

/**
 * Upload limits over real HTTP: a caller's slot cap, the idle and total timeouts freeing the
 * slot and the temp file, `kind` before `file`, the process's cap, the seller's quota.
 * Timeouts are tiny through service options; the tests wait on socket and state events.
 */
let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;
/** Long enough that a loaded machine answers the 429 while the upload still trickles. */
const IDLE_MS = 1_000;

before(async () => {
  fx = await ensureFixtures();
  svc = await testService({ uploadLimits: { perCaller: 1, idleMs: IDLE_MS, retryAfterS: 7 } });
});
after(() => svc.close());

type Svc = typeof svc;
async function newDispute(s: Svc, sellerId = 'seller-1'): Promise<string> {
  const res = await s.api.post('/api/disputes', { ...disputeBody({ openedAt: new Date(Date.now() - 3_600_000).toISOString() }), sellerId });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}
const temps = (s: Svc) => readdirSync(join(s.uploadsDir, 'tmp'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

/** Polls until `fn` is true (a state, not a time); gives up after 10 s. */
async function until(what: string, fn: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await fn()) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`never: ${what}`);
}
const uploadsInFlight = (s: Svc, n: number) => until(`${n} uploads in flight`, async () => (await s.api.get('/readyz')).body.uploads.inFlight === n);

/** Writes one byte of `bytes` every 50 ms (never idle) until `stop()`. */
function trickle(upload: { write(b: Uint8Array): Promise<void> }, bytes: Uint8Array) {
  let offset = 0;
  const timer = setInterval(() => void upload.write(bytes.subarray(offset, ++offset)).catch(() => {}), 50);
  return { stop: () => clearInterval(timer) };
}

test('a stalled upload holds its caller\'s one slot (429 with Retry-After) until the idle timeout frees the slot and its temp file', async () => {
  const id = await newDispute(svc);
  const photo = readFileSync(fx.cameraJpeg);
  const stalled = await rawUpload(svc.url, `/api/disputes/${id}/evidence`, 10_000_000, field('kind', 'label_photo') + fileHead());
  // It trickles while the second upload is refused, then stalls.
  const bytes = trickle(stalled, photo);
  await uploadsInFlight(svc, 1);
  await until('the first upload streams into its temp file', () => temps(svc) === 1);

  const refused = await uploadEvidence(svc.url, id, 'label_photo', photo);
  bytes.stop();
  assert.deepEqual([refused.status, refused.body.code], [429, 'UPLOAD.TOO_MANY_PER_CALLER']);
  assert.equal(refused.headers.get('retry-after'), '7');
  assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');

  await stalled.closed; // the server cut the idle connection
  const accepted = await uploadEvidence(svc.url, id, 'label_photo', photo);
  assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
  assert.equal(temps(svc), 0, 'the stalled upload\'s temp file went before its slot was freed');
  assert.equal((await svc.api.get(`/api/disputes/${id}/evidence`)).body.items.length, 1);
});

test('an upload that keeps trickling is cut at the total timeout; its slot and temp file are freed', async () => {
  const slowSvc = await testService({ uploadLimits: { idleMs: 60_000, totalMs: 1_000 } });
  try {
    const id = await newDispute(slowSvc);
    const slow = await rawUpload(slowSvc.url, `/api/disputes/${id}/evidence`, 10_000_000, field('kind', 'label_photo') + fileHead());
    const bytes = trickle(slow, readFileSync(fx.cameraJpeg)); // never idle: only the total timeout can end it
    await slow.closed;
    bytes.stop();
    await uploadsInFlight(slowSvc, 0);
    assert.equal(temps(slowSvc), 0);
    assert.deepEqual((await slowSvc.api.get(`/api/disputes/${id}/evidence`)).body.items, []);
  } finally {
    await slowSvc.close();
  }
});

test('`kind` after `file`, or an unknown kind, is refused as the file part starts: nothing lands in temp', async () => {
  const id = await newDispute(svc);
  const path = `/api/disputes/${id}/evidence`;
  // Both requests announce 10 MB and send only the head of the file part: the answer must not wait for the rest.
  const kindLast = await rawUpload(svc.url, path, 10_000_000, fileHead() + 'xxxx');
  const r1 = await kindLast.response;
  assert.equal(r1.status, 400);
  assert.equal(JSON.parse(r1.body).code, 'UPLOAD.KIND_AFTER_FILE');
  assert.equal(temps(svc), 0);
  kindLast.socket.destroy();

  const unknown = await rawUpload(svc.url, path, 10_000_000, field('kind', 'selfie') + fileHead() + 'xxxx');
  const r2 = await unknown.response;
  assert.equal(r2.status, 400);
  assert.deepEqual([JSON.parse(r2.body).code, JSON.parse(r2.body).errors[0].pointer], ['REQUEST.INVALID', '/kind']);
  assert.equal(temps(svc), 0);
  unknown.socket.destroy();
  await uploadsInFlight(svc, 0);
});

test('the process-wide cap answers 503 with Retry-After; a seller over its quota gets 413 and nothing is kept', async () => {
  const photo = readFileSync(fx.cameraJpeg);
  const other = readFileSync(fx.deliverySharp);
  const small = await testService({ uploadLimits: { perCaller: 2, total: 1, sellerQuotaBytes: photo.length + 1 } });
  try {
    const id = await newDispute(small, 'seller-q');
    const stalled = await rawUpload(small.url, `/api/disputes/${id}/evidence`, 10_000_000, field('kind', 'label_photo') + fileHead());
    await uploadsInFlight(small, 1);
    const busy = await uploadEvidence(small.url, id, 'label_photo', photo);
    assert.deepEqual([busy.status, busy.body.code, busy.headers.get('retry-after')], [503, 'UPLOAD.SERVER_BUSY', '5']);
    stalled.socket.destroy();
    await uploadsInFlight(small, 0);

    assert.equal((await uploadEvidence(small.url, id, 'label_photo', photo)).status, 202);
    const over = await uploadEvidence(small.url, id, 'delivery_proof_photo', other);
    assert.deepEqual([over.status, over.body.code], [413, 'EVIDENCE.QUOTA_EXCEEDED']);
    assert.equal(temps(small), 0);
    assert.equal((await small.api.get(`/api/disputes/${id}/evidence`)).body.items.length, 1);
    // Another seller has its own quota.
    assert.equal((await uploadEvidence(small.url, await newDispute(small, 'seller-r'), 'label_photo', photo)).status, 202);
  } finally {
    await small.close();
  }
});
