/**
 * The console in helpdesk sidebars, in real Chromium: pages served by loopback "helpdesks" on
 * their own ports (other origins) frame the console. Zendesk's sidebar POSTs a signed JWT;
 * Chatwoot's posts the conversation as a message. Time is a manual clock: the sidebar token's
 * expiry is reached by moving it, not by waiting.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, ConsoleMessage, Frame, Page, Response } from 'playwright-core';
import { EMBED_TOKEN_LIFETIME_MS, EXPIRED_EMBED_KEY_RETENTION_MS } from '../../src/console/embed-token.ts';
import { manualClock } from '../../src/workflow/clock.ts';
import { launchBrowser, pageProblems } from '../helpers/browser.ts';
import { chatwootWebhook, deliver, eventually, SECRETS, SELLER, ticketFields, zendeskWebhook } from '../helpers/helpdesk.ts';
import { framing, helpdeskHost, signJwt, zendeskSidebar, type HostPage } from '../helpers/helpdesk-host.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

const APP_SECRET = 'zendesk-app-shared-secret-0123456789abcdef';
const PUBLIC_URL = 'https://disputes.example.test';
const AUDIENCE = `${PUBLIC_URL}/embed/zendesk`;

let browser: Browser;
let svc: Awaited<ReturnType<typeof testService>>;
let zendesk: Host;
let chatwoot: Host;
let stranger: Host;
const clock = manualClock(Date.now());
/** Zendesk ticket 501 → dispute, Chatwoot conversations 601 and 602 → disputes (filled in `before`). */
const linked: Record<string, string> = {};

/** The claims a Zendesk sidebar's token carries, fresh at the service's clock. */
function claims(over: Record<string, unknown> = {}) {
  const iat = Math.floor(clock.now() / 1000);
  return { iss: new URL(zendesk.url).host, aud: AUDIENCE, iat, exp: iat + 300, jti: randomUUID(), sub: 'user-77', name: 'Ana Lima', ...over };
}

