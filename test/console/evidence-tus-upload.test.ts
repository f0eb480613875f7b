/**
 * Uploads through the evidence panel in real Chromium, with tus 1.0 to the real /api/uploads:
 * the progress bar moves through the chunks, the report arrives; and an upload whose
 * connection is cut mid-way (the second chunk's request aborted as a connection reset, after
 * the server confirmed the first) resumes from the server's offset by itself — the agent does
 * not pick the file again — and the stored file has the same SHA-256 as the one picked; after a
 * reload, the same file picked again resumes from the server's offset.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pageProblems } from '../helpers/browser.ts';
import { consoleSuite, sha256Of } from '../helpers/console-suite.ts';
import { evidencePanel, mountEvidencePanel, recordTexts, resumeOffsets, signInPage, uploadThroughPanel } from '../helpers/evidence-panel-page.ts';
import { disputeBody } from '../helpers/order.ts';

const suite = consoleSuite();

/** The panel's chunk for files under 4 MiB (tus-upload.js: a sixteenth of the file, at least 256 KiB). */
const CHUNK = 256 * 1024;

async function agentOnNewDispute() {
  const integration = await suite.svc.as('integration');
  const res = await integration.post('/api/disputes', disputeBody());
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const agent = await suite.svc.as('agent', 'seller-1');
  const page = await suite.browser.newPage();
  const problems = pageProblems(page);
  await signInPage(page, suite.svc.url, agent.token);
  await mountEvidencePanel(page, res.body.id);
  return { disputeId: res.body.id as string, agent, page, problems };
}

/** The evidence the panel lists for this SHA-256, read through the API. */
async function evidenceWithSha(agent: Awaited<ReturnType<typeof suite.svc.as>>, disputeId: string, sha: string) {
  const items = (await agent.get(`/api/disputes/${disputeId}/evidence`)).body.items as Array<{ id: string; sha256: string; bytes: number; status: string }>;
  return items.find((e) => e.sha256 === sha);
}

/** The upload registered exactly the picked file: evidence with its SHA-256 and its size. */
async function assertStoredAsPicked(agent: Awaited<ReturnType<typeof suite.svc.as>>, disputeId: string, file: string): Promise<void> {
  const stored = await evidenceWithSha(agent, disputeId, sha256Of(file));
  assert.ok(stored, 'evidence with the picked file\'s SHA-256');
  assert.equal(stored.bytes, readFileSync(file).length);
}

test('a packing video uploads through the page: the progress bar moves chunk by chunk, then the report arrives with proof frames', async () => {
  const { disputeId, agent, page, problems } = await agentOnNewDispute();
  const progress = await recordTexts(page, '.upload-progress-text');
  await uploadThroughPanel(page, suite.fx.video15, 'Packing video');
  await evidencePanel(page).getByText('Uploaded. The checks are running.').waitFor({ timeout: 60_000 });

  const size = readFileSync(suite.fx.video15).length;
  const texts = await progress();
  assert.ok(texts.some((t) => /^([1-9]|[1-9]\d) % · /.test(t)), `a value between 0 and 100 %: ${JSON.stringify(texts)}`);
  assert.match(texts.at(-1)!, /^100 % · /);
  assert.equal(await page.locator('#upload-progress').evaluate((el: HTMLProgressElement) => [el.value, el.max].join('/')), `${size}/${size}`);

  const item = evidencePanel(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Packing video' }) });
  await item.getByRole('list', { name: 'Checks' }).waitFor({ timeout: 120_000 });
  await item.locator('img.proof-frame').first().waitFor();
  await assertStoredAsPicked(agent, disputeId, suite.fx.video15);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an upload whose connection is cut mid-way resumes from the server\'s offset without picking the file again, and stores the same SHA-256', async () => {
  const { disputeId, agent, page, problems } = await agentOnNewDispute();
  let patches = 0;
  await page.route('**/api/uploads/**', (route) => {
    if (route.request().method() === 'PATCH' && ++patches === 2) return route.abort('connectionreset');
    return route.continue();
  });
  const offsets = resumeOffsets(page);
  const status = await recordTexts(page, '.upload-status');
  await uploadThroughPanel(page, suite.fx.video20, 'Packing video');
  await evidencePanel(page).getByText('Uploaded. The checks are running.').waitFor({ timeout: 60_000 });

  assert.deepEqual(offsets, [CHUNK], 'one HEAD after the cut: the server had the first chunk');
  assert.deepEqual(await status(), ['Uploading…', 'Connection lost: resuming…', `Resumed at ${Math.round(CHUNK / 1e3)} KB; uploading…`, 'Uploaded. The checks are running.']);
  await assertStoredAsPicked(agent, disputeId, suite.fx.video20);
  // The aborted request is the only failure the page may see.
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_CONNECTION_RESET')), []);
  await page.close();
});

test('after a reload mid-upload, the same file picked again resumes from the server\'s offset instead of starting over', async () => {
  const { disputeId, agent, page, problems } = await agentOnNewDispute();
  let patches = 0;
  let secondPatchSent!: () => void;
  const secondPatch = new Promise<void>((resolve) => (secondPatchSent = resolve));
  await page.route('**/api/uploads/**', (route) => {
    if (route.request().method() !== 'PATCH' || ++patches !== 2) return route.continue();
    secondPatchSent(); // held unanswered: the page reloads while the second chunk is on its way
  });
  await uploadThroughPanel(page, suite.fx.video10, 'Packing video');
  await secondPatch;
  await page.reload(); // the route stays: it holds only the second PATCH, which the reload cancels
  await mountEvidencePanel(page, disputeId);

  const offsets = resumeOffsets(page);
  const status = await recordTexts(page, '.upload-status');
  await uploadThroughPanel(page, suite.fx.video10, 'Packing video');
  await evidencePanel(page).getByText('Uploaded. The checks are running.').waitFor({ timeout: 60_000 });
  assert.deepEqual(offsets, [CHUNK], 'the page asked where the upload stood: the first chunk was there');
  assert.deepEqual(await status(), ['Uploading…', `Resumed at ${Math.round(CHUNK / 1e3)} KB; uploading…`, 'Uploaded. The checks are running.']);
  await assertStoredAsPicked(agent, disputeId, suite.fx.video10);
  // The request held across the reload is the only failure the page may see.
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_ABORTED')), []);
  await page.close();
});

test('an upload the service refuses reads as the API\'s own words, and nothing is stored', async () => {
  const { disputeId, agent, page, problems } = await agentOnNewDispute();
  await uploadThroughPanel(page, suite.fx.pdf, 'Packing video');
  const alert = page.locator('.evidence-upload').getByRole('alert');
  await alert.waitFor({ timeout: 60_000 });
  const refusal = await alert.innerText();
  assert.match(refusal, /pdf/i, 'the problem+json detail names what was wrong');
  assert.doesNotMatch(refusal, /HTTP \d{3}|tus:/, 'the API\'s sentence, not a status line or the library\'s message');
  assert.equal(await evidenceWithSha(agent, disputeId, sha256Of(suite.fx.pdf)), undefined);
  assert.equal(await evidencePanel(page).getByRole('button', { name: 'Upload' }).isDisabled(), false, 'the agent may pick another kind and try again');
  // The refused request is the only failure the page may see.
  assert.deepEqual(problems.filter((p) => !/\b4\d\d\b/.test(p)), []);
  await page.close();
});
