import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { webhooksCommand } from '../../src/cli/webhooks.command.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { captureIo } from './helpers.ts';

test('dispute webhooks create | list | delete on the store start uses (DATA_DIR)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-cli-'));
  try {
    await new SqliteStore(join(dir, 'disputes.sqlite')).close();
    const env = { DATA_DIR: dir };
    const created = captureIo();
    assert.equal(await webhooksCommand(['create', '--url', 'https://helpdesk.example.com/hooks', '--events', 'dispute.resolved,evidence.checked', '--json'], created, env), 0);
    const ep = JSON.parse(created.stdout) as { id: string; secret: string; events: string[] };
    assert.match(ep.secret, /^whsec_/);
    assert.deepEqual(ep.events, ['dispute.resolved', 'evidence.checked']);

    const listed = captureIo();
    assert.equal(await webhooksCommand(['list'], listed, env), 0);
    assert.match(listed.stdout, new RegExp(`${ep.id}\\s+enabled\\s+https://helpdesk.example.com/hooks\\s+dispute.resolved,evidence.checked`));
    assert.doesNotMatch(listed.stdout, /whsec_/);

    const refused = captureIo();
    assert.equal(await webhooksCommand(['create', '--url', 'http://127.0.0.1:8080/x'], refused, env), 1);
    assert.match(refused.stderr, /REQUEST.INVALID/);
    const badType = captureIo();
    assert.equal(await webhooksCommand(['create', '--url', 'https://x.example.com', '--events', 'dispute.exploded'], badType, env), 2);
    assert.match(badType.stderr, /unknown event type\(s\): dispute.exploded/);

    assert.equal(await webhooksCommand(['delete', ep.id], captureIo(), env), 0);
    const missing = captureIo();
    assert.equal(await webhooksCommand(['delete', ep.id], missing, env), 1);
    assert.match(missing.stderr, /WEBHOOK.ENDPOINT_NOT_FOUND/);
    const empty = captureIo();
    assert.equal(await webhooksCommand(['list'], empty, env), 0);
    assert.equal(empty.stdout, 'no endpoints\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
