import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, overflowsHorizontally, screenshotDir } from '../helpers/browser.ts';
import { openConsole } from '../helpers/console-page.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

let browser: Browser;
let svc: Awaited<ReturnType<typeof testService>>;
let agent: Awaited<ReturnType<typeof svc.as>>;
let disputeId: string;
const dir = screenshotDir();

before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  const integration = await svc.as('integration');
  agent = await svc.as('agent', 'seller-1');
  for (const hoursAgo of [0, 14, 21]) {
    const r = await integration.post('/api/disputes', disputeBody({ sellerId: 'seller-1', claim: 'Parcel never arrived; the tracking says delivered to a locker I do not use.', openedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() }));
    assert.equal(r.status, 201);
    disputeId = r.body.id;
  }
  assert.equal((await agent.post(`/api/disputes/${disputeId}/events`, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '25.00', currency: 'USD' } })).status, 200);
  browser = await launchBrowser();
  console.log(`console screenshots: ${dir}`);
});
after(async () => {
  await browser?.close();
  await svc?.close();
});

/** Every region a person reads: visible, with a size, and with text in it (no blank region). */
async function assertNoBlankRegion(page: Page, selectors: string[]) {
  for (const sel of selectors) {
    const all = page.locator(sel);
    const n = await all.count();
    assert.ok(n > 0, `${sel} is on the page`);
    for (let i = 0; i < n; i++) {
      const el = all.nth(i);
      const box = await el.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `${sel} #${i} has a size`);
      // innerText is HTML's; an SVG part's words are its textContent.
      const text = await el.evaluate((e) => (e instanceof HTMLElement ? e.innerText : e.textContent) ?? '');
      assert.ok(text.trim().length > 0, `${sel} #${i} has text`);
    }
  }
}

for (const viewport of [{ width: 360, height: 800 }, { width: 1280, height: 900 }]) {
  test(`at ${viewport.width} px the queue and the dispute page fit the width and no region is blank (screenshots)`, async () => {
    const { page, problems } = await openConsole(browser, svc.url, agent.token, '#/', viewport);
    await page.waitForFunction(() => document.querySelectorAll('.queue-table tbody tr').length === 3);
    await assertNoBlankRegion(page, ['header.top', 'main', '.filters', '.queue-table tbody tr']);
    await page.screenshot({ path: join(dir, `queue-${viewport.width}.png`), fullPage: true });
    assert.equal(await overflowsHorizontally(page), false, 'the queue overflows horizontally');

    await page.goto(`${svc.url}/console#/disputes/${disputeId}`);
    await page.locator('[data-verified="true"]').waitFor();
    await page.locator('.timeline li').nth(1).waitFor();
    await page.locator('.favours').waitFor();
    await assertNoBlankRegion(page, ['header.top', 'main', 'main .card', 'svg.lifecycle [aria-current="step"]']);
    await page.screenshot({ path: join(dir, `dispute-${viewport.width}.png`), fullPage: true });
    assert.equal(await overflowsHorizontally(page), false, 'the dispute page overflows horizontally');
    assert.deepEqual(problems, []);
    await page.close();
  });
}
