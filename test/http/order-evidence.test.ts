/**
 * Order evidence before any dispute, over real HTTP with an injected clock: the 2 h packing-video
 * duty measured from our receive time of the order upload, the evidence attached (and re-checked)
 * when a dispute is filed later, and the video's own capture time against the ship time.
 * The fixture videos say they were captured at 2024-05-10T14:03:12+0800 (06:03:12Z); each order
 * gets its own (the same file on two orders is reuse).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { orderVideo } from '../fixtures/make-order-fixtures.ts';
import { settledEvidence, uploadOrderEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';
import { manualClock } from '../../src/workflow/clock.ts';

const CAPTURED = Date.parse('2024-05-10T06:03:12Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const clock = manualClock(CAPTURED);
let svc: Awaited<ReturnType<typeof testService>>;
let videos: Record<'timely' | 'late' | 'after' | 'other', Buffer>;

before(async () => {
  const [timely, late, after, other] = await Promise.all([orderVideo('testsrc'), orderVideo('smptebars'), orderVideo('rgbtestsrc'), orderVideo('yuvtestsrc')]);
  videos = { timely: readFileSync(timely), late: readFileSync(late), after: readFileSync(after), other: readFileSync(other) };
  svc = await testService({ clock });
});
after(() => svc.close());

/** The issue's order (watches, $64.90: the packing-video duty applies) with the fixtures' SKU and label, shipped at `shippedAt`. */
function orderFacts(orderId: string, shippedAt: number) {
  const { order } = disputeBody();
  return { ...order, orderId, items: [{ sku: SKU, title: 'Steel watch', quantity: 1 }], shipment: { ...order.shipment, trackingNumber: TRACKING, shippedAt: iso(shippedAt) } };
}

const putOrder = (orderId: string, shippedAt: number, sellerId = 'seller-1') => svc.api.call('PUT', `/api/orders/${orderId}`, { sellerId, ...orderFacts(orderId, shippedAt) });
const checkOf = (e: { report: { checks: Array<{ id: string; status: string; code: string; message: string }> } }, id: string) => e.report.checks.find((c) => c.id === id);
const dutyReason = async (disputeId: string) =>
  (await svc.api.get(`/api/disputes/${disputeId}/verdict-preview`)).body.reasons.find((r: { rule: string }) => r.rule === 'packing_video.required');

