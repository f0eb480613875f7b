/**
 * The set-up every console browser test shares: the fixtures, a real service with keys on (and
 * a rate limit a page's bursts never meet), one Chromium; all closed after the file's tests.
 *
 *   const suite = consoleSuite();            // at the top of a test file
 *   test('…', async () => { const page = await suite.browser.newPage(); … suite.svc.url … });
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ServiceOptions } from '../../src/service.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { launchBrowser } from './browser.ts';
import { testService } from './service.ts';

export interface ConsoleSuite {
  svc: Awaited<ReturnType<typeof testService>>;
  browser: Browser;
  fx: Awaited<ReturnType<typeof ensureFixtures>>;
}

export function consoleSuite(opts: Omit<ServiceOptions, 'access'> = {}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  before(async () => {
    suite.fx = await ensureFixtures();
    suite.svc = await testService({ ...opts, access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } } });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.svc?.close();
  });
  return suite;
}

/** A file's SHA-256 (hex), to compare with the evidence the API stored. */
export const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
