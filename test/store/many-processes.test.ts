/**
 * Many server processes on one store (two on a SQLite folder, three on PostgreSQL), each a
 * real `dispute start` killed with SIGKILL and restarted: deadlines fire exactly once,
 * concurrent events leave gap-free valid chains, uploads are checked and reported once.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';
import { settledEvidence, uploadEvidence } from '../helpers/evidence.ts';
import { client } from '../helpers/http.ts';
import { disputeBody } from '../helpers/order.ts';
import { killHard, startServerProcess } from '../helpers/process.ts';
import { onPostgres, testDatabaseUrl } from '../helpers/test-store.ts';

const HOUR = 3_600_000;
const PROCESSES = onPostgres ? 3 : 2;
/** Short leases, so a killed process's claims come back within seconds. */
const TIMER_LEASE_MS = 2_000;
const JOB_LEASE_MS = 2_000;

/** `n` server processes on one fresh store; `restart(i)` SIGKILLs process i and starts it again. */
async function cluster(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'many-processes-'));
  const databaseUrl = await testDatabaseUrl();
  const env = {
    DATA_DIR: join(dir, 'data'),
    UPLOADS_DIR: join(dir, 'uploads'),
    TIMER_LEASE_MS: String(TIMER_LEASE_MS),
    JOB_LEASE_MS: String(JOB_LEASE_MS),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const procs: Array<{ child: ChildProcess; url: string }> = [];
  for (let i = 0; i < n; i++) procs.push(await startServerProcess(env));
  return {
    procs,
    url: (i: number) => procs[i]!.url,
    async kill(i: number) {
      await killHard(procs[i]!.child);
    },
    async start(i: number) {
      procs[i] = await startServerProcess(env);
    },
    async close() {
      await Promise.all(procs.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? killHard(p.child) : undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T, R>(items: readonly T[], width: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

/** Files disputes whose 24 h first-response deadline falls at `dueAt(i)`. */
function fileDue(url: string, count: number, dueAt: (i: number) => number): Promise<string[]> {
  return inParallel([...Array(count).keys()], 10, async (i) => {
    const res = await client(url).post('/api/disputes', disputeBody({ openedAt: new Date(dueAt(i) - 24 * HOUR).toISOString() }));
    assert.equal(res.status, 201);
    return res.body.id as string;
  });
}

async function resolvedCount(url: string, ids: readonly string[]): Promise<number> {
  const statuses = await inParallel(ids, 20, async (id) => (await client(url).get(`/api/disputes/${id}`)).body.status);
  return statuses.filter((s) => s === 'resolved').length;
}

async function until(what: string, seconds: number, done: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

/** Every dispute's log: one DEADLINE_PASSED, seqs 1..n, every hash recomputed. */
async function assertFiredOnce(url: string, ids: readonly string[]): Promise<void> {
  await inParallel(ids, 20, async (id) => {
    const log = (await client(url).get(`/api/disputes/${id}/events`)).body.items as Array<{ type: string }>;
    assert.equal(log.filter((e) => e.type === 'DEADLINE_PASSED').length, 1, `${id} fired exactly once`);
    assert.equal((await client(url).get(`/api/disputes/${id}/events/verify`)).body.ok, true);
  });
}

test(`${PROCESSES} processes: 200 deadlines coming due while a process is killed and restarted fire exactly once each`, async () => {
  const c = await cluster(PROCESSES);
  try {
    const start = Date.now() + 4_000;
    const ids = await fileDue(c.url(1), 200, (i) => start + i * 15); // due over 3 s
    await until('the first deadlines fire', 30, async () => (await resolvedCount(c.url(1), ids.slice(0, 20))) > 0);
    await c.kill(0);
    await c.start(0);
    await until('every deadline fires', 60, async () => (await resolvedCount(c.url(0), ids)) === ids.length);
    await assertFiredOnce(c.url(0), ids);
  } finally {
    await c.close();
  }
});

test(`a burst of 400 deadlines due at once, the firing process killed mid-burst: all fire within the survivor's lease, none twice`, async () => {
  const c = await cluster(2);
  try {
    const due = Date.now() + 5_000;
    const ids = await fileDue(c.url(1), 400, () => due);
    await until('the burst starts', 30, async () => (await resolvedCount(c.url(1), ids.slice(0, 40))) > 0);
    await c.kill(0);
    const killedAt = Date.now();
    await until('every deadline fires', 60, async () => (await resolvedCount(c.url(1), ids)) === ids.length);
    // The bound: the dead process's claims expire after TIMER_LEASE_MS and the survivor polls at
    // least once a second; 5 s more for the HTTP polling of 400 disputes on a loaded 2-core machine.
    const bound = TIMER_LEASE_MS + 1_000 + 5_000;
    assert.ok(Date.now() - killedAt <= bound, `all fired ${Date.now() - killedAt} ms after the kill (bound ${bound} ms)`);
    await assertFiredOnce(c.url(1), ids);
  } finally {
    await c.close();
  }
});

test(`concurrent events through ${PROCESSES} processes leave gap-free, hash-valid logs`, async () => {
  const c = await cluster(PROCESSES);
  try {
    const ids = await inParallel([...Array(8).keys()], 4, async (i) => (await client(c.url(i % PROCESSES)).post('/api/disputes', disputeBody())).body.id as string);
    const sends = [...Array(240).keys()];
    const statuses = await inParallel(sends, 24, async (i) => {
      const res = await client(c.url(i % PROCESSES)).post(`/api/disputes/${ids[i % ids.length]}/events`, {
        type: 'TRACKING_UPDATED',
        tracking: { status: 'in_transit', lastUpdateAt: new Date(Date.UTC(2026, 10, 13) + i * 60_000).toISOString() },
      });
      return res.status;
    });
    assert.deepEqual([...new Set(statuses)], [200], 'no version-free event is refused');
    for (const id of ids) {
      const log = (await client(c.url(0)).get(`/api/disputes/${id}/events`)).body.items as Array<{ seq: number }>;
      assert.deepEqual(log.map((e) => e.seq), [...Array(1 + 240 / ids.length).keys()].map((k) => k + 1), 'seqs 1..n, no gaps');
      assert.equal((await client(c.url(1)).get(`/api/disputes/${id}/events/verify`)).body.ok, true);
    }
  } finally {
    await c.close();
  }
});

test('uploads through one process while another is killed are checked and reported exactly once', async () => {
  const fx = await ensureFixtures();
  const c = await cluster(2);
  try {
    const id = (await client(c.url(0)).post('/api/disputes', disputeBody({ reason: 'damaged' }))).body.id as string;
    const files = [fx.video20, fx.cameraJpeg, fx.deliverySharp, fx.video20];
    const uploads = await Promise.all(files.map((f, i) => uploadEvidence(c.url(i % 2), id, i % 3 === 0 ? 'packing_video' : 'product_photo', readFileSync(f))));
    assert.deepEqual(uploads.map((u) => u.status), [202, 202, 202, 202]);
    await c.kill(0); // its claimed checks are taken over when their leases end
    await c.start(0);
    for (const u of uploads) assert.notEqual((await settledEvidence(c.url(1), u.body.id)).status, 'checking');
    const log = (await client(c.url(0)).get(`/api/disputes/${id}/events`)).body.items as Array<{ type: string; payload: { evidence: { id: string; status: string } } }>;
    for (const u of uploads) {
      const reports = log.filter((e) => e.type === 'EVIDENCE_REPORTED' && e.payload.evidence.id === u.body.id);
      assert.deepEqual(reports.map((e) => e.payload.evidence.status === 'checking'), [true, false], `${u.body.id}: registered, then reported once`);
    }
  } finally {
    await c.close();
  }
});

test('an upload in flight on one process is not disturbed by another process starting', async () => {
  const fx = await ensureFixtures();
  const c = await cluster(1);
  try {
    const id = (await client(c.url(0)).post('/api/disputes', disputeBody({ reason: 'damaged' }))).body.id as string;
    const bytes = readFileSync(fx.video20);
    const boundary = 'many-processes-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npacking_video\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${c.url(0)}/api/disputes/${id}/evidence`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + bytes.length + tail.length) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(Buffer.concat([head, bytes.subarray(0, bytes.length >> 1)]));
      // Half the file is in this process's temp folder while a second process starts on the same folders.
      void c.start(1).then(() => req.end(Buffer.concat([bytes.subarray(bytes.length >> 1), tail])), reject);
    });
    const res = await answer;
    assert.equal(res.status, 202, res.body);
    const e = await settledEvidence(c.url(1), JSON.parse(res.body).id);
    assert.equal(e.sha256, createHash('sha256').update(bytes).digest('hex'));
  } finally {
    await c.close();
  }
});