/** What a browser's form POST to /embed/zendesk gets (Accept: text/html, like a navigation). */
async function postEmbed(form: Record<string, string>) {
  const res = await fetch(svc.url + '/embed/zendesk', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml,*/*;q=0.8', origin: zendesk.url },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const bootOf = (html: string) => JSON.parse(/<script type="application\/json" id="console-boot">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

/** Links a helpdesk ticket to a new dispute through the helpdesk's real webhook; the dispute id. */
async function linkTicket(helpdesk: 'zendesk' | 'chatwoot', ticketId: number, reader: { get(path: string): Promise<{ status: number; body: any }> }) {
  const at = new Date(clock.now());
  const fields = ticketFields(`ORD-EMBED-${helpdesk}-${ticketId}`);
  const hook = helpdesk === 'zendesk' ? zendeskWebhook(ticketId, fields, at) : chatwootWebhook(ticketId, 9, fields, at);
  assert.equal((await deliver(svc.url, hook)).status, 202);
  const found = await eventually(async () => {
    const r = await reader.get(`/api/helpdesks/${helpdesk}/tickets/${ticketId}`);
    return r.status === 200 && (r.body.disputeId as string);
  }, `${helpdesk} ticket ${ticketId} linked`);
  return found;
}

type Host = Awaited<ReturnType<typeof helpdeskHost>>;

before(async () => {
  [zendesk, chatwoot, stranger] = await Promise.all([helpdeskHost(), helpdeskHost(), helpdeskHost()]);
  svc = await testService({
    clock,
    access: { auth: 'on', rateLimit: { limit: 1_000_000, windowMs: 60_000 } },
    jobOptions: { leaseMs: 10_000, pollMs: 100, retryBaseMs: 50 },
    integrations: {
      publicUrl: PUBLIC_URL,
      zendesk: { webhookSecret: SECRETS.zendesk, baseUrl: zendesk.url, email: 'bot@shop.test', apiToken: 'zd-token', sellerId: SELLER, appSecret: APP_SECRET },
      chatwoot: { webhookSecret: SECRETS.chatwoot, baseUrl: chatwoot.url, apiAccessToken: 'cw-token', sellerId: SELLER },
    },
  });
  browser = await launchBrowser();
  const reader = await svc.as('agent', SELLER);
  linked.zendesk501 = await linkTicket('zendesk', 501, reader);
  linked.chatwoot601 = await linkTicket('chatwoot', 601, reader);
  linked.chatwoot602 = await linkTicket('chatwoot', 602, reader);
});
after(async () => {
  await browser?.close();
  await svc?.close();
  await Promise.all([zendesk, chatwoot, stranger].map((h) => h?.close()));
});

let pageCount = 0;
/** Serves `make` on `host` under a fresh path and opens it in a new browser page (`prepare` listens before it loads). */
async function openOn(host: Host, make: HostPage, query = '', prepare: (page: Page) => void = () => {}): Promise<Page> {
  const path = `/page-${++pageCount}`;
  host.pages[path] = make;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  prepare(page);
  await page.goto(`${host.url}${path}${query}`);
  return page;
}

/** Waits until the frame shows dispute `id`'s page, loaded (its status line is drawn). */
async function disputeShown(frame: Frame, id: string | undefined): Promise<void> {
  assert.ok(id, "the ticket was linked to a dispute");
  await frame.locator(`main[data-dispute-id="${id}"] .status-line [data-status]`).waitFor();
  assert.equal(await frame.evaluate(() => location.hash), `#/disputes/${id}`);
}

/** The frame named `console` once it has navigated to `url` (its load finished: refused or not). */
async function consoleFrame(page: Page, url: string): Promise<Frame> {
  const frame = page.frame({ name: 'console' });
  assert.ok(frame, 'the host page has its console frame');
  await frame.waitForURL((u) => u.href.startsWith(url) || u.protocol === 'chrome-error:', { waitUntil: 'load' });
  return frame;
}

test('the dispute page in a Zendesk sidebar on another origin: the signed JWT opens the ticket\'s dispute with its own short-lived token', async () => {
  const token = signJwt(claims(), APP_SECRET);
  let problems: string[] = [];
  let disputeRead!: Promise<Response>;
  const page = await openOn(zendesk, zendeskSidebar(svc.url + '/embed/zendesk'), `?${new URLSearchParams({ token, ticket_id: '501' })}`, (p) => {
    problems = pageProblems(p);
    disputeRead = p.waitForResponse((r) => r.url() === `${svc.url}/api/disputes/${linked.zendesk501}`);
  });
  const frame = await consoleFrame(page, svc.url);
  const read = await disputeRead;
  assert.equal(read.status(), 200, 'the page reads the dispute with its token');
  assert.match((await read.request().allHeaders()).authorization ?? '', /^Bearer dek_live_/);
  await disputeShown(frame, linked.zendesk501);
  assert.match(await frame.locator('body').innerText(), /awaiting.seller.response/i);
  assert.deepEqual(problems, []);

  // The page's token: an agent of the Zendesk seller, named after the Zendesk user, for 1 h.
  const boot = await frame.evaluate(() => JSON.parse(document.getElementById('console-boot')!.textContent!));
  assert.equal(boot.embed, 'zendesk');
  assert.equal(boot.disputeId, linked.zendesk501);
  assert.equal(boot.tokenExpiresAt, clock.now() + EMBED_TOKEN_LIFETIME_MS);
  const me = await fetch(svc.url + '/api/me', { headers: { authorization: `Bearer ${boot.token}` } }).then((r) => r.json());
  assert.deepEqual([me.role, me.sellerId, me.name], ['agent', SELLER, 'Ana Lima via Zendesk']);
  // Its scope is the seller's: another seller's dispute does not exist for it.
  const other = await (await svc.as('integration')).post('/api/disputes', disputeBody({ sellerId: 'someone-else' }));
  assert.equal(other.status, 201, JSON.stringify(other.body));
  assert.equal((await fetch(`${svc.url}/api/disputes/${other.body.id}`, { headers: { authorization: `Bearer ${boot.token}` } })).status, 404);
  await page.close();
});

test('the Zendesk sidebar page is framed by Zendesk\'s origin only, and never sends X-Frame-Options', async () => {
  const ok = await postEmbed({ token: signJwt(claims(), APP_SECRET), ticket_id: '501' });
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${zendesk.url}(;|$)`));
  assert.equal(ok.headers.get('x-frame-options'), null);
  const cw = await fetch(svc.url + '/embed/chatwoot');
  assert.match(cw.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${chatwoot.url}(;|$)`));
  assert.equal(cw.headers.get('x-frame-options'), null);
});

