/**
 * The console end to end, in real Chromium against a real service (SQLite, ffmpeg, the check
 * workers, tus at /api/uploads): the agent finds the dispute in the queue, opens it, uploads a
 * generated packing video through the page (the progress bar moves, the report arrives with
 * proof frames) and a label photo the checks really flag (its metadata stripped → needs
 * review); an arbitrator accepts that photo from the same page; the preview says so; the agent
 * proposes a partial refund and the status changes. Screenshots at 360 px and 1280 px go to
 * the printed folder; nothing may overflow horizontally and no region may be blank.
 * Needs the dispute page and queue (console-ui), the queue fields (queue) and tus (tus) on main.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { overflowsHorizontally, pageProblems, screenshotDir } from '../helpers/browser.ts';
import { consoleSuite, sha256Of } from '../helpers/console-suite.ts';
import { evidencePanel, recordTexts, signInPage, uploadThroughPanel } from '../helpers/evidence-panel-page.ts';
import { disputeBody } from '../helpers/order.ts';

const suite = consoleSuite();

const evidenceItem = (page: Page, kind: string) => page.locator('.evidence-item').filter({ has: page.getByRole('heading', { name: kind }) });

/** Every landmark region and card of the page has something in it (a blank one is a bug). */
async function blankRegions(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('main, section, .card, header')]
    .filter((el) => el.getBoundingClientRect().height < 8 || !el.textContent.trim())
    .map((el) => el.outerHTML.slice(0, 80))`);
}

/** A signed-in console page at 1280 px, collecting its problems from the start. */
async function openConsole(token: string, hash = '') {
  const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = pageProblems(page);
  await signInPage(page, suite.svc.url, token, hash);
  return { page, problems };
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await overflowsHorizontally(page), false, `${name}: nothing overflows at ${width} px`);
    assert.deepEqual(await blankRegions(page), [], `${name}: no blank region at ${width} px`);
    const file = join(screenshotDir(), `e2e-${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  }
}

test('queue → dispute → packing video with progress and proof frames → flagged photo reviewed by an arbitrator → preview → partial refund', async () => {
  const integration = await suite.svc.as('integration');
  const filed = await integration.post('/api/disputes', disputeBody({ sellerId: 'seller-1' }));
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const { id, externalId } = filed.body as { id: string; externalId: string };
  const agent = await suite.svc.as('agent', 'seller-1');

  // Queue → the dispute.
  const { page, problems } = await openConsole(agent.token);
  await page.getByRole('link', { name: externalId }).click();
  await page.getByRole('heading', { name: `Dispute ${externalId}` }).waitFor();
  await page.getByRole('heading', { name: 'Evidence', exact: true }).waitFor();

  // A packing video through the page: the bar moves, the report arrives with its proof frames.
  const progress = await recordTexts(page, '.upload-progress-text');
  await uploadThroughPanel(page, suite.fx.video20, 'Packing video');
  await evidencePanel(page).getByText('Uploaded. The checks are running.').waitFor({ timeout: 60_000 });
  const seen = await progress();
  assert.ok(seen.some((t) => /^([1-9]|[1-9]\d) % · /.test(t)), `the bar stood between 0 and 100 %: ${JSON.stringify(seen)}`);
  assert.match(seen.at(-1)!, /^100 % · /);
  const video = evidenceItem(page, 'Packing video');
  await video.getByRole('list', { name: 'Checks' }).waitFor({ timeout: 120_000 });
  await video.locator('img.proof-frame').first().waitFor();
  assert.match((await video.locator('img.proof-frame').first().getAttribute('alt')) ?? '', /^Frame at \d+\.\d s: /);
  assert.ok(await video.locator('img.proof-frame').first().evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0));
  assert.match(await video.innerText(), new RegExp(sha256Of(suite.fx.video20)), 'the page shows the stored SHA-256 of the picked file');

  // A label photo without camera metadata: the checks send it to a person.
  await uploadThroughPanel(page, suite.fx.strippedPhotoJpeg, 'Label photo');
  const photo = evidenceItem(page, 'Label photo');
  await photo.getByText('Needs review', { exact: true }).waitFor({ timeout: 60_000 });
  assert.equal(await photo.getByRole('button', { name: 'Accept…' }).count(), 0, 'an agent may not review');
  await screenshots(page, 'agent-evidence');

  // An arbitrator accepts it from the dispute page, confirming with a note.
  const arbitrator = await suite.svc.as('arbitrator');
  const arb = await openConsole(arbitrator.token, `#/disputes/${id}`);
  const flagged = evidenceItem(arb.page, 'Label photo');
  await flagged.getByRole('button', { name: 'Accept…' }).click();
  await flagged.getByLabel('Note (why)').fill('label readable; the camera app strips EXIF');
  await flagged.getByRole('button', { name: 'Confirm: accept' }).click();
  await flagged.getByText(`Accepted on review by key:${arbitrator.keyId}: “label readable; the camera app strips EXIF”`).waitFor();

  // The preview reads the review (the page reloaded it when the panel said the dispute changed).
  const reviewedReason = arb.page.locator('.preview .reasons li').filter({ hasText: /accepted on review/ });
  await reviewedReason.waitFor();
  assert.match(await reviewedReason.innerText(), new RegExp(`key:${arbitrator.keyId}`));
  assert.deepEqual(arb.problems, []);
  await arb.page.close();

  // The agent's page catches up on reload, reads the preview, and proposes a partial refund.
  await page.reload();
  await evidenceItem(page, 'Label photo').getByText('Accepted', { exact: true }).waitFor();
  await page.locator('.preview .reasons li').filter({ hasText: /accepted on review/ }).waitFor();
  assert.match(await page.locator('.preview .favours').innerText(), /Favours:/);
  await page.getByRole('button', { name: 'Propose partial refund' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount (USD)').fill('20.00');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('.status-line .status[data-status="awaiting_buyer"]').waitFor();
  const back = (await agent.get(`/api/disputes/${id}`)).body;
  assert.deepEqual([back.status, back.proposal.solution, back.proposal.amount], ['awaiting_buyer', 'partial_refund', { value: '20.00', currency: 'USD' }]);
  await screenshots(page, 'agent-after-proposal');
  assert.deepEqual(problems, []);
  await page.close();
});
