import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { openConsole } from '../helpers/console-page.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

const HOUR = 3_600_000;
let browser: Browser;
let svc: Awaited<ReturnType<typeof testService>>;
let agent: Awaited<ReturnType<typeof svc.as>>;
const ids: Record<string, string> = {};

/** Files a dispute opened `hoursAgo` (its 24 h first-response deadline is then 24 − hoursAgo hours away). */
async function file(integration: Awaited<ReturnType<typeof svc.as>>, externalId: string, hoursAgo: number, sellerId = 'seller-1') {
  const r = await integration.post('/api/disputes', disputeBody({ externalId, sellerId, openedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString() }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ids[externalId] = r.body.id;
}

before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  const integration = await svc.as('integration');
  agent = await svc.as('agent', 'seller-1');
  // Filed out of urgency order on purpose: the list must sort them, not the filing order.
  for (let i = 0; i < 24; i++) await file(integration, `CALM-${String(i).padStart(2, '0')}`, 0);
  await file(integration, 'AMBER', 14); // 10 h left
  await file(integration, 'RED', 21); // 3 h left
  await file(integration, 'OTHER-SELLER', 22, 'seller-2');
  assert.equal((await agent.post(`/api/disputes/${ids['CALM-05']}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await svc?.close();
});

const rowIds = (page: Page) => page.locator('.queue-table tbody tr td:first-child a').allInnerTexts();
/** Waits until the table shows exactly `n` rows (the list answers after each filter change). */
async function rows(page: Page, n: number) {
  await page.locator('.queue-table[aria-busy="false"]').waitFor();
  await page.waitForFunction((k) => document.querySelectorAll('.queue-table tbody tr').length === k, n);
  return rowIds(page);
}

test('the queue lists the key\'s disputes most urgent first with live countdowns (red under 4 h, amber under 12 h, in words too) and pages by cursor', async () => {
  const { page, problems } = await openConsole(browser, svc.url, agent.token);
  const first = await rows(page, 25);
  assert.deepEqual(first.slice(0, 2), ['RED', 'AMBER']);
  assert.ok(!first.includes('OTHER-SELLER'), 'another seller\'s dispute is not listed');
  const red = page.locator('.queue-table tbody tr').nth(0);
  assert.equal(await red.locator('.countdown').getAttribute('data-urgency'), 'red');
  assert.match(await red.locator('.countdown').innerText(), /[0-3] h \d+ min left · urgent/);
  const amber = page.locator('.queue-table tbody tr').nth(1);
  assert.equal(await amber.locator('.countdown').getAttribute('data-urgency'), 'amber');
  assert.match(await amber.locator('.countdown').innerText(), /left · due soon/);
  assert.equal(await page.locator('.queue-table tbody tr').nth(2).locator('.countdown').getAttribute('data-urgency'), 'calm');
  assert.match(await red.innerText(), /Not received/);
  assert.match(await red.innerText(), /\$64\.90/);
  assert.equal(await page.getByLabel('Seller', { exact: true }).count(), 0, 'a seller-scoped key gets no seller filter');

  await page.getByRole('button', { name: 'Load more' }).click();
  const all = await rows(page, 26);
  assert.equal(new Set(all).size, 26, 'the second page continues the first, no repeats');
  assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0, 'no more pages');
  assert.deepEqual(problems, []);
  await page.close();
});

test('filters: due within 12 h, status, needs review; the seller filter only for keys that see every seller', async () => {
  const { page, problems } = await openConsole(browser, svc.url, agent.token);
  await rows(page, 25);
  await page.getByLabel('Due within 12 h').check();
  assert.deepEqual(await rows(page, 2), ['RED', 'AMBER']);
  await page.getByLabel('Due within 12 h').uncheck();
  await page.getByLabel('Status', { exact: true }).selectOption('awaiting_solution');
  assert.deepEqual(await rows(page, 1), ['CALM-05']);
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Needs review').check();
  await rows(page, 0);
  await page.getByText('No disputes match these filters.').waitFor();
  assert.deepEqual(problems, []);
  await page.close();

  const arbitrator = await svc.as('arbitrator');
  const other = await openConsole(browser, svc.url, arbitrator.token);
  await rows(other.page, 25);
  await other.page.getByLabel('Seller', { exact: true }).fill('seller-2');
  await other.page.getByLabel('Seller', { exact: true }).press('Enter');
  assert.deepEqual(await rows(other.page, 1), ['OTHER-SELLER']);
  assert.deepEqual(other.problems, []);
  await other.page.close();
});

test('a queue row opens its dispute page; the header names the key, and Sign out returns to the sign-in form', async () => {
  const { page } = await openConsole(browser, svc.url, agent.token);
  await rows(page, 25);
  assert.match(await page.locator('header.top .who').innerText(), new RegExp(`${agent.keyId} · Agent · seller seller-1`));
  await page.getByRole('link', { name: 'RED' }).click();
  await page.getByRole('heading', { name: 'Dispute RED' }).waitFor();
  assert.match(page.url(), new RegExp(`#/disputes/${ids.RED}$`));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  await page.close();
});
