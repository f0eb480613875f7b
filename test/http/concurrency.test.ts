import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
before(async () => {
  svc = await testService();
});
after(() => svc.close());

async function assertLogWhole(id: string, expectedLength: number) {
  const log = (await svc.api.get(`/api/disputes/${id}/events`)).body.items as Array<{ seq: number; prevHash: string; hash: string }>;
  assert.deepEqual(log.map((e) => e.seq), Array.from({ length: expectedLength }, (_, i) => i + 1), 'no gaps, no duplicates');
  log.forEach((e, i) => assert.equal(e.prevHash, i === 0 ? '0'.repeat(64) : log[i - 1]!.hash, `entry ${e.seq} chains to the one before`));
  assert.equal(new Set(log.map((e) => e.hash)).size, log.length);
}

test('50 parallel proposals: exactly one wins, 49 get 409 with the events allowed now', async () => {
  const id = (await svc.api.post('/api/disputes', disputeBody())).body.id;
  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      svc.api.post(`/api/disputes/${id}/events`, i % 2 ? { type: 'SOLUTION_PROPOSED', solution: 'refund' } : { type: 'SOLUTION_PROPOSED', solution: 'resend' }),
    ),
  );
  assert.equal(replies.filter((r) => r.status === 200).length, 1);
  const refused = replies.filter((r) => r.status === 409);
  assert.equal(refused.length, 49);
  for (const r of refused) {
    assert.equal(r.body.code, 'DISPUTE.EVENT_NOT_ALLOWED');
    assert.ok(r.body.allowedEvents.includes('BUYER_ACCEPTED'));
  }
  await assertLogWhole(id, 2);
});

test('50 parallel events all expecting version 1: exactly one wins, the rest get VERSION_CONFLICT', async () => {
  const id = (await svc.api.post('/api/disputes', disputeBody())).body.id;
  const replies = await Promise.all(
    Array.from({ length: 50 }, () =>
      svc.api.post(`/api/disputes/${id}/events`, { type: 'TRACKING_UPDATED', tracking: { status: 'delivered' }, version: 1 }),
    ),
  );
  assert.equal(replies.filter((r) => r.status === 200).length, 1);
  const conflicts = replies.filter((r) => r.status === 409);
  assert.equal(conflicts.length, 49);
  for (const r of conflicts) assert.deepEqual([r.body.code, r.body.currentVersion], ['DISPUTE.VERSION_CONFLICT', 2]);
  await assertLogWhole(id, 2);
});

test('50 parallel mixed moves from buyer and seller: the log holds exactly the accepted ones, in order', async () => {
  const id = (await svc.api.post('/api/disputes', disputeBody())).body.id;
  await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
  const moves = [{ type: 'BUYER_ACCEPTED' }, { type: 'BUYER_REJECTED' }, { type: 'ESCALATED', by: 'seller' }, { type: 'BUYER_WITHDREW' }, { type: 'SELLER_ACCEPTED_CLAIM' }];
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => svc.api.post(`/api/disputes/${id}/events`, moves[i % moves.length])));
  const won = replies.filter((r) => r.status === 200).length;
  assert.equal(won + replies.filter((r) => r.status === 409).length, 50, 'every reply is a win or a 409');
  const d = (await svc.api.get(`/api/disputes/${id}`)).body;
  assert.equal(d.version, 2 + won);
  await assertLogWhole(id, 2 + won);
});