async function fileDispute(orderId: string, shippedAt: number): Promise<string> {
  const res = await svc.api.post('/api/disputes', { ...disputeBody(), order: orderFacts(orderId, shippedAt) });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

test('a packing video uploaded to the order 1 h 59 m after shipping meets the 2 h duty in a dispute filed days later; 2 h 01 m does not, whatever the ERP claims', async () => {
  const shippedAt = CAPTURED + HOUR;
  assert.equal((await putOrder('ord-timely', shippedAt)).status, 201);
  assert.equal((await putOrder('ord-late', shippedAt)).status, 201);
  assert.equal((await putOrder('ord-late', shippedAt)).status, 200, 'a second PUT replaces the facts');

  clock.set(shippedAt + 119 * MINUTE);
  const timely = await uploadOrderEvidence(svc.url, 'ord-timely', 'packing_video', videos.timely);
  assert.equal(timely.status, 202, JSON.stringify(timely.body));
  assert.deepEqual([timely.body.orderId, timely.body.disputeId, timely.body.uploadedAt], ['ord-timely', null, iso(shippedAt + 119 * MINUTE)]);
  clock.set(shippedAt + 121 * MINUTE);
  const claim = iso(shippedAt + 30 * MINUTE);
  const late = await uploadOrderEvidence(svc.url, 'ord-late', 'packing_video', videos.late, { uploadedAt: claim });
  assert.equal(late.status, 202, JSON.stringify(late.body));
  assert.equal(late.body.fields.claimedUploadedAt, claim, 'the claim is kept and shown');

  // Checked at the order against its registered facts, before any dispute.
  const atOrder = await settledEvidence(svc.url, timely.body.id);
  assert.equal(atOrder.status, 'accepted', JSON.stringify(atOrder.report.checks));
  assert.equal(checkOf(atOrder, 'video.sku')?.status, 'pass');
  assert.equal(checkOf(atOrder, 'capture.time')?.code, 'CAPTURE.BEFORE_SHIPPING');
  await settledEvidence(svc.url, late.body.id);
  const order = (await svc.api.get('/api/orders/ord-timely')).body;
  assert.deepEqual([order.sellerId, order.facts.shipment.trackingNumber, order.evidence.map((e: { id: string }) => e.id)], ['seller-1', TRACKING, [timely.body.id]]);

  clock.set(shippedAt + 3 * 24 * HOUR);
  const onTime = await fileDispute('ord-timely', shippedAt);
  const listed = (await svc.api.get(`/api/disputes/${onTime}/evidence`)).body.items;
  assert.deepEqual(listed.map((e: { id: string; orderId: string }) => [e.id, e.orderId]), [[timely.body.id, 'ord-timely']], 'attached in the filing');
  const log = (await svc.api.get(`/api/disputes/${onTime}/events`)).body.items.map((e: { type: string }) => e.type);
  assert.deepEqual(log.slice(0, 2), ['DISPUTE_FILED', 'EVIDENCE_REPORTED']);
  const rechecked = await settledEvidence(svc.url, timely.body.id);
  assert.equal(rechecked.status, 'accepted', JSON.stringify(rechecked.report.checks));
  assert.deepEqual([rechecked.disputeId, rechecked.uploadedAt], [onTime, iso(shippedAt + 119 * MINUTE)], 're-checked for the dispute, received time kept');
  const summary = (await svc.api.get(`/api/disputes/${onTime}`)).body.evidence.find((e: { id: string }) => e.id === timely.body.id);
  assert.equal(summary.status, 'accepted');
  const met = await dutyReason(onTime);
  assert.equal(met.effect, 'info', met.text);
  assert.deepEqual(met.evidence, [timely.body.id]);

  const tooLate = await fileDispute('ord-late', shippedAt);
  await settledEvidence(svc.url, late.body.id);
  const missed = await dutyReason(tooLate);
  assert.equal(missed.effect, 'weakens_seller', missed.text);
  assert.equal(missed.facts.claimedUploadedAt, claim);
  assert.match(missed.text, /Claim, not verified/);
});

test('a packing video captured after shipping is a warn naming both times, and waits for a person', async () => {
  const shippedAt = CAPTURED - 3 * HOUR;
  assert.equal((await putOrder('ord-after', shippedAt)).status, 201);
  const up = await uploadOrderEvidence(svc.url, 'ord-after', 'packing_video', videos.after);
  const e = await settledEvidence(svc.url, up.body.id);
  const c = checkOf(e, 'capture.time');
  assert.deepEqual([c?.status, c?.code], ['warn', 'CAPTURE.AFTER_SHIPPING']);
  assert.ok(c?.message.includes(iso(CAPTURED)) && c.message.includes(iso(shippedAt)), c?.message);
  assert.equal(e.status, 'needs_review');
  // Order evidence no dispute holds is re-checked when one is filed: no review before that.
  const review = await svc.api.post(`/api/evidence/${up.body.id}/review`, { decision: 'accept' });
  assert.deepEqual([review.status, review.body.code], [409, 'EVIDENCE.NOT_ON_DISPUTE']);
});

test('orders refuse another seller, unknown orders and uploads naming no seller', async () => {
  assert.equal((await putOrder('ord-owned', CAPTURED)).status, 201);
  const other = await putOrder('ord-owned', CAPTURED, 'seller-2');
  assert.deepEqual([other.status, other.body.code], [409, 'ORDER.SELLER_MISMATCH']);
  const stolen = await uploadOrderEvidence(svc.url, 'ord-owned', 'packing_video', videos.other, { sellerId: 'seller-2' });
  assert.deepEqual([stolen.status, stolen.body.code], [409, 'ORDER.SELLER_MISMATCH']);
  const unknown = await svc.api.get('/api/orders/ord-nobody');
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'ORDER.NOT_FOUND']);
  const anonymous = await uploadOrderEvidence(svc.url, 'ord-nobody', 'packing_video', videos.other);
  assert.deepEqual([anonymous.status, anonymous.body.code], [404, 'ORDER.NOT_FOUND']);
  const mismatch = await svc.api.call('PUT', '/api/orders/ord-x', { sellerId: 'seller-1', ...orderFacts('ord-y', CAPTURED) });
  assert.deepEqual([mismatch.status, mismatch.body.code], [400, 'REQUEST.INVALID']);
  // An order first seen through an upload is created from the upload's seller, without facts.
  const bare = await uploadOrderEvidence(svc.url, 'ord-bare', 'packing_video', videos.other, { sellerId: 'seller-3' });
  assert.equal(bare.status, 202, JSON.stringify(bare.body));
  const o = (await svc.api.get('/api/orders/ord-bare')).body;
  assert.deepEqual([o.sellerId, o.facts], ['seller-3', null]);
  await settledEvidence(svc.url, bare.body.id);
});
