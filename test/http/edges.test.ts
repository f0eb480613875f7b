/**
 * Issue 9, the positive side: one idempotency scope however the URL is spelled, pages that
 * join up to the whole list, amounts that are right, and categories matched to the policy.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { send } from '../helpers/raw-http.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
  svc = await testService();
});
after(() => svc.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(svc.url, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = async (path: string) => (await send(svc.url, { method: 'GET', path })).json;
const count = async () => (await get('/api/disputes?limit=200')).items.length;

test('one Idempotency-Key over /api/disputes/, /API/DISPUTES and /api/disputes replays the first answer: one dispute', async () => {
  const body = disputeBody();
  const before = await count();
  const first = await post('/api/disputes/', body, { 'idempotency-key': 'spell-1' });
  assert.equal(first.status, 201, first.text);
  for (const path of ['/API/DISPUTES', '/api/disputes', '/Api/Disputes/']) {
    const again = await post(path, body, { 'idempotency-key': 'spell-1' });
    assert.equal(again.status, 201, path);
    assert.deepEqual(again.json, first.json, path);
  }
  assert.equal(await count(), before + 1);
});

test('one Idempotency-Key over spellings of an event URL logs the event once', async () => {
  const id = (await post('/api/disputes', disputeBody())).json.id;
  const ev = { type: 'SELLER_RESPONDED', message: 'on it' };
  const first = await post(`/api/disputes/${id}/events`, ev, { 'idempotency-key': 'spell-ev' });
  assert.equal(first.status, 200, first.text);
  for (const path of [`/api/disputes/${id}/events/`, `/API/DISPUTES/${id}/EVENTS`]) {
    const again = await post(path, ev, { 'idempotency-key': 'spell-ev' });
    assert.deepEqual(again.json, first.json, path);
  }
  const log = (await get(`/api/disputes/${id}/events`)).items;
  assert.equal(log.filter((e: { type: string }) => e.type === 'SELLER_RESPONDED').length, 1);
  // The same key on another dispute is another scope: it applies there.
  const other = (await post('/api/disputes', disputeBody())).json.id;
  assert.equal((await post(`/api/disputes/${other}/events`, ev, { 'idempotency-key': 'spell-ev' })).json.id, other);
});

/** Every page of `path` at `limit`, following nextCursor to the end. */
async function allPages(path: string, limit: number) {
  const pages: unknown[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.items.length <= limit);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

test('pages of events and previews join up to the whole list; verify still reads the whole chain', async () => {
  const id = (await post('/api/disputes', disputeBody())).json.id;
  // Tracking that flips between stalled and delivered changes the preview each time.
  for (let i = 0; i < 6; i++) {
    const status = i % 2 === 0 ? 'stalled' : 'delivered';
    const res = await post(`/api/disputes/${id}/events`, { type: 'TRACKING_UPDATED', tracking: { status, lastUpdateAt: '2026-11-12T15:20:00Z' } });
    assert.equal(res.status, 200, res.text);
  }
  const events = (await get(`/api/disputes/${id}/events?limit=500`)).items;
  const previews = (await get(`/api/disputes/${id}/previews?limit=500`)).items;
  assert.equal(events.length, 7);
  assert.ok(previews.length >= 3, `${previews.length} previews`);
  for (const limit of [1, 2, 3]) {
    const ev = await allPages(`/api/disputes/${id}/events`, limit);
    assert.deepEqual(ev.flat(), events, `events by ${limit}`);
    assert.equal(ev.length, Math.ceil(events.length / limit));
    assert.deepEqual((await allPages(`/api/disputes/${id}/previews`, limit)).flat(), previews, `previews by ${limit}`);
  }
  const verified = await get(`/api/disputes/${id}/events/verify`);
  assert.deepEqual([verified.ok, verified.entries], [true, 7]);
});

test('pages of a dispute\'s evidence join up to the whole list', async () => {
  const id = (await post('/api/disputes', disputeBody())).json.id;
  const uploaded: string[] = [];
  for (const [kind, file, name] of [['carrier_letter', fx.pdf, 'a.pdf'], ['product_photo', fx.cameraJpeg, 'b.jpg'], ['label_photo', fx.cameraJpeg, 'c.jpg']] as const) {
    const up = await uploadEvidence(svc.url, id, kind, readFileSync(file), {}, name);
    assert.equal(up.status, 202, JSON.stringify(up.body));
    uploaded.push(up.body.id);
  }
  for (const e of uploaded) await settledEvidence(svc.url, e);
  const whole = (await get(`/api/disputes/${id}/evidence`)).items;
  assert.deepEqual(whole.map((e: { id: string }) => e.id).sort(), [...uploaded].sort());
  assert.deepEqual((await allPages(`/api/disputes/${id}/evidence`, 1)).flat(), whole);
  assert.deepEqual((await allPages(`/api/disputes/${id}/evidence`, 2)).flat(), whole);
});

test('amounts inside the rules pass: a partial refund below the order, an arbitration split, JPY without decimals', async () => {
  const id = (await post('/api/disputes', disputeBody())).json.id;
  const partial = await post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '64.89', currency: 'USD' } });
  assert.equal(partial.status, 200, partial.text);
  assert.equal((await post(`/api/disputes/${id}/events`, { type: 'ESCALATED', by: 'buyer' })).status, 200);
  const split = await post(`/api/disputes/${id}/events`, { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'partial_refund', amount: { value: '0.01', currency: 'USD' } });
  assert.equal(split.status, 200, split.text);
  assert.deepEqual(split.json.outcome.amount, { value: '0.01', currency: 'USD' });

  const yen = disputeBody() as any;
  yen.order.amount = { value: '9800', currency: 'JPY' };
  const y = await post('/api/disputes', yen);
  assert.equal(y.status, 201, y.text);
  const refused = await post(`/api/disputes/${y.json.id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '9800', currency: 'JPY' } });
  assert.equal(refused.json.errors[0].pointer, '/amount');
  assert.equal((await post(`/api/disputes/${y.json.id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '4900', currency: 'JPY' } })).status, 200);
});

test('ids are trimmed and NFC-normalised; an openedAt within the 5-minute skew is accepted', async () => {
  const body = disputeBody({ sellerId: '  Cafe\u0301-seller  ', openedAt: new Date(Date.now() + 60_000).toISOString() });
  const res = await post('/api/disputes', body);
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.sellerId, 'Caf\u00e9-seller');
});

test('categories: aliases reach the policy\'s name; an unknown one is kept and flagged in the preview', async () => {
  const open = async (category: string) => {
    const b = disputeBody() as any;
    b.order.category = category;
    const res = await post('/api/disputes', b);
    assert.equal(res.status, 201, res.text);
    return res.json.id as string;
  };
  const rulesOf = async (id: string) => (await get(`/api/disputes/${id}/verdict-preview`)).reasons.map((r: { rule: string }) => r.rule);
  for (const [given, name] of [['jewelry', 'jewellery'], ['Phone Accessories', 'phone_accessories'], ['  Watches ', 'watches']] as const) {
    const id = await open(given);
    assert.equal((await get(`/api/disputes/${id}`)).order.category, name, given);
    assert.ok(!(await rulesOf(id)).includes('category.unknown'), given);
  }
  const unknown = await open('Kitchen Robots');
  assert.equal((await get(`/api/disputes/${unknown}`)).order.category, 'Kitchen Robots');
  const reason = (await get(`/api/disputes/${unknown}/verdict-preview`)).reasons.find((r: { rule: string }) => r.rule === 'category.unknown');
  assert.match(reason.text, /"Kitchen Robots" is not one the policy knows; category rules were not applied/);
});
