import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chatwootWebhook, deliver, eventually, freshdeskWebhook, helpdeskReceiver, helpdeskService, SELLER, ticketFields, zendeskWebhook, type SignedRequest } from '../helpers/helpdesk.ts';
import { disputeBody } from '../helpers/order.ts';
import { rawSql } from '../helpers/raw-sql.ts';

let receiver: Awaited<ReturnType<typeof helpdeskReceiver>>;
let svc: Awaited<ReturnType<typeof helpdeskService>>;
/** An unscoped integration key: reads and files disputes. */
let reader: Awaited<ReturnType<typeof svc.as>>;

before(async () => {
  receiver = await helpdeskReceiver();
  svc = await helpdeskService(receiver.url);
  reader = await svc.as('integration');
});
after(async () => {
  await svc.close();
  await receiver.close();
});

const disputeIdIn = (text: string) => /\/api\/disputes\/(dsp_[0-9a-f]+)/.exec(text)?.[1];
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const SIX_MINUTES_AGO = () => new Date(Date.now() - 6 * 60_000);

/** The dispute the note names: filed by the helpdesk's actor, for the integration's seller and the ticket's order. */
async function assertOpenedBy(note: string, helpdesk: string, orderId: string) {
  const id = disputeIdIn(note);
  assert.ok(id, 'the note links the dispute');
  const d = await reader.get(`/api/disputes/${id}`);
  assert.equal(d.body.sellerId, SELLER);
  assert.equal(d.body.order.orderId, orderId);
  assert.equal(d.body.order.amount.currency, 'USD');
  assert.match(d.body.externalId, new RegExp(`^${helpdesk}:\\d+$`), 'filed under the ticket');
  const log = await reader.get(`/api/disputes/${id}/events`);
  assert.equal(log.body.items[0].type, 'DISPUTE_FILED');
  assert.equal(log.body.items[0].actor, `integration:${helpdesk}`);
}

