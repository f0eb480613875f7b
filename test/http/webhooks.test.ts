import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { manualClock } from '../../src/workflow/clock.ts';
import type { deliveryView } from '../../src/webhooks/webhook-admin.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { disputeBody } from '../helpers/order.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { testService } from '../helpers/service.ts';
import { startReceiver, until, type Receipt } from '../helpers/webhook-receiver.ts';

const HOUR = 3_600_000;
/** Retries at once, no jitter: the schedule's length (8 attempts) is kept, its waits are not. */
const FAST = { allowPrivate: true, retry: { scheduleMs: [0, 0, 0, 0, 0, 0, 0], jitter: 0 } };

type Svc = Awaited<ReturnType<typeof testService>>;
/** A delivery as GET …/deliveries answers it. */
type Delivery = ReturnType<typeof deliveryView>;

async function endpoint(svc: Svc, url: string, events?: string[]) {
  const r = await svc.api.post('/api/webhooks/endpoints', { url, ...(events ? { events } : {}) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; secret: string; events: string[] };
}

async function openDispute(svc: Svc, over: Record<string, unknown> = {}): Promise<string> {
  const r = await svc.api.post('/api/disputes', disputeBody(over));
  assert.equal(r.status, 201);
  return r.body.id as string;
}

/** The endpoint's delivery log once `pred` holds for it. */
const deliveryLog = (svc: Svc, endpointId: string, pred: (items: Delivery[]) => boolean) =>
  until(async () => (await svc.api.get(`/api/webhooks/endpoints/${endpointId}/deliveries`)).body.items as Delivery[], pred);

const ofType = (all: readonly Receipt[], type: string) => all.filter((r) => r.json.type === type);

test('signed Standard Webhooks reach each endpoint for the types it chose: thin payloads with links, verified by the standardwebhooks package', async () => {
  const svc = await testService({ webhooks: FAST });
  const all = await startReceiver();
  const resolvedOnly = await startReceiver();
  try {
    const a = await endpoint(svc, all.url);
    const b = await endpoint(svc, resolvedOnly.url, ['dispute.resolved']);
    all.secrets.push(a.secret);
    resolvedOnly.secrets.push(b.secret);
    for (const s of [a.secret, b.secret]) {
      assert.match(s, /^whsec_[A-Za-z0-9+/]+=*$/);
      const bytes = Buffer.from(s.slice('whsec_'.length), 'base64').length;
      assert.ok(bytes >= 24 && bytes <= 32, `${bytes} secret bytes`);
    }
    const listed = await svc.api.get('/api/webhooks/endpoints');
    assert.deepEqual(listed.body.items.map((e: { id: string }) => e.id).sort(), [a.id, b.id].sort());
    assert.ok(listed.body.items.every((e: Record<string, unknown>) => !('secret' in e)), 'the list never shows secrets');

    const id = await openDispute(svc);
    const accepted = await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_ACCEPTED_CLAIM' });
    assert.equal(accepted.status, 200);
    // Deliveries run side by side, so no order among them is awaited: all three types must have arrived.
    await all.waitFor((r) => ['dispute.created', 'dispute.status_changed', 'dispute.resolved'].every((t) => ofType(r, t).length === 1));
    await resolvedOnly.waitFor((r) => r.length === 1);

    for (const r of [...all.receipts, ...resolvedOnly.receipts]) {
      assert.equal(r.verifiedWith.length, 1, `${r.json.type} verifies with its endpoint's secret`);
      assert.match(r.webhookId, /^msg_/);
      assert.equal(String(r.headers['webhook-signature']).split(' ').length, 1);
      assert.equal(r.json.data.disputeId, id);
      assert.equal(r.json.data.links.dispute, `/api/disputes/${id}`);
      assert.ok(!Number.isNaN(Date.parse(r.json.timestamp)));
    }
    assert.deepEqual(resolvedOnly.receipts.map((r) => r.json.type), ['dispute.resolved']);
    const changed = ofType(all.receipts, 'dispute.status_changed')[0]!;
    assert.equal(changed.json.data.previousStatus, 'awaiting_seller_response');
    assert.equal(changed.json.data.status, 'resolved');
    assert.equal(ofType(all.receipts, 'dispute.resolved')[0]!.json.data.outcome.decidedBy, 'seller_accepted');
    // The same resolved message went to both endpoints under one webhook-id.
    assert.equal(ofType(all.receipts, 'dispute.resolved')[0]!.webhookId, resolvedOnly.receipts[0]!.webhookId);
  } finally {
    await svc.close();
    await all.close();
    await resolvedOnly.close();
  }
});

test('a receiver that fails 3 times then succeeds gets exactly one successful delivery; the log shows every attempt', async () => {
  const svc = await testService({ webhooks: FAST });
  const rx = await startReceiver((r) => ({ status: r.nth <= 3 ? 500 : 200 }));
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    rx.secrets.push(ep.secret);
    await openDispute(svc);
    await rx.waitFor((all) => all.some((r) => r.answered === 200));
    const log = await deliveryLog(svc, ep.id, (items) => items[0]?.status === 'delivered');
    assert.equal(log.length, 1);
    const d = log[0]!;
    assert.equal(d.attempts, 4);
    assert.deepEqual(d.attemptLog.map((a) => a.statusCode), [500, 500, 500, 200]);
    assert.ok(d.attemptLog.every((a) => Number.isInteger(a.latencyMs) && a.latencyMs >= 0));
    assert.equal(d.nextAttemptAt, null);
    assert.deepEqual([...rx.acknowledged().values()], [1]);
    assert.ok(rx.receipts.every((r) => r.webhookId === d.webhookId && r.body === rx.receipts[0]!.body), 'retries resend the same message');
    assert.ok(rx.receipts.every((r) => r.verifiedWith.length === 1));
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('a delivery whose schedule is spent fails; the log says so', async () => {
  const svc = await testService({ webhooks: { ...FAST, retry: { scheduleMs: [0, 0], jitter: 0 } } });
  const rx = await startReceiver(() => ({ status: 503 }));
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    await openDispute(svc);
    const d = (await deliveryLog(svc, ep.id, (items) => items[0]?.status === 'failed'))[0]!;
    assert.equal(d.attempts, 3);
    assert.equal(d.lastStatusCode, 503);
    assert.equal(rx.receipts.length, 3);
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('a receiver that does not answer within the request timeout counts as a failed attempt and is retried', async () => {
  // 1 s: the held attempt always runs out; the answering one has ample time even on a loaded
  // machine (at 200 ms, a full test run once timed out every attempt and the delivery failed).
  const svc = await testService({ webhooks: { ...FAST, timeoutMs: 1_000 } });
  const rx = await startReceiver((r) => (r.nth === 1 ? { hold: true } : { status: 200 }));
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    await openDispute(svc);
    const d = (await deliveryLog(svc, ep.id, (items) => items[0] !== undefined && items[0].status !== 'pending'))[0]!;
    assert.equal(d.status, 'delivered', JSON.stringify(d.attemptLog));
    assert.equal(d.attempts, 2);
    assert.equal(d.attemptLog[0]!.statusCode, null);
    assert.match(String(d.attemptLog[0]!.error), /timed out after 1000 ms/);
    assert.equal(d.attemptLog[1]!.statusCode, 200);
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('HTTP 410 disables the endpoint: nothing more is routed to it', async () => {
  const svc = await testService({ webhooks: FAST });
  const gone = await startReceiver(() => ({ status: 410 }));
  const healthy = await startReceiver();
  try {
    const g = await endpoint(svc, gone.url, ['dispute.created']);
    await endpoint(svc, healthy.url, ['dispute.created']);
    await openDispute(svc);
    const disabled = await until(
      async () => (await svc.api.get('/api/webhooks/endpoints')).body.items.find((e: { id: string }) => e.id === g.id),
      (e) => e.enabled === false,
    );
    assert.match(disabled.disabledReason, /410/);
    const second = await openDispute(svc);
    await healthy.waitFor((all) => all.some((r) => r.json.data.disputeId === second));
    assert.equal(gone.receipts.length, 1, 'the 410 was the only request the gone endpoint got');
    const log = (await svc.api.get(`/api/webhooks/endpoints/${g.id}/deliveries`)).body.items;
    assert.equal(log.length, 1);
    assert.equal(log[0].status, 'failed');
  } finally {
    await svc.close();
    await gone.close();
    await healthy.close();
  }
});

test("the receiver's Retry-After is honoured: the next attempt waits for it, on the service's clock", async () => {
  const clock = manualClock(Date.now());
  const svc = await testService({ clock, webhooks: { allowPrivate: true, retry: { scheduleMs: [1_000], jitter: 0 } } });
  const rx = await startReceiver((r) => (r.nth === 1 ? { status: 429, headers: { 'retry-after': '120' } } : { status: 200 }));
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    await openDispute(svc);
    const d = (await deliveryLog(svc, ep.id, (items) => items[0]?.attempts === 1))[0]!;
    assert.equal(d.status, 'pending');
    assert.equal(Date.parse(String(d.nextAttemptAt)) - Date.parse(String(d.attemptLog[0]!.at)), 120_000, 'Retry-After (120 s) over the schedule (1 s)');
    assert.equal(rx.receipts.length, 1);
    const early = await svc.api.post(`/api/webhooks/deliveries/${d.id}/redeliver`);
    assert.equal(early.status, 409, 'a pending delivery is not redelivered beside its own retry');
    assert.equal(early.body.code, 'WEBHOOK.DELIVERY_PENDING');
    clock.advance(120_000);
    await rx.waitFor((all) => all.length === 2);
    assert.equal(rx.receipts[1]!.answered, 200);
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('redeliver sends a finished delivery again under the same webhook-id; an unknown one is 404', async () => {
  const svc = await testService({ webhooks: FAST });
  const rx = await startReceiver();
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    await openDispute(svc);
    const d = (await deliveryLog(svc, ep.id, (items) => items[0]?.status === 'delivered'))[0]!;
    const again = await svc.api.post(`/api/webhooks/deliveries/${d.id}/redeliver`);
    assert.equal(again.status, 202);
    await rx.waitFor((all) => all.length === 2);
    assert.equal(rx.receipts[1]!.webhookId, d.webhookId);
    assert.equal(rx.receipts[1]!.body, rx.receipts[0]!.body);
    const after = await until(
      async () => (await svc.api.get(`/api/webhooks/endpoints/${ep.id}/deliveries`)).body.items[0],
      (x) => x.status === 'delivered' && x.attempts === 2,
    );
    assert.equal(after.attemptLog.length, 2);

    const missing = await svc.api.post('/api/webhooks/deliveries/dlv_nope/redeliver');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(missing.body.code, 'WEBHOOK.DELIVERY_NOT_FOUND');
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('secret rotation: during the window both secrets sign, either verifies', async () => {
  const svc = await testService({ webhooks: FAST });
  const rx = await startReceiver();
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    const rotated = await svc.api.post(`/api/webhooks/endpoints/${ep.id}/rotate-secret`);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, ep.secret);
    assert.ok(rotated.body.previousSecretSignsUntil);
    rx.secrets.push(ep.secret, rotated.body.secret);
    await openDispute(svc);
    await rx.waitFor((all) => all.length === 1);
    const r = rx.receipts[0]!;
    assert.equal(String(r.headers['webhook-signature']).split(' ').length, 2);
    assert.deepEqual(r.verifiedWith, [ep.secret, rotated.body.secret]);
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('a deadline entering its notice window (policy: 6 h before) sends dispute.deadline_approaching once', async () => {
  const svc = await testService({ webhooks: { ...FAST, sweepMs: 20 } });
  const rx = await startReceiver();
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.deadline_approaching', 'dispute.status_changed']);
    rx.secrets.push(ep.secret);
    // Filed 22 h ago: first response due in 2 h (inside the 6 h window), solution in 26 h (outside).
    const openedAt = Date.now() - 22 * HOUR;
    const id = await openDispute(svc, { openedAt: new Date(openedAt).toISOString() });
    await rx.waitFor((all) => ofType(all, 'dispute.deadline_approaching').length >= 1);
    // Many sweeps later (one every 20 ms) and after another change, still one notice.
    assert.equal((await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
    await rx.waitFor((all) => ofType(all, 'dispute.status_changed').length === 1);
    const notices = ofType(rx.receipts, 'dispute.deadline_approaching');
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.json.data.deadline, 'first_response');
    assert.equal(Date.parse(notices[0]!.json.data.dueAt), openedAt + 24 * HOUR);
    assert.equal(notices[0]!.verifiedWith.length, 1);
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('finished deliveries and routed outbox rows are pruned after the retention period', async () => {
  const clock = manualClock(Date.now());
  const svc = await testService({ clock, webhooks: { ...FAST, sweepMs: 20, retentionMs: 30 * 24 * HOUR } });
  const rx = await startReceiver();
  try {
    const ep = await endpoint(svc, rx.url, ['dispute.created']);
    await openDispute(svc);
    await deliveryLog(svc, ep.id, (items) => items[0]?.status === 'delivered');
    const db = await rawSql(svc);
    const outboxRows = () => db.one<{ n: number }>({ sqlite: 'SELECT count(*) AS n FROM outbox', postgres: 'SELECT count(*)::int AS n FROM outbox' }).then((r) => Number(r!.n));
    try {
      assert.equal(await outboxRows(), 1);
      clock.advance(30 * 24 * HOUR + 1);
      await deliveryLog(svc, ep.id, (items) => items.length === 0);
      assert.equal(await outboxRows(), 0);
    } finally {
      await db.close();
    }
  } finally {
    await svc.close();
    await rx.close();
  }
});

test('endpoint URLs: only http(s); loopback and private targets refused unless allowed; Idempotency-Key; unknown ids 404', async () => {
  const svc = await testService();
  try {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'http://127.0.0.1:9/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest']) {
      const r = await svc.api.post('/api/webhooks/endpoints', { url });
      assert.equal(r.status, 400, url);
      assert.equal(r.body.code, 'REQUEST.INVALID', url);
    }
    const badType = await svc.api.post('/api/webhooks/endpoints', { url: 'https://example.com/x', events: ['dispute.exploded'] });
    assert.equal(badType.status, 400);
    assert.equal(badType.body.errors[0].pointer, '/events/0');
    const body = { url: 'https://example.com/hooks', description: 'helpdesk' };
    const ok = await svc.api.post('/api/webhooks/endpoints', body, { 'Idempotency-Key': 'create-helpdesk' });
    assert.equal(ok.status, 201);
    const retried = await svc.api.post('/api/webhooks/endpoints', body, { 'Idempotency-Key': 'create-helpdesk' });
    assert.deepEqual(retried.body, ok.body, 'a retry gets the first answer, not a second endpoint');
    assert.equal((await svc.api.get('/api/webhooks/endpoints')).body.items.length, 1);
    assert.equal((await svc.api.call('DELETE', `/api/webhooks/endpoints/${ok.body.id}`)).status, 204);
    const gone = await svc.api.call('DELETE', `/api/webhooks/endpoints/${ok.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'WEBHOOK.ENDPOINT_NOT_FOUND');
  } finally {
    await svc.close();
  }
});

test('evidence.checked goes out once the checks answer (not on the upload), with a link to the evidence', async () => {
  const fx = await ensureFixtures();
  const svc = await testService({ webhooks: FAST });
  const rx = await startReceiver();
  try {
    const ep = await endpoint(svc, rx.url, ['evidence.checked']);
    rx.secrets.push(ep.secret);
    const id = await openDispute(svc, { reason: 'damaged' });
    const up = await uploadEvidence(svc.url, id, 'carrier_letter', readFileSync(fx.pdf), {}, 'letter.pdf');
    assert.equal(up.status, 202, JSON.stringify(up.body));
    const settled = await settledEvidence(svc.url, up.body.id);
    await rx.waitFor((all) => all.length === 1);
    // A later change to the dispute is routed after the report: by then a second evidence.checked would have been routed too.
    assert.equal((await svc.api.post(`/api/disputes/${id}/events`, { type: 'SELLER_RESPONDED' })).status, 200);
    const other = await endpoint(svc, rx.url, ['dispute.status_changed']);
    rx.secrets.push(other.secret);
    assert.equal((await svc.api.post(`/api/disputes/${id}/events`, { type: 'SOLUTION_PROPOSED', solution: 'resend' })).status, 200);
    await rx.waitFor((all) => ofType(all, 'dispute.status_changed').length === 1);
    const checked = ofType(rx.receipts, 'evidence.checked');
    assert.equal(checked.length, 1);
    const data = checked[0]!.json.data;
    assert.equal(data.evidenceId, up.body.id);
    assert.equal(data.kind, 'carrier_letter');
    assert.equal(data.status, settled.status);
    assert.notEqual(data.status, 'checking');
    assert.equal(data.links.evidence, `/api/evidence/${up.body.id}`);
    assert.ok(!('report' in data) && !('file' in data), 'thin: links, never the report or the file');
  } finally {
    await svc.close();
    await rx.close();
  }
});
