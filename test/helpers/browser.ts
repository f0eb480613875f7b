/**
 * Real Chromium for console tests, driven by playwright-core. The binary is the one
 * @sparticuz/chromium ships inside its npm package (unpacked to /tmp on first use, offline), so
 * `npm install` is the whole set-up; `CHROMIUM_PATH` (e.g. Debian's /usr/bin/chromium) takes
 * its place when set.
 *
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
 */
import chromium from '@sparticuz/chromium';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

/** The flags the issue names: no sandbox (root in CI), no GPU, no calls home on a closed network. */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  return playwright.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/** Collects what would make a page wrong but not visibly so: script errors, console errors, failed requests. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return problems;
}

/** Where screenshots go (printed by the tests so a person can look at them). */
export function screenshotDir(): string {
  const dir = process.env.CONSOLE_SCREENSHOTS ?? join(tmpdir(), 'dispute-console-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** True when the page is wider than its viewport (something overflows horizontally). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
