import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { openConsole } from '../helpers/console-page.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let browser: Browser;
let svc: Awaited<ReturnType<typeof testService>>;
let integration: Awaited<ReturnType<typeof svc.as>>;
let agent: Awaited<ReturnType<typeof svc.as>>;

before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  integration = await svc.as('integration');
  agent = await svc.as('agent', 'seller-1');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await svc?.close();
});

async function fileDispute(): Promise<{ id: string; externalId: string }> {
  const r = await integration.post('/api/disputes', disputeBody({ sellerId: 'seller-1' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const statusShown = (page: Page) => page.locator('.status-line .status').getAttribute('data-status');

test('the dispute page lights the current state in the lifecycle, lists the timeline with actors and shows the verified audit badge', async () => {
  const d = await fileDispute();
  const { page, problems } = await openConsole(browser, svc.url, agent.token, `#/disputes/${d.id}`);
  await page.getByRole('heading', { name: `Dispute ${d.externalId}` }).waitFor();

  const lit = page.locator('svg.lifecycle [aria-current="step"]');
  await lit.waitFor();
  assert.equal(await lit.count(), 1, 'one state is lit');
  assert.equal(await lit.getAttribute('data-state'), 'awaiting_seller_response');
  assert.match((await lit.getAttribute('class')) ?? '', /\bcurrent\b/);
  // Every status is drawn (from the machine via /console/lifecycle.json), not only the lit one.
  for (const s of ['awaiting_solution', 'awaiting_buyer', 'negotiating', 'in_arbitration', 'resolved']) {
    assert.equal(await page.locator(`svg.lifecycle [data-state="${s}"]`).count(), 1, s);
  }

  const first = page.locator('.timeline li').first();
  await first.waitFor();
  assert.match(await first.innerText(), /Dispute filed/);
  assert.match(await first.innerText(), new RegExp(`key:${integration.keyId}`), 'the actor is the integration key that filed it');

  const badge = page.locator('[data-verified]');
  await badge.waitFor();
  assert.equal(await badge.getAttribute('data-verified'), 'true');
  assert.match(await badge.innerText(), /Audit chain verified · 1 entries/);

  assert.match(await page.locator('.facts').innerText(), /LP00712345678CN/);
  assert.match(await page.locator('.deadlines').innerText(), /First response[\s\S]*left/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a partial refund goes through the confirm dialog (Cancel sends nothing), the status changes and the API reads it back', async () => {
  const d = await fileDispute();
  const { page, problems } = await openConsole(browser, svc.url, agent.token, `#/disputes/${d.id}`);
  const propose = page.getByRole('button', { name: 'Propose partial refund' });
  await propose.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await agent.get(`/api/disputes/${d.id}`)).body.version, 1, 'cancel sent nothing');

  await propose.click();
  await dialog.getByLabel('Amount (USD)').fill('20.00');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('.status-line .status[data-status="awaiting_buyer"]').waitFor();
  assert.match(await page.getByRole('status').filter({ hasText: 'sent' }).innerText(), /Awaiting buyer/);

  const back = await agent.get(`/api/disputes/${d.id}`);
  assert.equal(back.body.status, 'awaiting_buyer');
  assert.deepEqual(back.body.proposal.amount, { value: '20.00', currency: 'USD' });
  assert.equal(back.body.proposal.solution, 'partial_refund');
  await page.locator('svg.lifecycle [data-state="awaiting_buyer"][aria-current="step"]').waitFor();
  await page.locator('.timeline li', { hasText: 'Solution proposed' }).filter({ hasText: `key:${agent.keyId}` }).waitFor();
  await page.locator('[data-verified="true"]', { hasText: '2 entries' }).waitFor();
  // Actions the agent may not send at this stage (the buyer answers now) are gone.
  assert.equal(await page.getByRole('button', { name: 'Propose partial refund' }).count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a stale version: the 409 reads as the API\'s words with the new status, and the page reloads to it', async () => {
  const d = await fileDispute();
  const { page, problems } = await openConsole(browser, svc.url, agent.token, `#/disputes/${d.id}`);
  await page.getByRole('button', { name: 'Propose partial refund' }).waitFor();
  // Someone else answers first: the page still shows version 1.
  assert.equal((await agent.post(`/api/disputes/${d.id}/events`, { type: 'SELLER_RESPONDED' })).status, 200);

  await page.getByRole('button', { name: 'Propose partial refund' }).click();
  await page.getByRole('dialog').getByLabel('Amount (USD)').fill('10.00');
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'version' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /is at version 2, not 1/);
  assert.match(await alert.innerText(), /now Awaiting solution/);
  assert.equal(await statusShown(page), 'awaiting_solution');
  await page.locator('svg.lifecycle [data-state="awaiting_solution"][aria-current="step"]').waitFor();
  assert.equal((await agent.get(`/api/disputes/${d.id}`)).body.status, 'awaiting_solution', 'nothing was proposed');
  // The refused POST logs its 409 as a failed resource; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !p.includes('409')), []);
  await page.close();
});

test('a dispute the key may not see reads as the API\'s 404 in words, not a blank page', async () => {
  const other = await svc.as('agent', 'seller-2');
  const d = await fileDispute();
  const { page } = await openConsole(browser, svc.url, other.token, `#/disputes/${d.id}`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(d.id));
  await page.getByRole('link', { name: '← Queue' }).waitFor();
  await page.close();
});

test('a key revoked mid-session: the next call\'s 401 sends the agent back to sign in, with the API\'s words', async () => {
  const d = await fileDispute();
  const soon = await svc.as('agent', 'seller-1');
  const { page } = await openConsole(browser, svc.url, soon.token, `#/disputes/${d.id}`);
  await page.getByRole('heading', { name: `Dispute ${d.externalId}` }).waitFor();
  // The page's other loads (audit, timeline, preview) end first: otherwise one of them could meet
  // the revoked key before the click below, and the link would already be gone (seen in CI).
  await page.waitForLoadState('networkidle');
  assert.equal(await svc.store.transaction((tx) => tx.keys.revoke(soon.keyId, Date.now())), true);
  await page.getByRole('link', { name: '← Queue' }).click();
  await page.getByLabel('API key').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /key/i);
  await page.close();
});
