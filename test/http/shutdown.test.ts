import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { freePort, startServerProcess } from '../helpers/process.ts';
import { BOUNDARY, field, fileHead, rawUpload } from '../helpers/raw-upload.ts';
import { rawSql } from '../helpers/raw-sql.ts';
import { testDatabaseUrl } from '../helpers/test-store.ts';

/** Process-level behaviour of `dispute start`: a taken port, a SIGTERM drain that loses nothing, `npm start` leaving no orphan. */
const root = fileURLToPath(new URL('../../', import.meta.url));

const exited = (child: ChildProcess) =>
  new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.once('exit', (code) => ok(code))));

/** Polls until `fn` is true (a state, not a time); gives up after 30 s. */
async function until(what: string, fn: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fn()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`never: ${what}`);
}

const refusesConnections = (url: string) =>
  new Promise<boolean>((ok) => {
    const s = connect(Number(new URL(url).port), '127.0.0.1');
    s.once('connect', () => (s.destroy(), ok(false)));
    s.once('error', () => ok(true));
  });

async function storeEnv(dir: string): Promise<{ DATA_DIR: string; UPLOADS_DIR: string; DATABASE_URL?: string }> {
  const databaseUrl = await testDatabaseUrl();
  return { DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
}

test('a taken port is one clear line and exit code 1, no stack trace', async () => {
  const holder = createServer();
  const port = await freePort();
  await new Promise<void>((ok) => holder.listen(port, '127.0.0.1', ok));
  const dir = mkdtempSync(join(tmpdir(), 'port-taken-'));
  try {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'src/cli.ts'), 'start'], {
      env: { ...process.env, ...(await storeEnv(dir)), LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await exited(child);
    assert.equal(code, 1);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*PORT=`));
    assert.doesNotMatch(stderr, /TypeError|\n\s+at /);
  } finally {
    holder.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM drains: the upload in flight is answered, the check in flight goes back to the queue and finishes after restart', async () => {
  const fx = await ensureFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'drain-'));
  const store = await storeEnv(dir);
  const env: Record<string, string> = { ...store, CHECK_CONCURRENCY: '1' };
  try {
    const first = await startServerProcess(env);
    const api = client(first.url);
    const body = disputeBody({ reason: 'damaged', openedAt: new Date(Date.now() - 3_600_000).toISOString() });
    body.order.items = [{ sku: SKU, title: 'Steel watch', quantity: 1 }];
    body.order.shipment.trackingNumber = TRACKING;
    const id = (await api.post('/api/disputes', body)).body.id as string;
    const ids: string[] = [];
    for (const video of [fx.video20, fx.video15, fx.rotated]) ids.push((await uploadEvidence(first.url, id, 'packing_video', readFileSync(video))).body.id);
    await until('a check runs', async () => (await api.get('/readyz')).body.checkQueue.running >= 1);

    // A photo upload in flight: the form's head and half the file.
    const photo = readFileSync(fx.cameraJpeg);
    const head = field('kind', 'label_photo') + fileHead('label.jpg');
    const end = `\r\n--${BOUNDARY}--\r\n`;
    const half = photo.length >> 1;
    const upload = await rawUpload(first.url, `/api/disputes/${id}/evidence`, Buffer.byteLength(head) + photo.length + end.length, head);
    await upload.write(photo.subarray(0, half));
    await until('the upload streams', async () => (await api.get('/readyz')).body.uploads.inFlight === 1);

    const exit = exited(first.child);
    first.child.kill('SIGTERM');
    await until('the server stops accepting', () => refusesConnections(first.url));
    await upload.write(photo.subarray(half));
    await upload.write(end);
    const answer = await upload.response;
    assert.equal(answer.status, 202, answer.body);
    ids.push(JSON.parse(answer.body).id);
    assert.equal(await exit, 0);

    const sql = await rawSql({ dataDir: store.DATA_DIR, databaseUrl: store.DATABASE_URL });
    try {
      const left = await sql.one<{ n: number }>({
        sqlite: "SELECT count(*) AS n FROM evidence WHERE status = 'checking'",
        postgres: "SELECT count(*)::int AS n FROM evidence WHERE status = 'checking'",
      });
      assert.ok(left!.n >= 1, 'the shutdown left checks for the restart');
    } finally {
      await sql.close();
    }
    assert.deepEqual(readdirSync(join(store.UPLOADS_DIR, 'tmp'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()), []);

    const second = await startServerProcess(env);
    try {
      for (const e of ids) {
        const settled = await settledEvidence(second.url, e, 120);
        const codes = settled.report.checks.map((c: { code: string }) => c.code);
        assert.ok(!codes.includes('CHECK.FAILED') && !codes.includes('CHECK.TIMEOUT'), `${e}: ${codes.join(', ')}`);
      }
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await exited(second.child), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every live process whose parent chain leads to `pid` (from /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

test('`npm start` and SIGTERM: the service exits with npm, no orphan stays', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const port = await freePort();
  try {
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, ...(await storeEnv(dir)), LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port) },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    await until('npm start answers', async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true);
    const tree = descendants(npm.pid!);
    assert.ok(tree.length >= 1, 'the service runs under npm');
    npm.kill('SIGTERM');
    assert.equal(await exited(npm), 0);
    await until('every process under npm has exited', () => tree.every((p) => !alive(p)));
    assert.equal(await refusesConnections(url), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
