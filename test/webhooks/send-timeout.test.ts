import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sendWebhook } from '../../src/webhooks/send-webhook.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('an attempt to a receiver that never answers times out even when a garbage collection runs while it waits (nodejs/node#57736)', async () => {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => void held.push(res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const job = new AbortController(); // the job's claim, never lost here
    const attempt = sendWebhook(url, {}, '{}', { timeoutMs: 300, allowPrivate: true, signal: job.signal });
    // Collect garbage while the request waits: a timeout held only weakly is lost here.
    await new Promise<void>((ok) => server.once('request', () => ok()));
    for (let i = 0; i < 5; i++) gc();
    const r = await attempt;
    assert.equal(r.statusCode, null);
    assert.equal(r.error, 'timed out after 300 ms');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
