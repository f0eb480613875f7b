import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
before(async () => {
  svc = await testService();
});
after(() => svc.close());

function notReceivedWithoutProof() {
  const body = disputeBody({ openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  delete (body.order.shipment as Record<string, unknown>).deliveryProof;
  return body;
}

test('the preview says who would win, why (citing rule ids) and what is missing by when', async () => {
  const d = (await svc.api.post('/api/disputes', notReceivedWithoutProof())).body;
  const res = await svc.api.get(`/api/disputes/${d.id}/verdict-preview`);
  assert.equal(res.status, 200);
  const p = res.body;
  assert.equal(p.favours, 'buyer');
  assert.ok(p.reasons.some((r: { rule: string }) => r.rule === 'not_received.delivery_proof'));
  const proof = p.missing.find((m: { kind: string }) => m.kind === 'delivery_proof_photo');
  assert.ok(proof, 'a delivery-proof photo is listed as missing');
  assert.equal(proof.dueBy, d.deadlines.solution);
  assert.ok(p.flips.some((f: { wouldFavour: string }) => f.wouldFavour === 'seller'));
  assert.equal(p.preArbitration, null);
});

test('entering arbitration records the pre-arbitration preview; the timeline keeps each change', async () => {
  const d = (await svc.api.post('/api/disputes', notReceivedWithoutProof())).body;
  await svc.api.post(`/api/disputes/${d.id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
  await svc.api.post(`/api/disputes/${d.id}/events`, { type: 'BUYER_REJECTED' });
  const esc = await svc.api.post(`/api/disputes/${d.id}/events`, { type: 'ESCALATED', by: 'seller' });
  assert.equal(esc.body.status, 'in_arbitration');
  const p = (await svc.api.get(`/api/disputes/${d.id}/verdict-preview`)).body;
  assert.equal(p.preArbitration.seq, esc.body.version);
  assert.equal(p.preArbitration.preview.status, 'in_arbitration');
  assert.equal(p.preArbitration.preview.favours, 'buyer');
  const timeline = (await svc.api.get(`/api/disputes/${d.id}/previews`)).body.items;
  assert.equal(timeline[0].seq, 1, 'the first preview is recorded at filing');
  assert.ok(timeline.filter((x: { kind: string }) => x.kind === 'pre_arbitration').length === 1);
  await svc.api.post(`/api/disputes/${d.id}/events`, { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'full_refund' });
  const final = (await svc.api.get(`/api/disputes/${d.id}/verdict-preview`)).body;
  assert.deepEqual([final.favours, final.remedy, final.confidence], ['buyer', 'full_refund', 1]);
  assert.deepEqual(final.missing, []);
});

test('an auto-judged import previews the buyer with the deadline rule, and the preview agrees with the outcome', async () => {
  const d = (await svc.api.post('/api/disputes', disputeBody({ openedAt: '2026-01-01T00:00:00Z', order: { ...disputeBody().order, shipment: { ...disputeBody().order.shipment, shippedAt: '2025-12-20T10:00:00Z' } } }))).body;
  assert.equal(d.status, 'resolved');
  const p = (await svc.api.get(`/api/disputes/${d.id}/verdict-preview`)).body;
  assert.equal(p.favours, d.outcome.favours);
  assert.equal(p.remedy, d.outcome.remedy);
  assert.ok(p.reasons.some((r: { rule: string }) => r.rule === 'outcome.resolved' || r.rule === 'deadline.first_response'));
});
