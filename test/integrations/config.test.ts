import assert from 'node:assert/strict';
import { test } from 'node:test';
import { integrationsFromEnv } from '../../src/integrations/config.ts';

const SECRET = 'x'.repeat(32);
const zendesk = {
  PUBLIC_URL: 'https://disputes.example.test/',
  ZENDESK_WEBHOOK_SECRET: SECRET,
  ZENDESK_BASE_URL: 'https://acme.zendesk.com/',
  ZENDESK_EMAIL: 'bot@acme.test',
  ZENDESK_API_TOKEN: 'tok',
  ZENDESK_SELLER_ID: 'seller-1',
};

test('no helpdesk variable set: no integrations', () => {
  assert.equal(integrationsFromEnv({ PUBLIC_URL: 'https://disputes.example.test' }), undefined);
});

test('a complete section turns its helpdesk on, trailing slashes trimmed from URLs', () => {
  const cfg = integrationsFromEnv(zendesk);
  assert.equal(cfg?.publicUrl, 'https://disputes.example.test');
  assert.equal(cfg?.zendesk?.baseUrl, 'https://acme.zendesk.com');
  assert.equal(cfg?.chatwoot, undefined);
});

test('a section switched on but incomplete, a short secret, or no PUBLIC_URL is refused, naming the setting', () => {
  const { ZENDESK_API_TOKEN: _gone, ...missing } = zendesk;
  assert.throws(() => integrationsFromEnv(missing), /apiToken/);
  assert.throws(() => integrationsFromEnv({ ...zendesk, ZENDESK_WEBHOOK_SECRET: 'short' }), /webhookSecret/);
  const { PUBLIC_URL: _none, ...noUrl } = zendesk;
  assert.throws(() => integrationsFromEnv(noUrl), /publicUrl/);
  assert.throws(() => integrationsFromEnv({ ...zendesk, FRESHDESK_WEBHOOK_TOKEN: SECRET }), /freshdesk/);
});
