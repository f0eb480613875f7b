/**
 * Keys as an operator meets them: `dispute start` on an empty store prints a first admin key
 * once; `dispute keys create|list|revoke` (real processes, the same DATA_DIR / DATABASE_URL)
 * make keys the running service accepts at once and stop honouring them once revoked.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { freePort, killHard } from '../helpers/process.ts';
import { testDatabaseUrl } from '../helpers/test-store.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'src/cli.ts');
const tsx = import.meta.resolve('tsx');
const KEY = /dek_live_[A-Za-z0-9_-]{43}/;

test('start prints a first admin key once; keys create/list/revoke work against the running service', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-keys-'));
  const databaseUrl = await testDatabaseUrl();
  const env = { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', AUTH: 'on', DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const keys = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, cli, 'keys', ...args], { env, cwd: dir });
    return stdout;
  };
  const children: ChildProcess[] = [];
  const start = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', tsx, cli, 'start'], { env: { ...env, PORT: String(port) }, cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}: ${out}`);
      const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (up) return { child, url, stdout: () => out };
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    const first = await start();
    const admin = KEY.exec(first.stdout())?.[0];
    assert.ok(admin, `an admin key on stdout: ${first.stdout()}`);
    assert.match(first.stdout(), /keys create --role agent --seller/);
    // The admin key manages, it does not read disputes.
    assert.equal((await client(first.url, { authorization: `Bearer ${admin}` }).get('/api/disputes')).status, 403);

    const made = await keys('create', '--role', 'integration', '--seller', 'seller-1', '--name', 'Marketplace sync');
    const token = made.trimEnd().split('\n').at(-1)!;
    assert.match(token, new RegExp(`^${KEY.source}$`), 'the key alone on the last line');
    const integration = client(first.url, { authorization: `Bearer ${token}` });
    assert.equal((await integration.post('/api/disputes', disputeBody())).status, 201);

    const listed = JSON.parse(await keys('list', '--json')) as Array<{ id: string; role: string; sellerId: string | null; name: string; revokedAt: string | null }>;
    assert.deepEqual(listed.map((k) => [k.role, k.sellerId]), [['admin', null], ['integration', 'seller-1']]);
    assert.ok(!JSON.stringify(listed).includes(token.slice(9)), 'no secret in the list');

    assert.match(await keys('revoke', listed[1]!.id), /revoked/);
    const after = await integration.get('/api/disputes');
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'AUTH.INVALID');

    await killHard(first.child);
    const second = await start();
    assert.doesNotMatch(second.stdout(), KEY, 'a store with keys prints none');
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  } finally {
    // A failed assertion must not leave a server running (the test process would never end).
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await killHard(c);
    rmSync(dir, { recursive: true, force: true });
  }
});
