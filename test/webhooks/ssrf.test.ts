import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { test } from 'node:test';
import { endpointUrlProblem, guardedLookup, isPrivateAddress } from '../../src/webhooks/ssrf.ts';

const resolve = (allowPrivate: boolean, host: string) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((ok) =>
    guardedLookup(allowPrivate)(host, {}, (err, address) => ok({ err, address })),
  );

test('private, loopback, link-local and mapped addresses are private; public ones are not', () => {
  for (const ip of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])
    assert.ok(isPrivateAddress(ip), ip);
  for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) assert.ok(!isPrivateAddress(ip), ip);
});

test('at connect time a name that resolves to loopback is refused unless private targets are allowed', async () => {
  const refused = await resolve(false, 'localhost');
  assert.equal(refused.err?.code, 'EPRIVATEADDR');
  const allowed = await resolve(true, 'localhost');
  assert.equal(allowed.err, null);
  assert.ok(isPrivateAddress(String(allowed.address)));
});

test('endpoint URLs: http(s) only, no credentials, private hosts only when allowed', () => {
  assert.equal(endpointUrlProblem('https://hooks.example.com/x', false), undefined);
  assert.match(String(endpointUrlProblem('gopher://x', false)), /http and https/);
  assert.match(String(endpointUrlProblem('https://user:pw@hooks.example.com/', false)), /credentials/);
  assert.match(String(endpointUrlProblem('http://[::1]:8080/', false)), /WEBHOOK_ALLOW_PRIVATE/);
  assert.equal(endpointUrlProblem('http://127.0.0.1:8080/', true), undefined);
});
