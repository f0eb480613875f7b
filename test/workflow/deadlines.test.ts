import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { manualClock } from '../../src/workflow/clock.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const clock = manualClock(T0);
let svc: Awaited<ReturnType<typeof testService>>;

// A fresh service (and SQLite file) per test, so firings counted are this test's own.
beforeEach(async () => {
  svc = await testService({ clock, timers: false });
});
afterEach(() => svc.close());

/** Files a dispute at T0 with the clock at T0, then puts the clock at `T0 + offset`. */
async function fileAt(offsetMs: number) {
  clock.set(T0);
  const res = await svc.api.post('/api/disputes', disputeBody({ openedAt: new Date(T0).toISOString() }));
  assert.equal(res.status, 201);
  clock.set(T0 + offsetMs);
  return res.body.id as string;
}
const fired = () => svc.poller.runOnce();
const get = async (id: string) => (await svc.api.get(`/api/disputes/${id}`)).body;

test('24 h: one ms before the first-response deadline nothing fires; at it the buyer wins by auto-judgment', async () => {
  const id = await fileAt(24 * HOUR - 1);
  assert.equal(await fired(), 0);
  assert.equal((await get(id)).status, 'awaiting_seller_response');
  clock.advance(1);
  assert.equal(await fired(), 1);
  const d = await get(id);
  assert.equal(d.status, 'resolved');
  assert.deepEqual(
    { favours: d.outcome.favours, remedy: d.outcome.remedy, decidedBy: d.outcome.decidedBy, basis: d.outcome.basis },
    { favours: 'buyer', remedy: 'full_refund', decidedBy: 'auto_judgment', basis: 'deadline:first_response' },
  );
  assert.deepEqual(d.outcome.amount, { value: '64.90', currency: 'USD' });
});

test('a response one ms before 24 h is accepted; one ms after it meets an auto-judged dispute (409)', async () => {
  const inTime = await fileAt(24 * HOUR - 1);
  assert.equal((await svc.api.post(`/api/disputes/${inTime}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
  const late = await fileAt(24 * HOUR + 1);
  const res = await svc.api.post(`/api/disputes/${late}/events`, { type: 'SELLER_RESPONDED' });
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'DISPUTE.EVENT_NOT_ALLOWED');
  assert.deepEqual(res.body.allowedEvents, []);
  assert.equal((await get(late)).outcome.basis, 'deadline:first_response');
});

test('48 h: a seller who responded but offers no solution loses at 48 h, not a ms before', async () => {
  const id = await fileAt(HOUR);
  await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED' });
  const d = await get(id);
  assert.equal(d.status, 'awaiting_solution');
  assert.deepEqual(d.deadlines, { solution: new Date(T0 + 48 * HOUR).toISOString() });
  clock.set(T0 + 48 * HOUR - 1);
  assert.equal(await fired(), 0);
  clock.set(T0 + 48 * HOUR + 1);
  assert.equal(await fired(), 1);
  assert.equal((await get(id)).outcome.basis, 'deadline:solution');
});

test('a solution at 47 h 59 m, after a first response in time, stops the 48 h clock', async () => {
  const id = await fileAt(HOUR);
  assert.equal((await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
  clock.set(T0 + 47 * HOUR + 59 * 60_000);
  const res = await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'awaiting_buyer');
  clock.set(T0 + 49 * HOUR);
  assert.equal(await fired(), 0);
  assert.equal((await get(id)).status, 'awaiting_buyer');
});

test('a dispute imported after its deadline is auto-judged at once', async () => {
  clock.set(T0 + 30 * HOUR);
  const res = await svc.api.post('/api/disputes', disputeBody({ openedAt: new Date(T0).toISOString() }));
  assert.equal(res.status, 201);
  assert.equal(res.body.status, 'resolved');
  assert.equal(res.body.outcome.basis, 'deadline:first_response');
  const log = (await svc.api.get(`/api/disputes/${res.body.id}/events`)).body.items.map((e: { type: string }) => e.type);
  assert.deepEqual(log, ['DISPUTE_FILED', 'DEADLINE_PASSED']);
});

test('a firing for a deadline already met is a no-op and leaves no log entry', async () => {
  const id = await fileAt(HOUR);
  await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'refund' });
  await svc.workflow.execute({ type: 'fire_deadlines', disputeId: id });
  await svc.workflow.execute({ type: 'fire_deadlines', disputeId: id });
  const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items;
  assert.deepEqual(log.map((e: { type: string }) => e.type), ['DISPUTE_FILED', 'SOLUTION_PROPOSED']);
});

test('a buyer silent past the answer window is deemed to accept; negotiation that runs out goes to arbitration', async () => {
  const id = await fileAt(HOUR);
  await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '20.00', currency: 'USD' } });
  clock.advance(72 * HOUR);
  assert.equal(await fired(), 1);
  const d = await get(id);
  assert.deepEqual([d.outcome.favours, d.outcome.remedy, d.outcome.basis], ['split', 'partial_refund', 'deadline:buyer_answer']);

  const n = await fileAt(HOUR);
  await svc.api.post(`/api/disputes/${n}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
  await svc.api.post(`/api/disputes/${n}/events`, { type: 'BUYER_REJECTED' });
  clock.advance(120 * HOUR);
  assert.equal(await fired(), 1);
  const e = await get(n);
  assert.equal(e.status, 'in_arbitration');
  assert.equal(e.escalatedBy, 'system');
});
