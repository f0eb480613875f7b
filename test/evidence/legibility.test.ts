/**
 * Issue 10, legibility as readability: real checks on real photos (test/fixtures/make-legibility-fixtures.ts).
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { finalizeReport, summarize } from '../../src/evidence/evidence-summary.builder.ts';
import { ensureLegibilityFixtures, OTHER_TRACKING, PRINTED_AT, PRINTED_SIGNER } from '../fixtures/make-legibility-fixtures.ts';
import { only, policy, TRACKING } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureLegibilityFixtures>>;
before(async () => {
  fx = await ensureLegibilityFixtures();
});

const legible = async (path: string, kind: 'label_photo' | 'delivery_proof_photo' = 'label_photo') => (await only(path, kind, ['photo.legible'])).checks[0]!;

test('a 12 MP phone photo of a parcel label is legible though its whole-scene sharpness is under the minimum', async () => {
  const row = await legible(fx.phoneLabel);
  assert.equal(row.status, 'pass', row.message);
  assert.equal(row.code, 'PHOTO.READABLE');
  assert.equal(row.details?.width, 4032);
  assert.equal(row.details?.trackingNumberRead, true);
  assert.equal(row.details?.measuredOn, 'text_regions');
  // What issue 10 saw: the whole scene measures under the minimum, the label over it.
  assert.ok(Number(row.details?.sceneSharpness) < policy.evidence.minSharpness, `scene ${row.details?.sceneSharpness}`);
  assert.ok(Number(row.details?.sharpness) >= policy.evidence.minSharpness, `text ${row.details?.sharpness}`);
});

test('the same photo blurred fails as blurred, measured where the text is', async () => {
  const row = await legible(fx.phoneLabelBlurred);
  assert.equal(row.status, 'fail');
  assert.equal(row.code, 'PHOTO.BLURRED');
  assert.equal(row.details?.measuredOn, 'text_regions');
  assert.ok(Number(row.details?.sharpness) < policy.evidence.minSharpness);
  assert.deepEqual(row.details?.reads, []);
});

test('a sharp scene with nothing to read is a warning, not blurred', async () => {
  const row = await legible(fx.sceneNoText, 'delivery_proof_photo');
  assert.equal(row.status, 'warn', row.message);
  assert.equal(row.code, 'PHOTO.NOTHING_TO_READ');
  assert.equal(row.details?.measuredOn, 'scene');
});

test('the signer and time printed on a delivery photo are read and used when the upload gives none', async () => {
  const report = await only(fx.deliverySigned, 'delivery_proof_photo', ['photo.legible']);
  const row = report.checks[0]!;
  assert.equal(row.status, 'pass', row.message);
  assert.equal(row.details?.signerRead, PRINTED_SIGNER);
  assert.equal(row.details?.signedAtRead, new Date(PRINTED_AT).toISOString());
  const final = finalizeReport(report, 'delivery_proof_photo', {});
  const proof = final.checks.find((c) => c.id === 'delivery.proof')!;
  assert.equal(proof.status, 'pass', proof.message);
  assert.equal(proof.details?.signerFrom, 'photo');
  assert.equal(proof.details?.signedAt, Date.parse(PRINTED_AT));
  const summary = summarize({ id: 'evd_1', kind: 'delivery_proof_photo', sha256: report.sha256, status: 'checking', uploadedAt: 0, fields: {} }, final);
  assert.equal(summary.signerName, PRINTED_SIGNER);
  assert.equal(summary.signedAt, Date.parse(PRINTED_AT));

  // The same spelled otherwise agrees; another signer or another time is a warning naming both.
  const same = finalizeReport(report, 'delivery_proof_photo', { signerName: 'J. Garcia', signedAt: Date.parse(PRINTED_AT) + 60_000 });
  assert.equal(same.checks.find((c) => c.id === 'delivery.proof')?.status, 'pass');
  const other = finalizeReport(report, 'delivery_proof_photo', { signerName: 'M. LOPEZ', signedAt: Date.parse('2026-11-13T09:00:00Z') });
  const contradicted = other.checks.find((c) => c.id === 'delivery.proof')!;
  assert.equal(contradicted.status, 'warn');
  assert.equal(contradicted.code, 'DELIVERY_PROOF.CONTRADICTED');
  assert.match(contradicted.message, /M\. LOPEZ/);
  assert.match(contradicted.message, new RegExp(PRINTED_SIGNER));
  assert.match(contradicted.message, /2026-11-13T09:00:00\.000Z/);
  assert.match(contradicted.message, /2026-11-12T15:20:00\.000Z/);
  assert.equal(other.status, 'needs_review');
});

test("a label photo of another order's parcel fails with both tracking numbers; this order's label matches", async () => {
  const other = (await only(fx.labelOtherOrder, 'label_photo', ['label.match'])).checks[0]!;
  assert.equal(other.status, 'fail');
  assert.equal(other.code, 'LABEL.OTHER_ORDER');
  assert.match(other.message, new RegExp(OTHER_TRACKING));
  assert.match(other.message, new RegExp(TRACKING));
  assert.equal(other.basis, undefined, 'a decoded barcode is a measured fact');
  const report = await only(fx.phoneLabel, 'label_photo', ['label.match', 'photo.legible']);
  const match = report.checks.find((c) => c.id === 'label.match')!;
  assert.equal(match.status, 'pass', match.message);
  assert.equal(match.code, 'LABEL.MATCHES_ORDER');
  assert.equal(report.status, 'accepted');
});

test('a label photo with nothing readable on it is a warning for a person', async () => {
  const row = (await only(fx.sceneNoText, 'label_photo', ['label.match'])).checks[0]!;
  assert.equal(row.status, 'warn');
  assert.equal(row.code, 'LABEL.UNREAD');
});
