import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
before(async () => {
  svc = await testService();
});
after(() => svc.close());

test('a retried POST with the same Idempotency-Key returns the first answer and creates nothing new', async () => {
  const body = disputeBody();
  const first = await svc.api.post('/api/disputes', body, { 'Idempotency-Key': 'k-create-1' });
  const again = await svc.api.post('/api/disputes', body, { 'Idempotency-Key': 'k-create-1' });
  assert.equal(first.status, 201);
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  const other = await svc.api.post('/api/disputes', { ...body, claim: 'changed' }, { 'Idempotency-Key': 'k-create-1' });
  assert.equal(other.status, 422);
  assert.equal(other.body.code, 'IDEMPOTENCY.KEY_REUSED');
  const all = (await svc.api.get('/api/disputes?limit=200')).body.items;
  assert.equal(all.filter((d: { externalId: string }) => d.externalId === body.externalId).length, 1);
});

test('a retried event replays its answer instead of a 409, and is logged once', async () => {
  const id = (await svc.api.post('/api/disputes', disputeBody())).body.id;
  const ev = { type: 'SOLUTION_PROPOSED', solution: 'refund' };
  const a = await svc.api.post(`/api/disputes/${id}/events`, ev, { 'Idempotency-Key': 'k-ev-1' });
  const b = await svc.api.post(`/api/disputes/${id}/events`, ev, { 'Idempotency-Key': 'k-ev-1' });
  assert.equal(a.status, 200);
  assert.deepEqual(b.body, a.body);
  const fresh = await svc.api.post(`/api/disputes/${id}/events`, ev, { 'Idempotency-Key': 'k-ev-2' });
  assert.equal(fresh.status, 409);
  const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items;
  assert.equal(log.filter((e: { type: string }) => e.type === 'SOLUTION_PROPOSED').length, 1);
});

test('the same external id for the same seller is 409 DISPUTE.ALREADY_EXISTS', async () => {
  const body = disputeBody();
  const first = await svc.api.post('/api/disputes', body);
  const dup = await svc.api.post('/api/disputes', body);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.code, 'DISPUTE.ALREADY_EXISTS');
  assert.equal(dup.body.existingId, first.body.id);
});

test('the dispute view carries status, deadlines, allowed events, version and policy version', async () => {
  const openedAt = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, '.000Z');
  const d = (await svc.api.post('/api/disputes', disputeBody({ openedAt }))).body;
  assert.equal(d.status, 'awaiting_seller_response');
  assert.equal(d.version, 1);
  assert.equal(d.policyVersion, '2024-05.1');
  assert.deepEqual(d.deadlines, {
    first_response: new Date(Date.parse(openedAt) + 24 * 3_600_000).toISOString(),
    solution: new Date(Date.parse(openedAt) + 48 * 3_600_000).toISOString(),
  });
  assert.ok(d.allowedEvents.includes('SELLER_RESPONDED'));
  assert.equal(d.outcome, null);
});

test('listing filters by status and due-before and pages with a cursor', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await svc.api.post('/api/disputes', disputeBody({ sellerId: 'seller-page' }))).body.id);
  await svc.api.post(`/api/disputes/${ids[0]}/events`, { type: 'BUYER_WITHDREW' });
  const seen: string[] = [];
  let cursor = '';
  for (let page = 0; page < 5; page++) {
    const res = (await svc.api.get(`/api/disputes?sellerId=seller-page&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
    seen.push(...res.items.map((d: { id: string }) => d.id));
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  assert.deepEqual(seen, [...ids].sort());
  const resolved = (await svc.api.get('/api/disputes?sellerId=seller-page&status=resolved')).body.items;
  assert.deepEqual(resolved.map((d: { id: string }) => d.id), [ids[0]]);
  const soon = new Date(Date.now() + 25 * 3_600_000).toISOString();
  const due = (await svc.api.get(`/api/disputes?sellerId=seller-page&dueBefore=${soon}`)).body.items;
  assert.equal(due.length, 4, 'the withdrawn dispute has no deadline left');
  const none = (await svc.api.get(`/api/disputes?sellerId=seller-page&dueBefore=${new Date(Date.now()).toISOString()}`)).body.items;
  assert.equal(none.length, 0);
});
