import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;

before(async () => {
  fx = await ensureFixtures();
  svc = await testService();
});
after(() => svc.close());

async function newDispute(reason = 'damaged') {
  const body = disputeBody({ reason, openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  body.order.items = [{ sku: SKU, title: 'Steel watch', quantity: 1 }];
  body.order.shipment.trackingNumber = TRACKING;
  return (await svc.api.post('/api/disputes', body)).body.id as string;
}

const upload = (disputeId: string, kind: string, bytes: Uint8Array, extra: Record<string, string> = {}, name = 'upload.bin') =>
  uploadEvidence(svc.url, disputeId, kind, bytes, extra, name);
const settled = (evidenceId: string) => settledEvidence(svc.url, evidenceId);

const checkOf = (e: { report: { checks: Array<{ id: string; status: string; code: string }> } }, id: string) => e.report.checks.find((c) => c.id === id);
const stored = () => (existsSync(join(svc.uploadsDir, 'objects')) ? readdirSync(join(svc.uploadsDir, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0);
// Uploads in flight live in this process's own folder under tmp/.
const temps = () => readdirSync(join(svc.uploadsDir, 'tmp'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

test('a packing video is stored at its SHA-256, checked in the background, and its verdict reaches the dispute', async () => {
  const id = await newDispute();
  const bytes = readFileSync(fx.video20);
  const res = await upload(id, 'packing_video', bytes, {}, 'IMG_0001.MOV');
  assert.equal(res.status, 202, JSON.stringify(res.body));
  assert.equal(res.body.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(res.body.status, 'checking');
  assert.equal(res.body.mediaType, 'mp4', 'sniffed from content, not the .MOV name');

  const e = await settled(res.body.id);
  assert.equal(checkOf(e, 'video.duration')?.status, 'pass', JSON.stringify(e.report.checks));
  assert.equal(checkOf(e, 'video.sku')?.status, 'pass', JSON.stringify(e.report.checks));
  assert.equal(checkOf(e, 'video.label')?.status, 'pass');
  const d = (await svc.api.get(`/api/disputes/${id}`)).body;
  const summary = d.evidence.find((x: { id: string }) => x.id === res.body.id);
  assert.equal(summary.status, e.status);
  assert.ok(summary.checks.some((c: { id: string }) => c.id === 'video.duration'));
  const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items.map((x: { type: string; actor: string }) => `${x.type}:${x.actor}`);
  // The upload is recorded as its uploader (here the local caller: AUTH=off), the report as the checker.
  assert.deepEqual(log.slice(1), ['EVIDENCE_REPORTED:key:local', 'EVIDENCE_REPORTED:system:evidence']);

  const range = await fetch(`${svc.url}/api/evidence/${res.body.id}/file`, { headers: { Range: 'bytes=100-199' } });
  assert.equal(range.status, 206);
  assert.equal(range.headers.get('content-type'), 'video/mp4');
  assert.deepEqual(new Uint8Array(await range.arrayBuffer()), new Uint8Array(bytes.subarray(100, 200)));
  const whole = await fetch(`${svc.url}/api/evidence/${res.body.id}/file`);
  assert.deepEqual([whole.status, Number(whole.headers.get('content-length'))], [200, bytes.length]);
  const beyond = await fetch(`${svc.url}/api/evidence/${res.body.id}/file`, { headers: { Range: 'bytes=999999999-' } });
  assert.deepEqual([beyond.status, beyond.headers.get('content-range'), (await beyond.json()).code], [416, `bytes */${bytes.length}`, 'EVIDENCE.RANGE_NOT_SATISFIABLE']);
  const proof = e.report.checks.find((c: { id: string }) => c.id === 'video.sku').proof?.find((p: { image?: string }) => p.image);
  if (proof) assert.equal((await fetch(`${svc.url}/api/evidence/${res.body.id}/proof/${proof.image}`)).status, 200);
});

test('a legible delivery photo with signer and time proves delivery; a blurred one does not', async () => {
  const id = await newDispute('not_received');
  const signer = { signerName: 'J. GARCIA', signedAt: '2026-11-12T15:20:00Z' };
  const sharp = await settled((await upload(id, 'delivery_proof_photo', readFileSync(fx.deliverySharp), signer)).body.id);
  assert.equal(checkOf(sharp, 'delivery.proof')?.status, 'pass');
  const blurred = await settled((await upload(id, 'delivery_proof_photo', readFileSync(fx.deliveryBlurred), signer)).body.id);
  assert.equal(checkOf(blurred, 'photo.legible')?.status, 'fail');
  assert.deepEqual([checkOf(blurred, 'delivery.proof')?.status, checkOf(blurred, 'delivery.proof')?.code], ['fail', 'DELIVERY_PROOF.ILLEGIBLE']);
  const unsigned = await settled((await upload(id, 'delivery_proof_photo', readFileSync(fx.deliverySharp))).body.id);
  assert.equal(checkOf(unsigned, 'delivery.proof')?.code, 'DELIVERY_PROOF.INCOMPLETE');
});

test('the same file on another dispute is flagged as reuse', async () => {
  const a = await newDispute();
  const b = await newDispute();
  const bytes = readFileSync(fx.cameraJpeg);
  await settled((await upload(a, 'label_photo', bytes)).body.id);
  const again = await settled((await upload(b, 'label_photo', bytes)).body.id);
  assert.equal(checkOf(again, 'reuse')?.status, 'fail');
  assert.equal(again.status, 'rejected');
});

test('bad files get a clear 4xx and nothing is stored; the server stays up', async () => {
  const id = await newDispute();
  const before = stored();
  const expectProblem = async (p: Promise<{ status: number; body: { code: string } }>, status: number, code: string) => {
    const r = await p;
    assert.deepEqual([r.status, r.body.code], [status, code], JSON.stringify(r.body));
  };
  await expectProblem(upload(id, 'packing_video', new Uint8Array(0)), 400, 'EVIDENCE.EMPTY');
  await expectProblem(upload(id, 'packing_video', new TextEncoder().encode('this is not a video at all, whatever its name says'), {}, 'clip.mp4'), 415, 'EVIDENCE.TYPE_NOT_ALLOWED');
  await expectProblem(upload(id, 'packing_video', readFileSync(fx.cameraJpeg)), 415, 'EVIDENCE.TYPE_NOT_ALLOWED');
  await expectProblem(upload(id, 'label_photo', readFileSync(fx.bombPng)), 422, 'EVIDENCE.IMAGE_TOO_LARGE');
  const oversize = new Uint8Array(26 * 1024 * 1024);
  oversize.set(readFileSync(fx.cameraJpeg).subarray(0, 1024));
  await expectProblem(upload(id, 'label_photo', oversize), 413, 'EVIDENCE.TOO_LARGE');
  await expectProblem(upload(id, 'selfie', readFileSync(fx.cameraJpeg)), 400, 'REQUEST.INVALID');
  await expectProblem(upload('dsp_00000000000000000000000000000000', 'label_photo', readFileSync(fx.cameraJpeg)), 404, 'DISPUTE.NOT_FOUND');
  const notMultipart = await svc.api.post(`/api/disputes/${id}/evidence`, { kind: 'label_photo' });
  assert.deepEqual([notMultipart.status, notMultipart.body.code], [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
  assert.equal(stored(), before);
  assert.equal(temps(), 0);
  assert.deepEqual((await svc.api.get(`/api/disputes/${id}/evidence`)).body.items, []);
  assert.equal((await svc.api.get('/healthz')).status, 200);
});

test('an upload interrupted mid-stream leaves no file and registers nothing', async () => {
  const id = await newDispute();
  const boundary = '----interrupted';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npacking_video\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
  const { port } = new URL(svc.url);
  await new Promise<void>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/disputes/${id}/evidence`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 10_000_000 } });
    req.on('error', () => resolve());
    req.write(head);
    req.write(readFileSync(fx.video20).subarray(0, 300_000), () => setTimeout(() => (req.destroy(), resolve()), 200));
  });
  for (let i = 0; i < 50 && temps() > 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(temps(), 0);
  assert.deepEqual((await svc.api.get(`/api/disputes/${id}/evidence`)).body.items, []);
  assert.equal((await svc.api.get('/healthz')).status, 200);
});

test('a retried upload with the same Idempotency-Key replays the first 202 and registers one piece of evidence', async () => {
  const id = await newDispute();
  const send = (bytes: Uint8Array) => {
    const form = new FormData();
    form.append('kind', 'label_photo');
    form.append('file', new Blob([new Uint8Array(bytes)]), 'label.jpg');
    return fetch(`${svc.url}/api/disputes/${id}/evidence`, { method: 'POST', body: form, headers: { 'Idempotency-Key': `upload-${id}` } });
  };
  const photo = readFileSync(fx.cameraJpeg);
  const [a, b] = await Promise.all([send(photo), send(photo)]);
  const [ja, jb] = [await a.json(), await b.json()];
  assert.deepEqual([a.status, b.status], [202, 202]);
  assert.equal(ja.id, jb.id);
  const other = await send(readFileSync(fx.deliverySharp));
  assert.equal(other.status, 422);
  assert.equal(((await other.json()) as { code: string }).code, 'IDEMPOTENCY.KEY_REUSED');
  assert.equal((await svc.api.get(`/api/disputes/${id}/evidence`)).body.items.length, 1);
  await settled(ja.id);
});
