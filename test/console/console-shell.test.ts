import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, pageProblems } from '../helpers/browser.ts';
import { testService } from '../helpers/service.ts';

let browser: Browser;
let svc: Awaited<ReturnType<typeof testService>>;

before(async () => {
  svc = await testService({ access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await svc?.close();
});

test('/ leads to the console; the page loads its modules from this origin under a nonce CSP', async () => {
  const front = await fetch(svc.url + '/', { redirect: 'manual' });
  assert.equal(front.status, 302);
  assert.equal(front.headers.get('location'), '/console');
  const page = await fetch(svc.url + '/console');
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /frame-ancestors 'none'/, 'nobody frames the standalone console unless configured');
  assert.equal(page.headers.get('x-frame-options'), null);
  const html = await page.text();
  for (const src of [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!)) {
    assert.equal((await fetch(svc.url + src)).status, 200, src);
  }
});

test('an agent signs in with a key in a real browser; a wrong key reads as the API\'s own words', async () => {
  const agent = await svc.as('agent', 'seller-1');
  const page = await browser.newPage();
  const problems = pageProblems(page);
  await page.goto(svc.url + '/');
  await page.getByLabel('API key').fill('dek_test_' + 'x'.repeat(43));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /key/i);
  await page.getByLabel('API key').fill(agent.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Disputes' }).waitFor();
  // The refused sign-in above logs its 401 as a failed resource; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await page.close();
});
