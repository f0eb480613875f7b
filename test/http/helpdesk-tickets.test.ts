import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deliver, eventually, helpdeskReceiver, helpdeskService, SELLER, ticketFields, zendeskWebhook } from '../helpers/helpdesk.ts';

let receiver: Awaited<ReturnType<typeof helpdeskReceiver>>;
let svc: Awaited<ReturnType<typeof helpdeskService>>;

before(async () => {
  receiver = await helpdeskReceiver();
  svc = await helpdeskService(receiver.url);
});
after(async () => {
  await svc?.close();
  await receiver?.close();
});

test('GET /api/helpdesks/{helpdesk}/tickets/{ticketId}: the linked dispute within the key\'s scope; unlinked and another seller\'s are the same 404', async () => {
  const agent = await svc.as('agent', SELLER);
  const stranger = await svc.as('agent', 'another-seller');
  const arbitrator = await svc.as('arbitrator');
  const admin = await svc.as('admin');
  assert.equal((await deliver(svc.url, zendeskWebhook(4711, ticketFields('ORD-LOOKUP-1')))).status, 202);
  const linked = await eventually(async () => {
    const r = await agent.get('/api/helpdesks/zendesk/tickets/4711');
    return r.status === 200 && r.body;
  }, 'ticket 4711 linked');
  assert.deepEqual(Object.keys(linked).sort(), ['disputeId', 'helpdesk', 'ticketId']);
  assert.equal(linked.helpdesk, 'zendesk');
  assert.equal(linked.ticketId, '4711');
  assert.equal((await agent.get(`/api/disputes/${linked.disputeId}`)).body.sellerId, SELLER);

  assert.equal((await arbitrator.get('/api/helpdesks/zendesk/tickets/4711')).body.disputeId, linked.disputeId, 'an unscoped reader sees it');
  const foreign = await stranger.get('/api/helpdesks/zendesk/tickets/4711');
  const unlinked = await agent.get('/api/helpdesks/zendesk/tickets/4712');
  const otherHelpdesk = await agent.get('/api/helpdesks/chatwoot/tickets/4711');
  for (const r of [foreign, unlinked, otherHelpdesk]) {
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'INTEGRATION.TICKET_NOT_LINKED');
  }
  assert.equal(foreign.body.detail.replace('4711', 'N'), unlinked.body.detail.replace('4712', 'N'), 'another seller\'s ticket reads exactly like an unlinked one');
  assert.equal((await agent.get('/api/helpdesks/intercom/tickets/4711')).body.code, 'REQUEST.INVALID');
  assert.equal((await admin.get('/api/helpdesks/zendesk/tickets/4711')).body.code, 'AUTH.FORBIDDEN');
  assert.equal((await fetch(`${svc.url}/api/helpdesks/zendesk/tickets/4711`)).status, 401);
});
