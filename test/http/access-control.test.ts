/**
 * Access control over real HTTP: every route × role × foreign seller. 401 without or with a bad
 * key, 403 for a role that may not, 404 (as if it did not exist) for another seller's things,
 * events only from the party's role, the key recorded as the actor, origins, rate limits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { client, type Reply } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { testService } from '../helpers/service.ts';

type Svc = Awaited<ReturnType<typeof testService>>;
type Client = Awaited<ReturnType<Svc['as']>>;

let svc: Svc;
let k: Record<'agentA' | 'agentB' | 'integration' | 'integrationA' | 'arbitrator' | 'admin', Client>;
let disputeA: string;
let evidenceA: string;
/** An order of seller A, registered before any dispute. */
const ORDER_A = 'order-A-1';

const openFor = async (c: Client, sellerId: string) => {
  const r = await c.post('/api/disputes', disputeBody({ sellerId, openedAt: new Date(Date.now() - 3_600_000).toISOString() }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
};

before(async () => {
  const fx = await ensureFixtures();
  svc = await testService({ access: { auth: 'on', corsOrigins: ['https://desk.example.com'] } });
  k = {
    agentA: await svc.as('agent', 'seller-A'),
    agentB: await svc.as('agent', 'seller-B'),
    integration: await svc.as('integration'),
    integrationA: await svc.as('integration', 'seller-A'),
    arbitrator: await svc.as('arbitrator'),
    admin: await svc.as('admin'),
  };
  disputeA = await openFor(k.integration, 'seller-A');
  const up = await uploadEvidence(svc.url, disputeA, 'delivery_proof_photo', readFileSync(fx.deliverySharp), {}, 'p.jpg', { authorization: `Bearer ${k.agentA.token}` });
  assert.equal(up.status, 202, JSON.stringify(up.body));
  evidenceA = up.body.id;
  await settledEvidence(svc.url, evidenceA, 60, { authorization: `Bearer ${k.agentA.token}` });
  const order = await k.agentA.call('PUT', `/api/orders/${ORDER_A}`, { sellerId: 'seller-A', ...disputeBody().order, orderId: undefined });
  assert.equal(order.status, 201, JSON.stringify(order.body));
});
after(() => svc.close());

/** Every route of the API with a harmless request; `:d` and `:e` are a seller-A dispute and evidence. */
const ROUTES: Array<{ method: string; path: string; body?: unknown; capability: 'read' | 'open' | 'event' | 'upload' | 'review' | 'orders' | 'webhooks' }> = [
  { method: 'GET', path: '/api/disputes', capability: 'read' },
  { method: 'POST', path: '/api/disputes', body: disputeBody({ sellerId: 'seller-A' }), capability: 'open' },
  { method: 'GET', path: '/api/disputes/:d', capability: 'read' },
  { method: 'POST', path: '/api/disputes/:d/events', body: { type: 'SELLER_RESPONDED' }, capability: 'event' },
  { method: 'GET', path: '/api/disputes/:d/events', capability: 'read' },
  { method: 'GET', path: '/api/disputes/:d/events/verify', capability: 'read' },
  { method: 'GET', path: '/api/disputes/:d/verdict-preview', capability: 'read' },
  { method: 'GET', path: '/api/disputes/:d/previews', capability: 'read' },
  { method: 'POST', path: '/api/disputes/:d/evidence', body: {}, capability: 'upload' },
  { method: 'GET', path: '/api/disputes/:d/evidence', capability: 'read' },
  { method: 'GET', path: '/api/evidence/:e', capability: 'read' },
  { method: 'GET', path: '/api/evidence/:e/file', capability: 'read' },
  { method: 'GET', path: '/api/evidence/:e/proof/frame-0.jpg', capability: 'read' },
  { method: 'POST', path: '/api/evidence/:e/review', body: { decision: 'accept' }, capability: 'review' },
  { method: 'PUT', path: '/api/orders/:o', body: { sellerId: 'seller-A', ...disputeBody().order, orderId: undefined }, capability: 'orders' },
  { method: 'GET', path: '/api/orders/:o', capability: 'read' },
  { method: 'POST', path: '/api/orders/:o/evidence', body: {}, capability: 'upload' },
  { method: 'GET', path: '/api/webhooks/endpoints', capability: 'webhooks' },
  { method: 'POST', path: '/api/webhooks/endpoints', body: { url: 'https://hooks.example.com/x' }, capability: 'webhooks' },
];

const call = (c: ReturnType<typeof client>, r: (typeof ROUTES)[number]): Promise<Reply> =>
  c.call(r.method, r.path.replace(':d', disputeA).replace(':e', evidenceA).replace(':o', ORDER_A), r.body);

test('without a key every route answers 401 AUTH.MISSING; with a bad or revoked key 401 AUTH.INVALID', async () => {
  const revoked = await svc.as('arbitrator');
  assert.equal(await svc.store.transaction((tx) => tx.keys.revoke(revoked.keyId, Date.now())), true);
  for (const r of ROUTES) {
    const anonymous = await call(client(svc.url), r);
    assert.equal(anonymous.status, 401, `${r.method} ${r.path}`);
    assert.equal(anonymous.body.code, 'AUTH.MISSING');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    for (const token of ['dek_live_' + 'x'.repeat(43), 'not-a-key', revoked.token]) {
      const bad = await call(client(svc.url, { authorization: `Bearer ${token}` }), r);
      assert.equal(bad.status, 401, `${r.method} ${r.path} with ${token.slice(0, 12)}…`);
      assert.equal(bad.body.code, 'AUTH.INVALID');
    }
  }
});

test("a key scoped to another seller gets 404 for every route of seller A's dispute and evidence, and lists none of it", async () => {
  for (const r of ROUTES.filter((x) => x.path.includes(':'))) {
    const res = await call(k.agentB, r);
    assert.equal(res.status, 404, `${r.method} ${r.path}: ${JSON.stringify(res.body)}`);
    assert.match(res.body.code, /^(DISPUTE|EVIDENCE|ORDER)\.NOT_FOUND$/);
  }
  const arbitratorScopedToB = await svc.as('arbitrator', 'seller-B');
  const review = await call(arbitratorScopedToB, ROUTES.find((x) => x.capability === 'review')!);
  assert.equal(review.status, 404, 'a reviewer scoped to another seller cannot even see the evidence');
  assert.equal(review.body.code, 'EVIDENCE.NOT_FOUND');
  const listed = await k.agentB.get('/api/disputes?sellerId=seller-A');
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.items, []);
  const own = await k.agentA.get('/api/disputes');
  assert.ok(own.body.items.length >= 1);
  assert.ok(own.body.items.every((d: { sellerId: string }) => d.sellerId === 'seller-A'));
});

test('each role reaches only what it may: 403 AUTH.FORBIDDEN otherwise, and the same routes work for the roles that may', async () => {
  const allowed: Record<keyof typeof k, ReadonlySet<string>> = {
    agentA: new Set(['read', 'event', 'upload', 'orders']),
    agentB: new Set(['read', 'event', 'upload', 'orders']),
    integration: new Set(['read', 'open', 'event', 'upload', 'orders']),
    integrationA: new Set(['read', 'open', 'event', 'upload', 'orders']),
    arbitrator: new Set(['read', 'event', 'review']),
    admin: new Set(['event', 'webhooks']), // events are refused per event, below
  };
  for (const role of ['agentA', 'integration', 'arbitrator', 'admin'] as const) {
    for (const r of ROUTES.filter((x) => x.capability !== 'event')) {
      const res = await call(k[role], r);
      if (allowed[role].has(r.capability)) assert.notEqual(res.status, 403, `${role} ${r.method} ${r.path}: ${JSON.stringify(res.body)}`);
      else {
        assert.equal(res.status, 403, `${role} ${r.method} ${r.path}`);
        assert.equal(res.body.code, 'AUTH.FORBIDDEN');
      }
    }
  }
  const foreignOpen = await k.integrationA.post('/api/disputes', disputeBody({ sellerId: 'seller-B' }));
  assert.equal(foreignOpen.status, 403);
  assert.equal(foreignOpen.body.code, 'AUTH.FORBIDDEN');
});

test("a role sends only its party's events: 403 AUTH.FORBIDDEN_EVENT names the role and the event; nothing is written", async () => {
  const d = await openFor(k.integration, 'seller-A');
  const refusals: Array<[keyof typeof k, unknown]> = [
    ['agentA', { type: 'BUYER_ACCEPTED' }],
    ['agentA', { type: 'BUYER_WITHDREW' }],
    ['agentA', { type: 'ARBITRATION_DECIDED', favour: 'seller', remedy: 'none' }],
    ['agentA', { type: 'TRACKING_UPDATED', tracking: { status: 'delivered', deliveryProof: { signerName: 'FORGED' } } }],
    ['integration', { type: 'SELLER_ACCEPTED_CLAIM' }],
    ['integration', { type: 'SOLUTION_PROPOSED', solution: 'refund' }],
    ['arbitrator', { type: 'SELLER_RESPONDED' }],
    ['arbitrator', { type: 'BUYER_WITHDREW' }],
    ['admin', { type: 'ARBITRATION_DECIDED', favour: 'buyer', remedy: 'full_refund' }],
    ['agentA', { type: 'ESCALATED', by: 'buyer' }],
    ['integration', { type: 'ESCALATED', by: 'seller' }],
  ];
  for (const [role, event] of refusals) {
    const res = await k[role].post(`/api/disputes/${d}/events`, event);
    assert.equal(res.status, 403, `${role} ${JSON.stringify(event)}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 'AUTH.FORBIDDEN_EVENT');
    assert.equal(res.body.event, (event as { type: string }).type);
    assert.ok(res.body.detail.includes(k[role] === k.agentA ? 'agent' : res.body.role));
  }
  const log = await k.arbitrator.get(`/api/disputes/${d}/events`);
  assert.deepEqual(log.body.items.map((e: { type: string }) => e.type), ['DISPUTE_FILED']);
});

test("the log records the key of each change, and ESCALATED's `by` comes from the caller's role", async () => {
  const d = await openFor(k.integration, 'seller-A');
  assert.equal((await k.agentA.post(`/api/disputes/${d}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
  assert.equal((await k.agentA.post(`/api/disputes/${d}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' })).status, 200);
  const escalated = await k.agentA.post(`/api/disputes/${d}/events`, { type: 'ESCALATED' });
  assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
  const log = (await k.arbitrator.get(`/api/disputes/${d}/events`)).body.items as Array<{ type: string; actor: string; payload: { by?: string } }>;
  assert.deepEqual(
    log.map((e) => [e.type, e.actor]),
    [
      ['DISPUTE_FILED', `key:${k.integration.keyId}`],
      ['SELLER_RESPONDED', `key:${k.agentA.keyId}`],
      ['SOLUTION_PROPOSED', `key:${k.agentA.keyId}`],
      ['ESCALATED', `key:${k.agentA.keyId}`],
    ],
  );
  assert.equal(log[3]!.payload.by, 'seller');
  const decided = await k.arbitrator.post(`/api/disputes/${d}/events`, { type: 'ARBITRATION_DECIDED', favour: 'seller', remedy: 'none' });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  const upload = (await k.arbitrator.get(`/api/disputes/${disputeA}/events`)).body.items.find((e: { type: string }) => e.type === 'EVIDENCE_REPORTED');
  assert.equal(upload.actor, `key:${k.agentA.keyId}`, 'the upload is recorded as the uploader');
});

test('browsers: a configured origin gets CORS, any other origin may read but not change anything; no cookies are set', async () => {
  const body = JSON.stringify(disputeBody({ sellerId: 'seller-A' }));
  const headers = { authorization: `Bearer ${k.integration.token}`, 'content-type': 'application/json' };
  const foreign = await fetch(`${svc.url}/api/disputes`, { method: 'POST', body, headers: { ...headers, origin: 'https://evil.example' } });
  assert.equal(foreign.status, 403);
  assert.equal((await foreign.json()).code, 'AUTH.FORBIDDEN_ORIGIN');
  const form = new FormData();
  form.append('kind', 'delivery_proof_photo');
  form.append('file', new Blob([new Uint8Array(10)]), 'x.jpg');
  const foreignUpload = await fetch(`${svc.url}/api/disputes/${disputeA}/evidence`, { method: 'POST', body: form, headers: { authorization: headers.authorization, origin: 'https://evil.example' } });
  assert.equal(foreignUpload.status, 403);
  assert.equal((await foreignUpload.json()).code, 'AUTH.FORBIDDEN_ORIGIN');

  const preflight = await fetch(`${svc.url}/api/disputes`, { method: 'OPTIONS', headers: { origin: 'https://desk.example.com', 'access-control-request-method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://desk.example.com');
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
  const fromDesk = await fetch(`${svc.url}/api/disputes`, { method: 'POST', body, headers: { ...headers, origin: 'https://desk.example.com' } });
  assert.equal(fromDesk.status, 201);
  assert.equal(fromDesk.headers.get('access-control-allow-origin'), 'https://desk.example.com');
  assert.equal(fromDesk.headers.get('set-cookie'), null);
  const foreignRead = await fetch(`${svc.url}/api/disputes/${disputeA}`, { headers: { authorization: headers.authorization, origin: 'https://evil.example' } });
  assert.equal(foreignRead.status, 200);
  assert.equal(foreignRead.headers.get('access-control-allow-origin'), null, 'no CORS: the foreign page cannot read the answer');
});

test('every answer carries a request id (the caller’s own when it is plain)', async () => {
  const mine = await fetch(`${svc.url}/api/disputes`, { headers: { 'x-request-id': 'helpdesk-42' } });
  assert.equal(mine.headers.get('x-request-id'), 'helpdesk-42');
  const made = await fetch(`${svc.url}/api/nothing`, { headers: { 'x-request-id': 'bad id with spaces' } });
  assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('rate limits per key: RateLimit headers, then 429 RATE.LIMITED with Retry-After; another key is unaffected', async () => {
  const limited = await testService({ access: { auth: 'on', corsOrigins: [], rateLimit: { limit: 3, windowMs: 60_000 } } });
  try {
    const a = await limited.as('arbitrator');
    const b = await limited.as('arbitrator');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await a.get('/api/disputes'));
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 429]);
    assert.match(answers[0]!.headers.get('ratelimit') ?? '', /limit=3, remaining=2/);
    assert.equal(answers[3]!.body.code, 'RATE.LIMITED');
    assert.ok(Number(answers[3]!.headers.get('retry-after')) >= 1);
    assert.equal((await b.get('/api/disputes')).status, 200);
  } finally {
    await limited.close();
  }
});

test('AUTH=off is refused on any address but loopback', async () => {
  await assert.rejects(testService({ host: '0.0.0.0', access: { auth: 'off' } }), /AUTH=off is allowed only on loopback/);
});
