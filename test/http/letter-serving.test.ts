/**
 * Issue 10 over real HTTP: unsafe carrier letters are rejected and never served inline;
 * a delivery photo's printed signer reaches the dispute when the upload names none.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureLegibilityFixtures, PRINTED_AT, PRINTED_SIGNER } from '../fixtures/make-legibility-fixtures.ts';
import { TRACKING } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let svc: Awaited<ReturnType<typeof testService>>;
let fx: Awaited<ReturnType<typeof ensureLegibilityFixtures>>;

before(async () => {
  fx = await ensureLegibilityFixtures();
  svc = await testService();
});
after(() => svc.close());

async function newDispute(reason = 'not_received') {
  const body = disputeBody({ reason, openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  body.order.shipment.trackingNumber = TRACKING;
  return (await svc.api.post('/api/disputes', body)).body.id as string;
}

const checkOf = (e: { report: { checks: Array<{ id: string; status: string; code: string }> } }, id: string) => e.report.checks.find((c) => c.id === id);

test('a PDF with OpenAction JavaScript and an HTML/PDF polyglot are rejected and only ever served as attachments', async () => {
  const id = await newDispute();
  for (const [path, code] of [[fx.letterOpenActionJs, 'PDF.ACTIVE_CONTENT'], [fx.letterPolyglot, 'PDF.POLYGLOT']] as const) {
    const res = await uploadEvidence(svc.url, id, 'carrier_letter', readFileSync(path), {}, 'letter.html');
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const e = await settledEvidence(svc.url, res.body.id);
    assert.equal(e.status, 'rejected');
    assert.equal(checkOf(e, 'letter.pdf_safety')?.code, code);
    const file = await fetch(`${svc.url}/api/evidence/${res.body.id}/file`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="evd_[0-9a-f]{32}\.pdf"$/);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    await file.arrayBuffer();
  }
});

test('a letter photo is served inline, and a delivery photo\'s printed signer reaches the dispute', async () => {
  const id = await newDispute();
  const letter = await uploadEvidence(svc.url, id, 'carrier_letter', readFileSync(fx.letterStamped), {}, 'letter.jpg');
  await settledEvidence(svc.url, letter.body.id);
  const file = await fetch(`${svc.url}/api/evidence/${letter.body.id}/file`);
  assert.equal(file.headers.get('content-disposition'), 'inline');
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  await file.arrayBuffer();

  const proof = await uploadEvidence(svc.url, id, 'delivery_proof_photo', readFileSync(fx.deliverySigned), {}, 'IMG_0042.JPG');
  const e = await settledEvidence(svc.url, proof.body.id);
  assert.equal(checkOf(e, 'delivery.proof')?.status, 'pass', JSON.stringify(e.report.checks));
  const summary = (await svc.api.get(`/api/disputes/${id}`)).body.evidence.find((x: { id: string }) => x.id === proof.body.id);
  assert.equal(summary.signerName, PRINTED_SIGNER);
  assert.equal(summary.signedAt, PRINTED_AT.replace('Z', '.000Z'));
});
