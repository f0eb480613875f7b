/**
 * `POST /api/evidence/:id/review` over real HTTP: a photo whose metadata was stripped (no camera
 * EXIF, so `original` cannot vouch for it) really lands in needs_review; a person settles it
 * through the command path and the preview follows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let stripped: Buffer;
/** One dispute for every upload: the same file on another dispute would be reuse (rejected). */
let disputeId: string;

before(async () => {
  stripped = readFileSync((await ensureFixtures()).strippedPhotoJpeg);
  svc = await testService();
  disputeId = (await svc.api.post('/api/disputes', disputeBody())).body.id;
});
after(() => svc.close());

type Reason = { rule: string; effect: string; text: string; evidence: string[]; facts: Record<string, unknown> };
const preview = async (id: string) => (await svc.api.get(`/api/disputes/${id}/verdict-preview`)).body as { reasons: Reason[] };
const citing = (p: { reasons: Reason[] }, rule: string, evidenceId: string) => p.reasons.find((r) => r.rule === rule && r.evidence.includes(evidenceId));

async function flaggedPhoto(): Promise<{ disputeId: string; evidenceId: string }> {
  const up = await uploadEvidence(svc.url, disputeId, 'label_photo', stripped);
  assert.equal(up.status, 202, JSON.stringify(up.body));
  const e = await settledEvidence(svc.url, up.body.id);
  assert.equal(e.status, 'needs_review', JSON.stringify(e.report.checks));
  return { disputeId, evidenceId: up.body.id };
}

test('accepting a needs_review photo logs who decided, settles the row and turns the preview\'s "waiting for review" into usable, reviewed evidence', async () => {
  const { disputeId, evidenceId } = await flaggedPhoto();
  assert.ok(citing(await preview(disputeId), 'evidence.pending', evidenceId), 'waiting for review before');

  const key = { 'Idempotency-Key': `review-${evidenceId}` };
  const res = await svc.api.post(`/api/evidence/${evidenceId}/review`, { decision: 'accept', note: 'label readable, camera app strips EXIF' }, key);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual([res.body.status, res.body.review.decision, res.body.review.by], ['accepted', 'accept', 'key:local']);

  const log = (await svc.api.get(`/api/disputes/${disputeId}/events`)).body.items.at(-1);
  assert.deepEqual([log.type, log.actor, log.payload.evidenceId, log.payload.decision], ['EVIDENCE_REVIEWED', 'key:local', evidenceId, 'accept']);
  const summary = (await svc.api.get(`/api/disputes/${disputeId}`)).body.evidence.find((e: { id: string }) => e.id === evidenceId);
  assert.deepEqual([summary.status, summary.review.by], ['accepted', 'key:local']);

  const p = await preview(disputeId);
  assert.equal(citing(p, 'evidence.pending', evidenceId), undefined);
  const reviewed = citing(p, 'evidence.reviewed', evidenceId);
  assert.ok(reviewed, JSON.stringify(p.reasons));
  assert.match(reviewed.text, /accepted on review .*key:local/);
  const timeline = (await svc.api.get(`/api/disputes/${disputeId}/previews`)).body.items;
  assert.ok(citing(timeline.at(-1).preview, 'evidence.reviewed', evidenceId), 'the recomputed preview is stored in the same unit of work');

  const replay = await svc.api.post(`/api/evidence/${evidenceId}/review`, { decision: 'accept', note: 'label readable, camera app strips EXIF' }, key);
  assert.deepEqual([replay.status, replay.body], [200, res.body], 'a retry gets the first answer back');
  const again = await svc.api.post(`/api/evidence/${evidenceId}/review`, { decision: 'reject' });
  assert.deepEqual([again.status, again.body.code, again.body.evidenceStatus], [409, 'EVIDENCE.NOT_IN_REVIEW', 'accepted']);
});

test('rejecting a needs_review photo makes it count as rejected', async () => {
  const { disputeId, evidenceId } = await flaggedPhoto();
  const res = await svc.api.post(`/api/evidence/${evidenceId}/review`, { decision: 'reject', note: 'not this parcel' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await svc.api.get(`/api/evidence/${evidenceId}`)).body.status, 'rejected');
  const p = await preview(disputeId);
  assert.ok(citing(p, 'evidence.rejected', evidenceId), JSON.stringify(p.reasons));
  assert.match(citing(p, 'evidence.reviewed', evidenceId)!.text, /rejected on review .*not this parcel/);
});

test('reviews refuse bad input, unknown evidence, and clients cannot send EVIDENCE_REVIEWED as an event', async () => {
  const { disputeId, evidenceId } = await flaggedPhoto();
  const bad = await svc.api.post(`/api/evidence/${evidenceId}/review`, { decision: 'maybe' });
  assert.deepEqual([bad.status, bad.body.code, bad.body.errors[0].pointer], [400, 'REQUEST.INVALID', '/decision']);
  const missing = await svc.api.post('/api/evidence/evd_00000000000000000000000000000000/review', { decision: 'accept' });
  assert.deepEqual([missing.status, missing.body.code], [404, 'EVIDENCE.NOT_FOUND']);
  const forged = await svc.api.post(`/api/disputes/${disputeId}/events`, { type: 'EVIDENCE_REVIEWED', evidenceId, decision: 'accept', by: 'me' });
  assert.equal(forged.status, 400, JSON.stringify(forged.body));
  assert.equal((await svc.api.get(`/api/evidence/${evidenceId}`)).body.status, 'needs_review');
});