test('a signed Zendesk ticket webhook opens a dispute; an internal comment comes back on the ticket with Zendesk token auth', async () => {
  const r = await deliver(svc.url, zendeskWebhook(101, ticketFields('ZD-ORDER-1')));
  assert.equal(r.status, 202);
  const note = await receiver.waitFor((x) => x.path === '/api/v2/tickets/101.json', 'the Zendesk note');
  assert.equal(note.method, 'PUT');
  assert.equal(note.headers.authorization, basic('bot@shop.test/token', 'zd-token'));
  assert.equal(note.body.ticket.comment.public, false);
  assert.match(note.body.ticket.comment.html_body, /awaiting_seller_response/);
  assert.match(note.body.ticket.comment.html_body, /href="https:\/\/disputes\.example\.test\/api\/disputes\/dsp_/);
  await assertOpenedBy(note.body.ticket.comment.html_body, 'zendesk', 'ZD-ORDER-1');
});

test('a signed Chatwoot conversation webhook opens a dispute; a private message comes back with the api_access_token header', async () => {
  const r = await deliver(svc.url, chatwootWebhook(303, 7, ticketFields('CW-ORDER-1')));
  assert.equal(r.status, 202);
  const note = await receiver.waitFor((x) => x.path === '/api/v1/accounts/7/conversations/303/messages', 'the Chatwoot note');
  assert.equal(note.method, 'POST');
  assert.equal(note.headers.api_access_token, 'cw-token');
  assert.equal(note.body.private, true);
  assert.equal(note.body.message_type, 'outgoing');
  await assertOpenedBy(note.body.content, 'chatwoot', 'CW-ORDER-1');
});

test('a Freshdesk webhook with the right token opens a dispute; a private note comes back with API-key basic auth', async () => {
  const r = await deliver(svc.url, freshdeskWebhook(202, ticketFields('FD-ORDER-1')));
  assert.equal(r.status, 202);
  const note = await receiver.waitFor((x) => x.path === '/api/v2/tickets/202/notes', 'the Freshdesk note');
  assert.equal(note.method, 'POST');
  assert.equal(note.headers.authorization, basic('fd-key', 'X'));
  assert.equal(note.body.private, true);
  await assertOpenedBy(note.body.body, 'freshdesk', 'FD-ORDER-1');
});

test('a ticket naming only the order of an existing dispute links to it instead of opening another', async () => {
  const filed = await reader.post('/api/disputes', disputeBody({ sellerId: SELLER, order: { ...disputeBody().order, orderId: 'LINK-ORDER-9' } }));
  assert.equal(filed.status, 201);
  const r = await deliver(svc.url, zendeskWebhook(909, { order_id: 'LINK-ORDER-9' }));
  assert.equal(r.status, 202);
  const note = await receiver.waitFor((x) => x.path === '/api/v2/tickets/909.json', 'the note on the linked ticket');
  assert.equal(disputeIdIn(note.body.ticket.comment.html_body), filed.body.id);
  const list = await reader.get(`/api/disputes?sellerId=${SELLER}&limit=100`);
  assert.equal(list.body.items.filter((d: { id: string }) => d.id === filed.body.id).length, 1);
  const log = await reader.get(`/api/disputes/${filed.body.id}/events`);
  assert.equal(log.body.items.length, 1, 'linking changes nothing in the dispute');
});

const refusals: Array<[string, () => SignedRequest, string]> = [
  ['Zendesk, stale timestamp', () => zendeskWebhook(1, ticketFields('S1'), SIX_MINUTES_AGO()), 'INTEGRATION.STALE'],
  ['Chatwoot, stale timestamp', () => chatwootWebhook(1, 7, ticketFields('S2'), SIX_MINUTES_AGO()), 'INTEGRATION.STALE'],
  ['Freshdesk, stale update time', () => freshdeskWebhook(1, ticketFields('S3'), SIX_MINUTES_AGO()), 'INTEGRATION.STALE'],
  ['Zendesk, wrong secret', () => zendeskWebhook(2, ticketFields('B1'), new Date(), 'another-secret-0123456789abcdef-xyz'), 'INTEGRATION.BAD_SIGNATURE'],
  ['Chatwoot, wrong secret', () => chatwootWebhook(2, 7, ticketFields('B2'), new Date(), 'another-secret-0123456789abcdef-xyz'), 'INTEGRATION.BAD_SIGNATURE'],
  ['Zendesk, body changed after signing', () => ({ ...zendeskWebhook(3, ticketFields('B3')), body: JSON.stringify({ ticket: { id: '3', fields: ticketFields('B3', { amount: '1.00' }) } }) }), 'INTEGRATION.BAD_SIGNATURE'],
  ['Chatwoot, no signature', () => ({ ...chatwootWebhook(3, 7, ticketFields('B4')), headers: {} }), 'INTEGRATION.BAD_SIGNATURE'],
  ['Freshdesk, wrong token', () => freshdeskWebhook(4, ticketFields('T1'), new Date(), 'wrong-token-0123456789abcdef-0123456'), 'INTEGRATION.BAD_TOKEN'],
  ['Freshdesk, no token', () => ({ ...freshdeskWebhook(5, ticketFields('T2')), path: '/integrations/freshdesk/webhook' }), 'INTEGRATION.BAD_TOKEN'],
];

for (const [name, make, code] of refusals) {
  test(`refused as problem+json 401 ${code}: ${name}; nothing is filed`, async () => {
    const r = await deliver(svc.url, make());
    assert.equal(r.status, 401);
    assert.match(r.type ?? '', /application\/problem\+json/);
    assert.equal(r.body.code, code);
  });
}

test('after the refusals, none of their orders has a dispute', async () => {
  const list = await reader.get(`/api/disputes?sellerId=${SELLER}&limit=100`);
  const orders = await Promise.all(list.body.items.map(async (d: { id: string }) => (await reader.get(`/api/disputes/${d.id}`)).body.order.orderId));
  for (const refused of ['S1', 'S2', 'S3', 'B1', 'B2', 'B3', 'B4', 'T1', 'T2']) assert.ok(!orders.includes(refused), `${refused} was not filed`);
});

for (const [name, make] of [
  ['Zendesk', () => zendeskWebhook(501, ticketFields('R1'))],
  ['Chatwoot', () => chatwootWebhook(502, 7, ticketFields('R2'))],
  ['Freshdesk', () => freshdeskWebhook(503, ticketFields('R3'))],
] as Array<[string, () => SignedRequest]>) {
  test(`${name}: the same delivery sent twice is refused the second time (INTEGRATION.REPLAYED)`, async () => {
    const request = make();
    assert.equal((await deliver(svc.url, request)).status, 202);
    const again = await deliver(svc.url, request);
    assert.equal(again.status, 401);
    assert.equal(again.body.code, 'INTEGRATION.REPLAYED');
  });
}

test('an unconfigured helpdesk is 404 problem+json', async () => {
  const r = await deliver(svc.url, { path: '/integrations/helpscout/webhook', body: '{}', headers: {} });
  assert.equal(r.status, 404);
  assert.equal(r.body.code, 'INTEGRATION.NOT_CONFIGURED');
});

test('two deliveries of one new ticket at once (not replays: signed at different times) file one dispute and link it once', async () => {
  const now = Date.now();
  const [a, b] = await Promise.all([
    deliver(svc.url, chatwootWebhook(404, 7, ticketFields('TWICE-1'), new Date(now))),
    deliver(svc.url, chatwootWebhook(404, 7, ticketFields('TWICE-1'), new Date(now - 2_000))),
  ]);
  assert.deepEqual([a.status, b.status], [202, 202]);
  const sql = await rawSql(svc);
  const pending = "SELECT count(*) AS n FROM jobs WHERE kind IN ('integration.inbound', 'helpdesk.note') AND done_at IS NULL";
  try {
    await eventually(async () => Number((await sql.one<{ n: number | string }>({ sqlite: pending, postgres: pending }))?.n) === 0, 'both deliveries handled');
    const forOrder = await sql.one<{ n: number | string }>({
      sqlite: "SELECT count(*) AS n FROM disputes WHERE json_extract(snapshot, '$.context.order.orderId') = 'TWICE-1'",
      postgres: "SELECT count(*) AS n FROM disputes WHERE snapshot::jsonb #>> '{context,order,orderId}' = 'TWICE-1'",
    });
    assert.equal(Number(forOrder?.n), 1, 'one dispute for the order');
  } finally {
    await sql.close();
  }
  const list = await reader.get(`/api/disputes?sellerId=${SELLER}&limit=100`);
  assert.equal(list.body.items.filter((d: { externalId: string }) => d.externalId === 'chatwoot:404').length, 1);
  assert.equal(receiver.received.filter((r) => r.path === '/api/v1/accounts/7/conversations/404/messages').length, 1, 'one link, one note');
});