test('a bad signature, alg none, another algorithm, an expired or too old token, the wrong issuer or audience, a second use: refused in words, no token in the page', async () => {
  const expired = claims({ iat: Math.floor(clock.now() / 1000) - 400, exp: Math.floor(clock.now() / 1000) - 100 });
  const cases: Array<[string, string, RegExp]> = [
    ['bad signature', signJwt(claims(), APP_SECRET + 'x'), /not signed with this app/],
    ['alg none', signJwt(claims(), APP_SECRET, { alg: 'none', typ: 'JWT' }), /signed with none; only HS256/],
    ['HS512', signJwt(claims(), APP_SECRET, { alg: 'HS512', typ: 'JWT' }), /only HS256/],
    ['expired', signJwt(expired, APP_SECRET), /expired/],
    ['issued long ago', signJwt(claims({ iat: Math.floor(clock.now() / 1000) - 3600, exp: Math.floor(clock.now() / 1000) + 3600 }), APP_SECRET), /too old/],
    ['another account', signJwt(claims({ iss: 'evil.zendesk.com' }), APP_SECRET), /comes from evil\.zendesk\.com/],
    ['another app', signJwt(claims({ aud: 'https://elsewhere.test/app' }), APP_SECRET), /meant for another app/],
    ['not a JWT', 'hello', /not a JWT/],
  ];
  for (const [what, token, words] of cases) {
    const r = await postEmbed({ token, ticket_id: '501' });
    assert.equal(r.status, 401, what);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/, what);
    assert.match(r.text, words, what);
    assert.doesNotMatch(r.text, /dek_|console-boot/, `${what}: no token, no console`);
    assert.match(r.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${zendesk.url}(;|$)`), `${what}: readable in the sidebar`);
  }
  const once = signJwt(claims(), APP_SECRET);
  assert.equal((await postEmbed({ token: once })).status, 200);
  const again = await postEmbed({ token: once });
  assert.equal(again.status, 401);
  assert.match(again.text, /used already/);
  assert.doesNotMatch(again.text, /dek_/);
  assert.equal((await postEmbed({})).status, 400);
  // A client that does not ask for HTML gets the problem+json with its stable code.
  const api = await fetch(svc.url + '/embed/zendesk', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: signJwt(claims(), APP_SECRET, { alg: 'none' }) }) });
  assert.equal(api.status, 401);
  assert.equal((await api.json()).code, 'INTEGRATION.BAD_TOKEN');
});

test('a page on an unconfigured origin cannot frame the console or the Zendesk sidebar (even with a valid token)', async () => {
  for (const [what, make] of [
    ['/console', framing(svc.url + '/console')],
    ['/embed/chatwoot', framing(svc.url + '/embed/chatwoot')],
    ['/embed/zendesk', zendeskSidebar(svc.url + '/embed/zendesk')],
  ] as const) {
    const query = what === '/embed/zendesk' ? `?${new URLSearchParams({ token: signJwt(claims(), APP_SECRET), ticket_id: '501' })}` : '';
    let refusal!: Promise<ConsoleMessage>;
    const page = await openOn(stranger, make, query, (p) => void (refusal = p.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()))));
    assert.match((await refusal).text(), /violates the following Content Security Policy directive: "frame-ancestors [^"]+". The request has been blocked/, what);
    const frame = await consoleFrame(page, svc.url);
    assert.equal(new URL(frame.url()).protocol, 'chrome-error:', `${what}: the frame shows the browser's refusal, not the console`);
    await page.close();
  }
});

