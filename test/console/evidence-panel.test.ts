/**
 * The evidence panel in real Chromium against a real service: reports as they arrive (a
 * packing video's checks with its proof frames), and the review of a photo the checks really
 * flagged (metadata stripped → needs_review), only for keys that may review.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EVIDENCE_KINDS } from '../../src/domain/evidence-summary.ts';
import { overflowsHorizontally, pageProblems, screenshotDir } from '../helpers/browser.ts';
import { consoleSuite } from '../helpers/console-suite.ts';
import { uploadEvidence } from '../helpers/evidence.ts';
import { evidencePanel, mountEvidencePanel, panelChanges, signInPage } from '../helpers/evidence-panel-page.ts';
import { disputeBody } from '../helpers/order.ts';

// Checks held until a test starts them: the panel is seen waiting before the report exists.
const suite = consoleSuite({ jobs: false });

let checking = false;
function runChecks(): void {
  if (!checking) suite.svc.runner.start();
  checking = true;
}

async function newDispute(): Promise<string> {
  const integration = await suite.svc.as('integration');
  const res = await integration.post('/api/disputes', disputeBody());
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

test('a packing video\'s report arrives while the panel is open: each check in words, the proof frames as images with alt text', async () => {
  const disputeId = await newDispute();
  const agent = await suite.svc.as('agent', 'seller-1');
  const page = await suite.browser.newPage();
  const problems = pageProblems(page);
  await signInPage(page, suite.svc.url, agent.token);
  const up = await uploadEvidence(suite.svc.url, disputeId, 'packing_video', readFileSync(suite.fx.video20), {}, 'pack.mp4', { authorization: `Bearer ${agent.token}` });
  assert.equal(up.status, 202, JSON.stringify(up.body));
  await mountEvidencePanel(page, disputeId);

  const item = evidencePanel(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Packing video' }) });
  await item.getByText('Checking', { exact: true }).waitFor();
  await item.getByText(/the report appears here as soon as it is ready/).waitFor();
  assert.equal(await panelChanges(page), 0);
  runChecks();
  await item.getByRole('list', { name: 'Checks' }).waitFor({ timeout: 120_000 });
  const settled = (await agent.get(`/api/evidence/${up.body.id}`)).body;
  assert.notEqual(settled.status, 'checking');
  for (const check of settled.report.checks as Array<{ message: string }>) await item.getByText(check.message, { exact: true }).waitFor();
  const verdicts = await item.locator('.check-verdict').allInnerTexts();
  assert.deepEqual(verdicts, settled.report.checks.map((c: { status: string }) => ({ pass: 'Passed', warn: 'Warning', fail: 'Failed', skip: 'Not checked' })[c.status]));

  const framed = (settled.report.checks as Array<{ proof?: Array<{ image?: string }> }>).flatMap((c) => c.proof ?? []).filter((p) => p.image);
  assert.ok(framed.length > 0, 'the video checks saved proof frames');
  const images = item.locator('img.proof-frame');
  await images.nth(framed.length - 1).waitFor();
  assert.equal(await images.count(), framed.length);
  for (let i = 0; i < framed.length; i++) {
    const img = images.nth(i);
    assert.match((await img.getAttribute('alt')) ?? '', /^Frame at \d+\.\d s: \S/);
    assert.ok(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), 'the proof image decoded');
  }
  assert.equal(await item.getByText('Checking', { exact: true }).count(), 0);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await overflowsHorizontally(page), false, `nothing overflows at ${width} px`);
    const file = join(screenshotDir(), `evidence-panel-video-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  }
  assert.ok((await panelChanges(page)) >= 1, 'the settled report asked the page to reload the dispute');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an arbitrator accepts a really flagged photo after confirming; an agent sees no review buttons', async () => {
  runChecks();
  const disputeId = await newDispute();
  const agent = await suite.svc.as('agent', 'seller-1');
  const up = await uploadEvidence(suite.svc.url, disputeId, 'label_photo', readFileSync(suite.fx.strippedPhotoJpeg), {}, 'label.jpg', { authorization: `Bearer ${agent.token}` });
  assert.equal(up.status, 202, JSON.stringify(up.body));

  const agentPage = await suite.browser.newPage();
  await signInPage(agentPage, suite.svc.url, agent.token);
  await mountEvidencePanel(agentPage, disputeId);
  await evidencePanel(agentPage).getByText('Needs review', { exact: true }).waitFor({ timeout: 60_000 });
  assert.equal(await evidencePanel(agentPage).getByRole('button', { name: 'Accept…' }).count(), 0, 'an agent may not review');
  await agentPage.close();

  const arbitrator = await suite.svc.as('arbitrator');
  const page = await suite.browser.newPage();
  const problems = pageProblems(page);
  await signInPage(page, suite.svc.url, arbitrator.token);
  await mountEvidencePanel(page, disputeId);
  assert.equal(await evidencePanel(page).getByRole('button', { name: 'Upload' }).count(), 0, 'an arbitrator may not upload');
  // Nothing is sent before the confirmation: reject, then think better of it.
  await evidencePanel(page).getByRole('button', { name: 'Reject…' }).click();
  await evidencePanel(page).getByText('Reject this evidence?', { exact: false }).waitFor();
  await evidencePanel(page).getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await arbitrator.get(`/api/evidence/${up.body.id}`)).body.status, 'needs_review');
  await evidencePanel(page).getByRole('button', { name: 'Accept…' }).click();
  await evidencePanel(page).getByLabel('Note (why)').fill('label readable; the camera app strips EXIF');
  const before = await panelChanges(page);
  await evidencePanel(page).getByRole('button', { name: 'Confirm: accept' }).click();
  await evidencePanel(page).getByText('Accepted', { exact: true }).waitFor();
  await evidencePanel(page).getByText(/Accepted on review by key:key_\w+: “label readable; the camera app strips EXIF”/).waitFor();
  assert.equal(await evidencePanel(page).getByRole('button', { name: 'Accept…' }).count(), 0);
  assert.ok((await panelChanges(page)) > before, 'the review asked the page to reload the dispute and preview');

  const e = (await arbitrator.get(`/api/evidence/${up.body.id}`)).body;
  assert.deepEqual([e.status, e.review.decision, e.review.by, e.review.note], ['accepted', 'accept', `key:${arbitrator.keyId}`, 'label readable; the camera app strips EXIF']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the kind the preview says is missing comes first and is chosen; a file dropped on the zone is picked like one chosen', async () => {
  // In transit, no delivery facts: the tracking rule asks for a carrier letter.
  const body = disputeBody();
  const { deliveryProof: _proof, deliveredAt: _delivered, ...shipment } = body.order.shipment;
  const integration = await suite.svc.as('integration');
  const filed = await integration.post('/api/disputes', { ...body, order: { ...body.order, shipment: { ...shipment, status: 'in_transit' } } });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const missing = (await integration.get(`/api/disputes/${filed.body.id}/verdict-preview`)).body.missing.map((m: { kind: string }) => m.kind);
  assert.deepEqual(missing, ['carrier_letter']);

  const agent = await suite.svc.as('agent', 'seller-1');
  const page = await suite.browser.newPage();
  const problems = pageProblems(page);
  await signInPage(page, suite.svc.url, agent.token);
  await mountEvidencePanel(page, filed.body.id);
  const kind = evidencePanel(page).getByLabel('What it is');
  await kind.locator('option').first().filter({ hasText: 'Carrier letter' }).waitFor({ state: 'attached' });
  assert.equal(await kind.inputValue(), 'carrier_letter');
  const offered = await kind.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  assert.deepEqual(offered, ['carrier_letter', ...EVIDENCE_KINDS.filter((k) => k !== 'carrier_letter')], 'every kind the API takes, the missing one first');
  assert.equal(await evidencePanel(page).getByLabel('Signed by (optional)').count(), 0, 'signer fields only for a delivery proof photo');
  await kind.selectOption({ label: 'Delivery proof photo' });
  await evidencePanel(page).getByLabel('Signed by (optional)').waitFor();

  assert.equal(await evidencePanel(page).getByRole('button', { name: 'Upload' }).isDisabled(), true, 'nothing to upload yet');
  const dropped = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(2048)], 'letter.pdf', { type: 'application/pdf' }));
    return dt;
  })()`);
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await evidencePanel(page).getByText('letter.pdf · 2 KB').waitFor();
  assert.equal(await evidencePanel(page).getByRole('button', { name: 'Upload' }).isDisabled(), false);
  assert.deepEqual(problems, []);
  await page.close();
});
