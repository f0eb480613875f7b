/**
 * The agent queue's data over real HTTP (`GET /api/disputes`), on a service with keys: each
 * dispute's reason, amount, side and missing evidence as the preview computes them; a flagged
 * photo puts a dispute in the needs-review queue and an arbitrator's review takes it out;
 * urgency order pages without duplicates or gaps; a seller's key still sees only its seller.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fromMinor } from '../../src/domain/money.ts';
import { FILE_DISPUTE_EXAMPLE } from '../../src/http/openapi/examples.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import type { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

type Client = ReturnType<typeof client>;
interface Summary {
  id: string;
  sellerId: string;
  status: string;
  reason: string | null;
  amount: { value: string; currency: string } | null;
  favours: string | null;
  missing: Array<{ kind: string; dueBy: string }>;
  needsReview: number;
  nextDueAt: string | null;
  nextDeadline: string | null;
}

const MINUTE = 60_000;
let svc: Awaited<ReturnType<typeof testService>>;
let integration: Client;
let arbitrator: Client;

before(async () => {
  svc = await testService({ access: { auth: 'on', corsOrigins: [], rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  integration = await svc.as('integration');
  arbitrator = await svc.as('arbitrator');
});
after(() => svc.close());

let orders = 0;
/** Files a dispute for `sellerId`, opened `minutesAgo` (its deadlines follow), with its own order. */
async function file(sellerId: string, minutesAgo: number, over: Record<string, unknown> = {}): Promise<string> {
  const order = { ...structuredClone(FILE_DISPUTE_EXAMPLE.order), orderId: `Q-${++orders}` };
  const r = await integration.post('/api/disputes', disputeBody({ sellerId, openedAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString(), order, ...over }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function send(c: Client, id: string, event: Record<string, unknown>): Promise<void> {
  const r = await c.post(`/api/disputes/${id}/events`, event);
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

async function page(c: Client, query: string): Promise<{ items: Summary[]; nextCursor: string | null }> {
  const r = await c.get(`/api/disputes?${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Every page of a list, following nextCursor. */
async function everyPage(c: Client, query: string): Promise<{ items: Summary[]; pages: number }> {
  const items: Summary[] = [];
  let pages = 0;
  for (let cursor: string | null = null; ; ) {
    const p = await page(c, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...p.items);
    pages++;
    if (!p.nextCursor) return { items, pages };
    cursor = p.nextCursor;
  }
}

/** The queue's order, computed here from what the list shows: next deadline ascending, none last, then id. */
const urgent = (a: Summary, b: Summary) =>
  (a.nextDueAt === null ? Infinity : Date.parse(a.nextDueAt)) - (b.nextDueAt === null ? Infinity : Date.parse(b.nextDueAt)) || (a.id < b.id ? -1 : 1);

const row = (items: Summary[], id: string) => {
  const found = items.find((d) => d.id === id);
  assert.ok(found, `${id} is listed`);
  return found;
};

test('each dispute shows its reason, order amount, the preview\'s side and missing evidence, and which deadline is next', async () => {
  const seller = 'seller-fields';
  const agent = await svc.as('agent', seller);
  const fresh = await file(seller, 5);
  // Delivered, but the carrier returned no signature: the preview favours the buyer and asks for a delivery-proof photo.
  const { deliveryProof: _proof, ...unsigned } = structuredClone(FILE_DISPUTE_EXAMPLE.order.shipment);
  const noProof = await file(seller, 5, { order: { ...structuredClone(FILE_DISPUTE_EXAMPLE.order), orderId: 'Q-unsigned', shipment: unsigned } });
  const yen = await file(seller, 5, { reason: 'damaged', order: { ...structuredClone(FILE_DISPUTE_EXAMPLE.order), orderId: 'Q-yen', amount: { value: '1500', currency: 'JPY' } } });
  const responded = await file(seller, 5);
  await send(agent, responded, { type: 'SELLER_RESPONDED' });
  const withdrawn = await file(seller, 5);
  await send(integration, withdrawn, { type: 'BUYER_WITHDREW' });

  const { items } = await everyPage(agent, `sellerId=${seller}&limit=3`);
  assert.deepEqual(items.map((d) => d.id).sort(), [fresh, noProof, yen, responded, withdrawn].sort());
  for (const id of [fresh, noProof, yen, responded, withdrawn]) {
    const d = row(items, id);
    const full = (await agent.get(`/api/disputes/${id}`)).body;
    const preview = (await agent.get(`/api/disputes/${id}/verdict-preview`)).body;
    assert.equal(d.status, full.status);
    assert.equal(d.reason, full.reason);
    assert.deepEqual(d.amount, full.order.amount, 'the order amount, as Money');
    assert.equal(d.favours, preview.favours, `${id}: the side the preview favours`);
    const kinds = [...new Set(preview.missing.map((m: { kind: string }) => m.kind))];
    assert.deepEqual(d.missing.map((m) => m.kind), kinds, `${id}: what the preview still asks for`);
    for (const m of d.missing) assert.equal(Date.parse(m.dueBy), Math.min(...preview.missing.filter((p: { kind: string }) => p.kind === m.kind).map((p: { dueBy: string }) => Date.parse(p.dueBy))));
    const deadlines = Object.entries(full.deadlines as Record<string, string>).sort(([, a], [, b]) => Date.parse(a) - Date.parse(b));
    assert.equal(d.nextDeadline, deadlines[0]?.[0] ?? null);
    assert.equal(d.nextDueAt, deadlines[0]?.[1] ?? null);
  }
  assert.deepEqual(row(items, yen).amount, fromMinor(1500, 'JPY'));
  assert.equal(row(items, yen).reason, 'damaged');
  assert.equal(row(items, fresh).nextDeadline, 'first_response');
  assert.equal(row(items, responded).nextDeadline, 'solution');
  assert.deepEqual([row(items, withdrawn).status, row(items, withdrawn).nextDeadline, row(items, withdrawn).missing], ['resolved', null, []]);
  assert.deepEqual([row(items, noProof).favours, row(items, noProof).missing.map((m) => m.kind)], ['buyer', ['delivery_proof_photo']]);
  assert.notEqual(row(items, fresh).favours, 'buyer', 'the carrier\'s signature record speaks for the seller');
  for (const side of ['buyer', row(items, fresh).favours]) {
    const sides = (await page(agent, `sellerId=${seller}&favours=${side}`)).items;
    assert.deepEqual(sides.map((d) => d.id).sort(), items.filter((d) => d.favours === side).map((d) => d.id).sort(), `favours=${side} filters by the side`);
  }
});

test('a flagged photo puts its dispute in the needs-review queue; an arbitrator\'s review takes it out again', async () => {
  const seller = 'seller-review';
  const agent = await svc.as('agent', seller);
  const id = await file(seller, 5);
  const other = await file(seller, 5);
  const stripped = readFileSync((await ensureFixtures()).strippedPhotoJpeg);
  const auth = { authorization: `Bearer ${agent.token}` };
  const up = await uploadEvidence(svc.url, id, 'label_photo', stripped, {}, 'label.jpg', auth);
  assert.equal(up.status, 202, JSON.stringify(up.body));
  assert.equal((await settledEvidence(svc.url, up.body.id, 60, auth)).status, 'needs_review');

  const waiting = (await page(agent, 'needsReview=true')).items;
  assert.deepEqual(waiting.map((d) => [d.id, d.needsReview]), [[id, 1]], 'the one dispute with an item to review');
  assert.equal(row((await page(agent, 'needsReview=false')).items, other).needsReview, 0);
  assert.ok(!(await page(agent, 'needsReview=false')).items.some((d) => d.id === id));

  const review = await arbitrator.post(`/api/evidence/${up.body.id}/review`, { decision: 'accept', note: 'label readable' });
  assert.equal(review.status, 200, JSON.stringify(review.body));
  assert.deepEqual((await page(agent, 'needsReview=true')).items, [], 'settled: nothing waits');
  assert.equal(row((await page(agent, `sellerId=${seller}`)).items, id).needsReview, 0);
});

test('urgency order pages most urgent first, disputes without a deadline last, with no duplicates or gaps', async () => {
  const seller = 'seller-order';
  const agent = await svc.as('agent', seller);
  const ids: string[] = [];
  // Opened at different times, so their first-response deadlines differ; two share one instant.
  for (const minutes of [30, 90, 10, 90, 60, 5]) ids.push(await file(seller, minutes));
  for (const id of [await file(seller, 1), await file(seller, 2)]) {
    await send(integration, id, { type: 'BUYER_WITHDREW' });
    ids.push(id);
  }
  const all = (await everyPage(agent, `sellerId=${seller}&order=id&limit=200`)).items;
  assert.equal(all.length, ids.length);
  const expected = [...all].sort(urgent).map((d) => d.id);

  for (const limit of [1, 2, 3, 5]) {
    const { items, pages } = await everyPage(agent, `sellerId=${seller}&order=urgency&limit=${limit}`);
    assert.deepEqual(items.map((d) => d.id), expected, `pages of ${limit}: in order, each once`);
    assert.equal(pages, Math.ceil(ids.length / limit));
  }
  const nulls = expected.slice(-2);
  assert.deepEqual(nulls.map((id) => row(all, id).nextDueAt), [null, null], 'resolved disputes come last');

  // Several statuses without a seller: one range per status, merged (every dispute of this service).
  const everything = (await everyPage(integration, 'order=id&limit=200')).items;
  const statuses = ['awaiting_seller_response', 'resolved'];
  const merged = await everyPage(integration, `status=${statuses.join(',')}&order=urgency&limit=4`);
  assert.deepEqual(merged.items.map((d) => d.id), everything.filter((d) => statuses.includes(d.status)).sort(urgent).map((d) => d.id));
  // The due queue ("due soon": now + 12 h, as the console asks) is urgency-ordered and has no undated dispute.
  const soon = new Date(Date.now() + 25 * 60 * MINUTE).toISOString();
  const due = await everyPage(agent, `sellerId=${seller}&dueBefore=${soon}&limit=2`);
  assert.deepEqual(due.items.map((d) => d.id), expected.filter((id) => row(all, id).nextDueAt !== null && row(all, id).nextDueAt! <= soon));
});

test('a seller\'s key lists its own seller only, whatever the filters ask', async () => {
  await file('seller-own', 5);
  await file('seller-else', 5);
  const agent = await svc.as('agent', 'seller-own');
  const side = (await page(integration, 'sellerId=seller-own')).items[0]!.favours;
  for (const q of ['order=urgency', 'needsReview=false', 'status=awaiting_seller_response,resolved', `favours=${side}`]) {
    const { items } = await everyPage(agent, `${q}&limit=2`);
    assert.ok(items.length > 0, q);
    assert.ok(items.every((d) => d.sellerId === 'seller-own'), q);
  }
  assert.deepEqual((await page(agent, 'sellerId=seller-else&order=urgency')).items, []);
});

test('bad queue queries are refused with a pointer', async () => {
  const cases: Array<[string, string]> = [
    ['status=awaiting_buyer,nope', '/status'],
    ['status=', '/status'],
    ['needsReview=yes', '/needsReview'],
    ['favours=nobody', '/favours'],
    ['order=oldest', '/order'],
    [`order=id&dueBefore=${new Date().toISOString()}`, '/order'],
    ['order=id&needsReview=true', '/order'],
    ['order=id&favours=buyer', '/order'],
  ];
  for (const [q, pointer] of cases) {
    const r = await integration.get(`/api/disputes?${q}`);
    assert.deepEqual([r.status, r.body.code, r.body.errors?.[0]?.pointer], [400, 'REQUEST.INVALID', pointer], q);
  }
  await file('seller-cursor', 5);
  await file('seller-cursor', 6);
  const byId = await page(integration, 'sellerId=seller-cursor&limit=1');
  const mixed = await integration.get(`/api/disputes?sellerId=seller-cursor&order=urgency&cursor=${byId.nextCursor}`);
  assert.deepEqual([mixed.status, mixed.body.code, mixed.body.errors[0].pointer], [400, 'REQUEST.INVALID', '/cursor']);
});