test('Chatwoot: the conversation posted by Chatwoot opens its dispute after the agent signs in; a message from another origin is ignored', async () => {
  const agent = await svc.as('agent', SELLER);
  // Chatwoot's page: the console frame and a frame from a stranger's origin beside it; it answers
  // the app's fetch-info request with the conversation in its URL, as Chatwoot's dashboard does.
  stranger.pages['/beside'] = () => '<!doctype html><title>Stranger</title>';
  const host: HostPage = (q) => `<!doctype html><title>Conversation</title>
<iframe name="console" src="${svc.url}/embed/chatwoot" width="360" height="640"></iframe>
<iframe name="stranger" src="${stranger.url}/beside"></iframe>
<script>
const context = { event: 'appContext', data: { conversation: { id: ${Number(q.get('conversation'))} }, contact: { id: 1 }, currentAgent: { id: 2 } } };
addEventListener('message', (e) => {
  if (e.origin === ${JSON.stringify(svc.url)} && e.data === 'chatwoot-dashboard-app:fetch-info') e.source.postMessage(JSON.stringify(context), e.origin);
});
</script>`;
  let problems: string[] = [];
  const lookups: string[] = [];
  const page = await openOn(chatwoot, host, '?conversation=601', (p) => {
    problems = pageProblems(p);
    p.on('request', (r) => r.url().includes('/api/helpdesks/') && lookups.push(new URL(r.url()).pathname));
  });
  const frame = await consoleFrame(page, svc.url);
  await frame.getByLabel('API key').fill(agent.token);
  await frame.getByRole('button', { name: 'Sign in' }).click();
  await disputeShown(frame, linked.chatwoot601);

  // The stranger's frame posts conversation 602; then Chatwoot posts 601 again. Messages are
  // handled in order, so once the second 601 lookup is seen the stranger's has been handled.
  const stranger602 = JSON.stringify({ event: 'appContext', data: { conversation: { id: 602 } } });
  await page.frame({ name: 'stranger' })!.evaluate((m) => window.parent.frames[0]!.postMessage(m, '*'), stranger602);
  const second = page.waitForRequest((r) => r.url().endsWith('/api/helpdesks/chatwoot/tickets/601'));
  await page.evaluate((m) => window.frames[0]!.postMessage(m, '*'), JSON.stringify({ event: 'appContext', data: { conversation: { id: 601 } } }));
  await second;
  assert.deepEqual(lookups, ['/api/helpdesks/chatwoot/tickets/601', '/api/helpdesks/chatwoot/tickets/601'], 'no lookup for the stranger\'s conversation');
  assert.equal(await frame.evaluate(() => location.hash), `#/disputes/${linked.chatwoot601}`);
  // From Chatwoot itself, 602 is followed.
  await page.evaluate((m) => window.frames[0]!.postMessage(m, '*'), stranger602);
  await disputeShown(frame, linked.chatwoot602);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the sidebar token stops working when its hour is up; expired sidebar keys are pruned a week later', async () => {
  const r = await postEmbed({ token: signJwt(claims(), APP_SECRET) });
  const { token } = bootOf(r.text);
  const me = () => fetch(svc.url + '/api/me', { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await me()).status, 200);
  clock.advance(EMBED_TOKEN_LIFETIME_MS - 1);
  assert.equal((await me()).status, 200, 'still within its hour');
  clock.advance(1);
  const refused = await me();
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).code, 'AUTH.INVALID');

  const keyIdOf = async (t: string) => (await (await fetch(svc.url + '/api/me', { headers: { authorization: `Bearer ${t}` } })).json()).keyId;
  const expiredIds = (await svc.store.read((s) => s.keys.list())).filter((k) => k.expiresAt !== null && k.expiresAt <= clock.now()).map((k) => k.id);
  assert.ok(expiredIds.length >= 1);
  clock.advance(EXPIRED_EMBED_KEY_RETENTION_MS);
  const fresh = bootOf((await postEmbed({ token: signJwt(claims(), APP_SECRET) })).text).token;
  const left = (await svc.store.read((s) => s.keys.list())).map((k) => k.id);
  for (const id of expiredIds) assert.ok(!left.includes(id), `expired sidebar key ${id} pruned`);
  assert.ok(left.includes(await keyIdOf(fresh)), 'the new one stays');
  assert.ok(left.length > 0 && (await svc.store.read((s) => s.keys.list())).some((k) => k.expiresAt === null), 'keys without an expiry stay');
});
