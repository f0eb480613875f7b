import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { finalizeReport, summarize, type SummaryRow } from '../../src/evidence/evidence-summary.builder.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import { ctx, ensureFixtures } from './evidence-helpers.ts';

const SIGNED_AT = Date.parse('2024-05-11T09:00:00Z');
let proof: EvidenceReport;
let video: EvidenceReport;
before(async () => {
  const fx = await ensureFixtures();
  proof = await runChecks(fx.deliverySharp, 'delivery_proof_photo', ctx());
  video = await runChecks(fx.video14_9, 'packing_video', ctx());
});

const row = (over: Partial<SummaryRow> = {}): SummaryRow => ({ id: 'ev-1', kind: 'delivery_proof_photo', sha256: 'a'.repeat(64), status: 'checking', uploadedAt: 1_000, fields: {}, ...over });

test('finalizeReport adds delivery.proof to a delivery-proof photo and recomputes the status', () => {
  const signed = finalizeReport(proof, 'delivery_proof_photo', { signerName: 'J. Smith', signedAt: SIGNED_AT });
  assert.deepEqual(signed.checks.at(-1)?.code, 'DELIVERY_PROOF.OK');
  assert.equal(signed.status, 'accepted');
  const unsigned = finalizeReport(proof, 'delivery_proof_photo', {});
  assert.equal(unsigned.checks.at(-1)?.code, 'DELIVERY_PROOF.INCOMPLETE');
  assert.deepEqual(unsigned.checks.at(-1)?.details, { signerName: null, signedAt: null, legible: 'pass' });
  assert.equal(unsigned.status, 'rejected', 'a measured fail');
  assert.equal(proof.checks.some((c) => c.id === 'delivery.proof'), false, 'the input report is not touched');
});

test('finalizeReport is idempotent and derives nothing for other kinds', () => {
  const once = finalizeReport(proof, 'delivery_proof_photo', { signerName: 'J. Smith', signedAt: SIGNED_AT });
  assert.deepEqual(finalizeReport(once, 'delivery_proof_photo', { signerName: 'J. Smith', signedAt: SIGNED_AT }), once);
  const v = finalizeReport(video, 'packing_video', { signerName: 'J. Smith' });
  assert.deepEqual(v.checks, video.checks);
  assert.equal(v.status, 'rejected');
});

test('summarize: no report yet is a checking summary without checks; capturedAt from the form', () => {
  assert.deepEqual(summarize(row({ fields: { capturedAt: 5, signerName: 'J. Smith' } }), null), {
    id: 'ev-1',
    kind: 'delivery_proof_photo',
    sha256: 'a'.repeat(64),
    status: 'checking',
    uploadedAt: 1_000,
    capturedAt: 5,
    checks: [],
    signerName: 'J. Smith',
  });
});

test("summarize: the report's checks without messages or proofs, its capture time over the form's, its status on a checking row", () => {
  const fields = { capturedAt: 5, signerName: 'J. Smith', signedAt: SIGNED_AT };
  const final = finalizeReport(proof, 'delivery_proof_photo', fields);
  const s = summarize(row({ fields }), final);
  assert.equal(s.status, 'accepted');
  assert.equal(s.capturedAt, proof.capturedAt);
  assert.equal(s.signedAt, SIGNED_AT);
  assert.deepEqual(s.checks.map((c) => c.id), ['file.type', 'file.limits', 'original', 'photo.legible', 'reuse', 'delivery.proof']);
  assert.ok(s.checks.every((c) => !('message' in c) && !('proof' in c)));
  assert.deepEqual(s.checks.find((c) => c.id === 'photo.legible')?.details, proof.checks.find((c) => c.id === 'photo.legible')?.details);
  assert.equal(summarize(row({ status: 'accepted', fields: {} }), finalizeReport(proof, 'delivery_proof_photo', {})).status, 'accepted', 'a settled row keeps its status');
});
