/**
 * The evidence panel in the real console page, before (and beside) the dispute page that hosts
 * it: sign in through the page's own form, then render `EvidencePanel` from the page's own
 * modules (same import map, same CSP) with the dispute and `/api/me` the page fetches itself.
 * `onChanged` redraws the panel from a fresh GET of the dispute, as the dispute page does,
 * and counts the calls in `window.panelChanges`.
 */
import type { Locator, Page } from 'playwright-core';

/** Opens `/console<hash>` and signs in through the page's own form; done when the form is gone. */
export async function signInPage(page: Page, base: string, token: string, hash = ''): Promise<void> {
  await page.goto(`${base}/console${hash}`);
  await page.getByLabel('API key').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('API key').waitFor({ state: 'detached' });
}

/** The evidence panel's section: tests look inside it (the page around it has its own texts, buttons and selects). */
export const evidencePanel = (page: Page): Locator => page.locator('section.evidence-panel');

/** Renders the panel for `disputeId` below the console's own content (a string: it runs in the page). */
export async function mountEvidencePanel(page: Page, disputeId: string): Promise<void> {
  await page.evaluate(`(async () => {
    const { h, render } = await import('preact');
    const { api } = await import('/console/app/api.js');
    const { EvidencePanel } = await import('/console/app/evidence-panel.js');
    const root = document.createElement('div');
    root.id = 'panel-under-test';
    document.body.append(root);
    window.panelChanges = 0;
    const me = await api('/api/me');
    const draw = async () => render(h(EvidencePanel, { dispute: await api('/api/disputes/${disputeId}'), me, onChanged: () => { window.panelChanges++; draw(); } }), root);
    await draw();
  })()`);
  await evidencePanel(page).getByRole('heading', { name: 'Evidence', exact: true }).waitFor();
}

/** How many times the panel asked its page to reload the dispute. */
export const panelChanges = (page: Page): Promise<number> => page.evaluate('window.panelChanges');

/**
 * Records every text `selector`'s element shows from now on (a MutationObserver in the page),
 * so a test can check a sequence of short-lived states without racing them.
 */
export async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = JSON.stringify(`texts:${selector}`);
  // A string, like mountEvidencePanel: tsx would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = window[${key}] = [];
    const note = () => {
      const text = document.querySelector(${JSON.stringify(selector)})?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    note();
  })()`);
  return () => page.evaluate(`[...window[${key}]]`);
}

/** Picks `file` in the panel's upload form as `kind` and presses Upload. */
export async function uploadThroughPanel(page: Page, file: string, kindLabel: string): Promise<void> {
  const panel = evidencePanel(page);
  await panel.getByLabel('Drop a file here or choose one').setInputFiles(file);
  await panel.getByLabel('What it is').selectOption({ label: kindLabel });
  await panel.getByRole('button', { name: 'Upload' }).click();
}

/** The `Upload-Offset` of every tus HEAD the page makes from now on: where a resumed upload continued. */
export function resumeOffsets(page: Page): number[] {
  const offsets: number[] = [];
  page.on('response', (res) => {
    if (res.request().method() === 'HEAD' && res.url().includes('/api/uploads/')) offsets.push(Number(res.headers()['upload-offset']));
  });
  return offsets;
}
