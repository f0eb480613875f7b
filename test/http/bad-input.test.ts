import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let id: string;
before(async () => {
  svc = await testService();
  id = (await svc.api.post('/api/disputes', disputeBody())).body.id;
});
after(() => svc.close());

const countDisputes = async () => (await svc.api.get('/api/disputes?limit=200')).body.items.length;
const logLength = async () => (await svc.api.get(`/api/disputes/${id}/events`)).body.items.length;

async function assertProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(res.body.code, code);
  assert.equal(res.body.status, status);
  assert.ok(res.body.type && res.body.title && res.body.detail);
}

test('malformed JSON is 400 REQUEST.MALFORMED_JSON and writes nothing', async () => {
  const before = await countDisputes();
  await assertProblem(await svc.api.post('/api/disputes', '{"sellerId": "s", '), 400, 'REQUEST.MALFORMED_JSON');
  await assertProblem(await svc.api.post(`/api/disputes/${id}/events`, '{"type":'), 400, 'REQUEST.MALFORMED_JSON');
  assert.equal(await countDisputes(), before);
});

test('wrong types get REQUEST.INVALID with a JSON pointer per problem', async () => {
  const body = disputeBody({ reason: 'lost_interest' }) as any;
  body.order.amount = { value: 64.9, currency: 'usd' };
  body.order.items = [];
  const res = await svc.api.post('/api/disputes', body);
  await assertProblem(res, 400, 'REQUEST.INVALID');
  const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer).sort();
  assert.deepEqual(pointers, ['/order/amount/currency', '/order/amount/value', '/order/items', '/reason']);
});

test('money as a float, unknown fields and a partial refund without amount are refused', async () => {
  await assertProblem(await svc.api.post('/api/disputes', disputeBody({ surprise: 1 })), 400, 'REQUEST.INVALID');
  const res = await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund' });
  await assertProblem(res, 400, 'REQUEST.INVALID');
  assert.equal(res.body.errors[0].pointer, '/amount');
  await assertProblem(await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED', version: 'one' }), 400, 'REQUEST.INVALID');
});

test('unknown events and internal events from clients are refused; nothing is logged', async () => {
  const before = await logLength();
  await assertProblem(await svc.api.post(`/api/disputes/${id}/events`, { type: 'BUYER_SMILED' }), 400, 'REQUEST.INVALID');
  const internal = await svc.api.post(`/api/disputes/${id}/events`, { type: 'DEADLINE_PASSED', deadline: 'first_response' });
  await assertProblem(internal, 400, 'REQUEST.INVALID');
  assert.match(internal.body.detail, /internal/);
  await assertProblem(await svc.api.post(`/api/disputes/${id}/events`, { type: 'EVIDENCE_REPORTED', evidence: {} }), 400, 'REQUEST.INVALID');
  await assertProblem(await svc.api.post(`/api/disputes/${id}/events`, [1, 2]), 400, 'REQUEST.INVALID');
  assert.equal(await logLength(), before);
});

test('an event the state does not allow is 409 and names the allowed ones', async () => {
  const res = await svc.api.post(`/api/disputes/${id}/events`, { type: 'BUYER_ACCEPTED' });
  await assertProblem(res, 409, 'DISPUTE.EVENT_NOT_ALLOWED');
  assert.deepEqual(res.body.allowedEvents, ['BUYER_WITHDREW', 'SELLER_ACCEPTED_CLAIM', 'SELLER_RESPONDED', 'SOLUTION_PROPOSED', 'TRACKING_UPDATED']);
});

test('unknown disputes and routes are 404 problems', async () => {
  await assertProblem(await svc.api.get('/api/disputes/dsp_00000000000000000000000000000000'), 404, 'DISPUTE.NOT_FOUND');
  await assertProblem(await svc.api.get('/api/disputes/../../etc/passwd'), 404, 'ROUTE.NOT_FOUND');
  await assertProblem(await svc.api.post('/api/disputes/nope/events', { type: 'SELLER_RESPONDED' }), 404, 'DISPUTE.NOT_FOUND');
  await assertProblem(await svc.api.get('/api/nothing'), 404, 'ROUTE.NOT_FOUND');
});

test('a huge body is 413 before parsing, a non-JSON body 415; the server stays up', async () => {
  const before = await countDisputes();
  const huge = JSON.stringify(disputeBody({ claim: 'x'.repeat(5_000_000) }));
  await assertProblem(await svc.api.post('/api/disputes', huge), 413, 'REQUEST.TOO_LARGE');
  await assertProblem(await svc.api.post('/api/disputes', 'reason=damaged', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  assert.equal(await countDisputes(), before);
  assert.equal((await svc.api.get('/healthz')).status, 200);
});

test('a list query with bad filters is a 400 naming the parameter', async () => {
  const res = await svc.api.get('/api/disputes?status=sleeping&limit=0');
  await assertProblem(res, 400, 'REQUEST.INVALID');
  assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/limit', '/status']);
});
