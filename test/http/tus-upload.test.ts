/**
 * Resumable evidence uploads (tus 1.0 at /api/uploads) over real HTTP on loopback, with API keys
 * on: tus-js-client (what the console uses) and raw requests, including a connection cut mid-PATCH
 * that resumes from the offset HEAD tells and registers the same SHA-256 as the file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tus from 'tus-js-client';
import { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let photo: Buffer;
let integration: Awaited<ReturnType<typeof svc.as>>;
let agent: Awaited<ReturnType<typeof svc.as>>;

before(async () => {
  const fx = await ensureFixtures();
  photo = readFileSync(fx.cameraJpeg);
  // Two PATCHes streaming at once per key, so the cap test can fill them.
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } }, uploadLimits: { perCaller: 2 } });
  integration = await svc.as('integration');
  agent = await svc.as('agent', 'seller-1');
});
after(() => svc.close());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const TUS = { 'Tus-Resumable': '1.0.0' };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
/** `Upload-Metadata`: comma-separated `key base64(value)` pairs. */
const metadataHeader = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
// tus files of this process live under tmp/<process>/tus/.
const tusFiles = () => readdirSync(join(svc.uploadsDir, 'tmp'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.parentPath.endsWith('tus')).length;

async function newDispute(sellerId = 'seller-1'): Promise<string> {
  const body = disputeBody({ sellerId, reason: 'damaged', openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  body.order.items = [{ sku: SKU, title: 'Steel watch', quantity: 1 }];
  body.order.shipment.trackingNumber = TRACKING;
  const res = await integration.post('/api/disputes', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

/** POST /api/uploads (creation) with `length` and the metadata pairs; answers status, headers, JSON body when there is one. */
async function create(token: string, length: number | undefined, meta: Record<string, string>, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...TUS, ...auth(token), 'Upload-Metadata': metadataHeader(meta), ...extra };
  if (length !== undefined) headers['Upload-Length'] = String(length);
  const res = await fetch(`${svc.url}/api/uploads`, { method: 'POST', headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, location: res.headers.get('location') };
}

function patch(token: string, location: string, offset: number, bytes: Uint8Array) {
  return fetch(svc.url + location, {
    method: 'PATCH',
    headers: { ...TUS, ...auth(token), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body: new Uint8Array(bytes),
  });
}

const head = (token: string, location: string) => fetch(svc.url + location, { method: 'HEAD', headers: { ...TUS, ...auth(token) } });

/** Polls /readyz until `inFlight` uploads stream into the service: a state the server reports, not a sleep. */
async function uploadsInFlight(n: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = (await (await fetch(`${svc.url}/readyz`)).json()) as { uploads: { inFlight: number } };
    if (r.uploads.inFlight === n) return;
    await new Promise((ok) => setImmediate(ok));
  }
  throw new Error(`uploads in flight never reached ${n}`);
}

/**
 * A raw PATCH that announces `length` bytes but sends only `first`, held open until the caller
 * destroys it; resolves once the service counts `inFlight` uploads streaming (this one among them).
 */
async function patchHeldOpen(token: string, location: string, offset: number, length: number, first: Uint8Array, inFlight: number): Promise<http.ClientRequest> {
  const req = http.request(svc.url + location, {
    method: 'PATCH',
    headers: { ...TUS, ...auth(token), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(length) },
  });
  req.on('error', () => {}); // the socket the test destroys
  await new Promise<void>((ok) => req.write(first, () => ok()));
  await uploadsInFlight(inFlight);
  return req;
}

/** tus-js-client in Node, as the console uses it in the browser: resolves with the finishing PATCH's Evidence-Id. */
function tusClientUpload(token: string, bytes: Buffer, metadata: Record<string, string>, chunkSize: number): Promise<{ evidenceId: string; location: string | null; url: string | null }> {
  return new Promise((resolve, reject) => {
    let evidenceId = '';
    let location: string | null = null;
    const upload = new tus.Upload(bytes, {
      endpoint: `${svc.url}/api/uploads`,
      headers: auth(token),
      metadata,
      chunkSize,
      retryDelays: [],
      storeFingerprintForResuming: false,
      onAfterResponse: (_req, res) => {
        const id = res.getHeader('Evidence-Id');
        if (id) [evidenceId, location] = [id, res.getHeader('Location') ?? null];
      },
      onError: reject,
      onSuccess: () => resolve({ evidenceId, location, url: upload.url }),
    });
    upload.start();
  });
}

test('tus-js-client uploads a photo in chunks; the evidence appears on the dispute with its check report, like a multipart upload', async () => {
  const disputeId = await newDispute();
  const done = await tusClientUpload(agent.token, photo, { disputeId, kind: 'label_photo', filename: 'label.jpg' }, 64 * 1024);
  assert.match(done.evidenceId, /^evd_[0-9a-f]{32}$/);
  assert.equal(done.location, `/api/evidence/${done.evidenceId}`);
  assert.ok(photo.length > 2 * 64 * 1024, 'the file took several PATCHes');

  const e = await settledEvidence(svc.url, done.evidenceId, 60, auth(agent.token));
  assert.equal(e.sha256, sha256(photo));
  assert.equal(e.bytes, photo.length);
  assert.equal(e.mediaType, 'jpeg', 'sniffed from content');
  assert.equal(e.disputeId, disputeId);
  assert.ok(e.report.checks.length > 0, JSON.stringify(e.report));

  // The same bytes through multipart on another dispute: the same shape, the same checks.
  const other = await newDispute();
  const multipart = await uploadEvidence(svc.url, other, 'label_photo', photo, {}, 'label.jpg', auth(agent.token));
  assert.equal(multipart.status, 202, JSON.stringify(multipart.body));
  const m = await settledEvidence(svc.url, multipart.body.id, 60, auth(agent.token));
  assert.deepEqual(Object.keys(e).sort(), Object.keys(m).sort());
  assert.deepEqual(e.report.checks.map((c: { id: string }) => c.id).sort(), m.report.checks.map((c: { id: string }) => c.id).sort());

  const listed = await agent.get(`/api/disputes/${disputeId}/evidence`);
  assert.deepEqual(listed.body.items.map((x: { id: string }) => x.id), [done.evidenceId]);
  assert.equal(tusFiles(), 0, 'the tus files are gone once the evidence is registered');
  assert.equal((await head(agent.token, new URL(done.url!).pathname)).status, 404, 'a finished upload is no longer there');
});

test('a connection cut mid-PATCH: HEAD tells the offset, the upload resumes from it and registers the file\'s SHA-256', async () => {
  const disputeId = await newDispute();
  const created = await create(agent.token, photo.length, { disputeId, kind: 'label_photo', filename: 'label.jpg', capturedAt: '2024-05-10T06:03:12Z' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const location = created.location!;
  assert.match(location, /^\/api\/uploads\/[0-9a-f]{32}$/);

  const third = Math.floor(photo.length / 3);
  const first = await patch(agent.token, location, 0, photo.subarray(0, third));
  assert.equal(first.status, 204);
  assert.equal(first.headers.get('upload-offset'), String(third));

  // The second PATCH announces the rest but sends only `sent` bytes, then its socket is destroyed.
  const sent = 20_000;
  const cut = await patchHeldOpen(agent.token, location, third, photo.length - third, photo.subarray(third, third + sent), 1);
  cut.destroy();
  await uploadsInFlight(0); // the server has finished with it

  const h = await head(agent.token, location);
  assert.equal(h.status, 200);
  const offset = Number(h.headers.get('upload-offset'));
  assert.equal(offset, third + sent, 'every byte that arrived before the cut is kept');
  assert.equal(h.headers.get('upload-length'), String(photo.length));
  assert.equal(h.headers.get('cache-control'), 'no-store');

  const stale = await patch(agent.token, location, 0, photo.subarray(0, 10));
  assert.equal(stale.status, 409);
  assert.equal(((await stale.json()) as { code: string }).code, 'UPLOAD.OFFSET_MISMATCH');

  const rest = await patch(agent.token, location, offset, photo.subarray(offset));
  assert.equal(rest.status, 204, await rest.text());
  assert.equal(rest.headers.get('upload-offset'), String(photo.length));
  const evidenceId = rest.headers.get('evidence-id')!;
  assert.equal(rest.headers.get('location'), `/api/evidence/${evidenceId}`);

  const e = (await agent.get(`/api/evidence/${evidenceId}`)).body;
  assert.equal(e.sha256, sha256(photo), 'the resumed upload is the file, byte for byte');
  assert.equal(e.fields.capturedAt, '2024-05-10T06:03:12.000Z', 'the metadata\'s optional fields are kept like the form\'s');
  assert.equal(tusFiles(), 0);
});

test('an upload to an order (orderId) registers order evidence before any dispute', async () => {
  const put = await integration.call('PUT', '/api/orders/ord-tus-1', { ...disputeBody().order, orderId: 'ord-tus-1', sellerId: 'seller-1' });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  const done = await tusClientUpload(agent.token, photo, { orderId: 'ord-tus-1', kind: 'label_photo', filename: 'label.jpg', uploadedAt: '2024-05-10T07:00:00Z' }, 1024 * 1024);
  const e = (await agent.get(`/api/evidence/${done.evidenceId}`)).body;
  assert.deepEqual([e.orderId, e.disputeId, e.sha256], ['ord-tus-1', null, sha256(photo)]);
  assert.equal(e.fields.claimedUploadedAt, '2024-05-10T07:00:00.000Z');
  const order = await agent.get('/api/orders/ord-tus-1');
  assert.deepEqual(order.body.evidence.map((x: { id: string }) => x.id), [done.evidenceId]);
});

test('creation refusals are problem+json with stable codes, before any byte is stored', async () => {
  const disputeId = await newDispute();
  const theirs = await newDispute('seller-2');
  const ok = { disputeId, kind: 'label_photo', filename: 'label.jpg' };
  const cases: Array<[string, Awaited<ReturnType<typeof create>>, number, string]> = [
    ['unknown kind', await create(agent.token, 100, { ...ok, kind: 'selfie' }), 400, 'REQUEST.INVALID'],
    ['no Upload-Length', await create(agent.token, undefined, ok), 400, 'REQUEST.INVALID'],
    ['deferred length', await create(agent.token, undefined, ok, { 'Upload-Defer-Length': '1' }), 400, 'REQUEST.INVALID'],
    ['larger than the kind allows', await create(agent.token, 10 * 1024 ** 3, ok), 413, 'EVIDENCE.TOO_LARGE'],
    ['another seller\'s dispute', await create(agent.token, 100, { ...ok, disputeId: theirs }), 404, 'DISPUTE.NOT_FOUND'],
    ['both disputeId and orderId', await create(agent.token, 100, { ...ok, orderId: 'ord-1' }), 400, 'REQUEST.INVALID'],
    ['neither', await create(agent.token, 100, { kind: 'label_photo', filename: 'x.jpg' }), 400, 'REQUEST.INVALID'],
    ['no file name', await create(agent.token, 100, { disputeId, kind: 'label_photo' }), 400, 'REQUEST.INVALID'],
    ['an unknown field', await create(agent.token, 100, { ...ok, owner: 'me' }), 400, 'REQUEST.INVALID'],
    ['a key that may not upload', await create((await svc.as('arbitrator')).token, 100, ok), 403, 'AUTH.FORBIDDEN'],
    ['no Tus-Resumable', await create(agent.token, 100, ok, { 'Tus-Resumable': '0.2.2' }), 412, 'UPLOAD.TUS_VERSION'],
    ['bytes with the creation', await create(agent.token, 100, ok, { 'Content-Type': 'application/offset+octet-stream' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['an empty file', await create(agent.token, 0, ok), 400, 'EVIDENCE.EMPTY'],
  ];
  for (const [what, res, status, code] of cases) {
    assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, code, what);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
  }
  const pointers = cases[0]![1].body.errors.map((e: { pointer: string }) => e.pointer);
  assert.deepEqual(pointers, ['/headers/upload-metadata/kind']);

  const anonymous = await fetch(`${svc.url}/api/uploads`, { method: 'POST', headers: { ...TUS, 'Upload-Length': '100', 'Upload-Metadata': metadataHeader(ok) } });
  assert.equal(anonymous.status, 401);
  assert.equal(((await anonymous.json()) as { code: string }).code, 'AUTH.MISSING');
  assert.equal(tusFiles(), 0, 'nothing was created');
});

test('an upload is the key\'s that created it: another key (even of the same seller) gets 404 on HEAD, PATCH and DELETE', async () => {
  const disputeId = await newDispute();
  const created = await create(agent.token, photo.length, { disputeId, kind: 'label_photo', filename: 'label.jpg' });
  assert.equal(created.status, 201);
  const location = created.location!;
  const colleague = await svc.as('agent', 'seller-1');

  assert.equal((await head(colleague.token, location)).status, 404);
  const p = await patch(colleague.token, location, 0, photo.subarray(0, 100));
  assert.equal(p.status, 404);
  assert.equal(((await p.json()) as { code: string }).code, 'UPLOAD.NOT_FOUND');
  const del = await fetch(svc.url + location, { method: 'DELETE', headers: { ...TUS, ...auth(colleague.token) } });
  assert.equal(del.status, 404);
  assert.equal(Number((await head(agent.token, location)).headers.get('upload-offset')), 0, 'untouched');
  assert.equal((await agent.get(location)).status, 404, 'no GET: the bytes of an upload are never served back');

  // Its own key may drop it; then it is gone.
  const mine = await fetch(svc.url + location, { method: 'DELETE', headers: { ...TUS, ...auth(agent.token) } });
  assert.equal(mine.status, 204);
  assert.equal((await head(agent.token, location)).status, 404);
  assert.equal(tusFiles(), 0);
});

test('a file whose content is not what its kind allows is refused when it finishes, and leaves nothing', async () => {
  const disputeId = await newDispute();
  const text = Buffer.from('not a photo at all, just text pretending\n'.repeat(50));
  const created = await create(agent.token, text.length, { disputeId, kind: 'label_photo', filename: 'label.jpg' });
  const res = await patch(agent.token, created.location!, 0, text);
  assert.equal(res.status, 415);
  const body = (await res.json()) as { code: string };
  assert.equal(body.code, 'EVIDENCE.TYPE_NOT_ALLOWED');
  assert.equal(tusFiles(), 0);
  const listed = await agent.get(`/api/disputes/${disputeId}/evidence`);
  assert.deepEqual(listed.body.items, []);
});

test('PATCHes streaming at once are capped per key like multipart uploads: the next is 429 with Retry-After, and resumes once a slot frees', async () => {
  const disputeId = await newDispute();
  const meta = { disputeId, kind: 'label_photo', filename: 'label.jpg' };
  const [a, b, c] = [await create(agent.token, photo.length, meta), await create(agent.token, photo.length, meta), await create(agent.token, photo.length, meta)];
  const held = [
    await patchHeldOpen(agent.token, a.location!, 0, photo.length, photo.subarray(0, 1000), 1),
    await patchHeldOpen(agent.token, b.location!, 0, photo.length, photo.subarray(0, 1000), 2),
  ];
  const refused = await patch(agent.token, c.location!, 0, photo);
  assert.equal(refused.status, 429);
  assert.equal(((await refused.json()) as { code: string }).code, 'UPLOAD.TOO_MANY_PER_CALLER');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.equal((await head(agent.token, c.location!)).headers.get('upload-offset'), '0', 'nothing of the refused PATCH was stored');

  // Another key is not held back by this one's uploads.
  const other = await svc.as('agent', 'seller-1');
  const theirs = await create(other.token, 10, meta);
  assert.equal((await patch(other.token, theirs.location!, 0, photo.subarray(0, 5))).status, 204);

  held[0]!.destroy();
  await uploadsInFlight(1);
  const resumed = await patch(agent.token, c.location!, 0, photo);
  assert.equal(resumed.status, 204, await resumed.text());
  assert.match(resumed.headers.get('evidence-id') ?? '', /^evd_/);
  held[1]!.destroy();
  await uploadsInFlight(0);
  // The unfinished ones are dropped by their own keys (tus termination): no tus file stays.
  for (const [token, location] of [[agent.token, a.location!], [agent.token, b.location!], [other.token, theirs.location!]] as const) {
    assert.equal((await fetch(svc.url + location, { method: 'DELETE', headers: { ...TUS, ...auth(token) } })).status, 204);
  }
  assert.equal(tusFiles(), 0);
});

test('the destination is checked again when the upload finishes: a dispute resolved meanwhile refuses it (409), and nothing stays', async () => {
  const disputeId = await newDispute();
  const created = await create(agent.token, photo.length, { disputeId, kind: 'label_photo', filename: 'label.jpg' });
  assert.equal(created.status, 201);
  assert.equal((await patch(agent.token, created.location!, 0, photo.subarray(0, 1000))).status, 204);

  const accepted = await agent.post(`/api/disputes/${disputeId}/events`, { type: 'SELLER_ACCEPTED_CLAIM' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal((await agent.get(`/api/disputes/${disputeId}`)).body.status, 'resolved');

  const last = await patch(agent.token, created.location!, 1000, photo.subarray(1000));
  assert.equal(last.status, 409);
  assert.equal(((await last.json()) as { code: string }).code, 'DISPUTE.CLOSED');
  assert.equal(tusFiles(), 0);
  assert.deepEqual((await agent.get(`/api/disputes/${disputeId}/evidence`)).body.items, []);
});
