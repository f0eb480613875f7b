/**
 * Opens the console in a real page and signs in through its own form with `token`, then waits
 * for `ready` (a locator the route shows once loaded). Collects page problems from the start.
 *
 *   const { page, problems } = await openConsole(browser, svc.url, agent.token, `#/disputes/${id}`);
 */
import type { Browser, Page } from 'playwright-core';
import { pageProblems } from './browser.ts';

export async function openConsole(browser: Browser, base: string, token: string, hash = '#/', viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems = pageProblems(page);
  await page.goto(`${base}/console${hash}`);
  await page.getByLabel('API key').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.top .who').waitFor();
  return { page, problems };
}
