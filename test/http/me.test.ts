import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
});
after(() => svc.close());

test('GET /api/me tells a key what it may do, as the routes enforce it', async () => {
  const agent = await svc.as('agent', 'seller-1');
  const me = await agent.get('/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.role, 'agent');
  assert.equal(me.body.sellerId, 'seller-1');
  assert.ok(me.body.events.includes('SOLUTION_PROPOSED'));
  assert.ok(!me.body.events.includes('ARBITRATION_DECIDED'));
  assert.ok(!me.body.capabilities.includes('evidence.review'));
  // What /api/me says is what the review route does.
  assert.equal((await agent.post('/api/evidence/ev_none/review', { decision: 'accept', note: 'x' })).status, 403);

  const arbitrator = await (await svc.as('arbitrator')).get('/api/me');
  assert.ok(arbitrator.body.capabilities.includes('evidence.review'));
  assert.deepEqual(arbitrator.body.events, ['ARBITRATION_DECIDED']);
  assert.equal((await svc.api.get('/api/me')).status, 401);
});
