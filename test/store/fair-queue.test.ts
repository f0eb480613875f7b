// The app logger reads LOG_LEVEL when first imported: keep the store's reconnect warnings quiet.
import '../evidence/quiet.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { JobLane, Store } from '../../src/store/store.port.ts';
import { testStore } from '../helpers/test-store.ts';

/**
 * The fair check queue through the store port, on this run's store (SQLite, or PostgreSQL in
 * the second pass): round-robin across sellers, light before heavy, claims disjoint across
 * two stores on one database, and the queue depth readiness reports.
 */
const T0 = 1_750_000_000_000;
const KIND = 'evidence.check';
let store: Store;

before(async () => {
  store = await testStore();
});
after(() => store.close());

async function add(name: string, seller: string, lane: JobLane, at: number): Promise<void> {
  await store.transaction((tx) => tx.jobs.add({ kind: KIND, payload: { name }, runAt: at, fairKey: seller, lane }, at));
}

/** Claims one job at a time (as a runner with one thread would), completing each, until none is left. */
async function drain(now: number): Promise<string[]> {
  const order: string[] = [];
  for (;;) {
    const [job] = await store.transaction((tx) => tx.jobs.claim([KIND], now, 10_000, 1));
    if (!job) return order;
    order.push((job.payload as { name: string }).name);
    await store.transaction((tx) => tx.jobs.complete(job.id, job.attempt, now));
  }
}

test('sellers take turns and a photo does not wait behind queued videos; depth counts what waits', async () => {
  // Seller A queues six videos and two photos first; then B and C one photo each, then a video from B.
  let t = T0;
  for (let i = 1; i <= 6; i++) await add(`A-video-${i}`, 'A', 'heavy', t++);
  await add('A-photo-1', 'A', 'light', t++);
  await add('A-photo-2', 'A', 'light', t++);
  await add('B-photo-1', 'B', 'light', t++);
  await add('C-photo-1', 'C', 'light', t++);
  await add('B-video-1', 'B', 'heavy', t++);

  const depth = await store.read((r) => r.jobs.depth(KIND, t));
  assert.deepEqual(depth, { waiting: { light: 4, heavy: 7 }, running: 0 });

  const order = await drain(t);
  // FIFO would have run every A video before any photo.
  assert.deepEqual(order, [
    'A-photo-1', 'B-photo-1', 'C-photo-1', 'A-video-1', 'B-video-1',
    'A-photo-2', 'A-video-2',
    'A-video-3', 'A-video-4', 'A-video-5', 'A-video-6',
  ]);
  assert.deepEqual(await store.read((r) => r.jobs.depth(KIND, t)), { waiting: { light: 0, heavy: 0 }, running: 0 });
});

test('a seller arriving at a long queue is next, not last', async () => {
  let t = T0 + 1_000_000;
  for (let i = 1; i <= 20; i++) await add(`D-photo-${i}`, 'D', 'light', t++);
  // D's first five are done before E arrives.
  const first = await store.transaction((tx) => tx.jobs.claim([KIND], t, 10_000, 5));
  for (const j of first) await store.transaction((tx) => tx.jobs.complete(j.id, j.attempt, t));
  await add('E-photo-1', 'E', 'light', t++);
  const order = await drain(t);
  assert.equal(order.indexOf('E-photo-1'), 1, `E runs right after D's current turn: ${order.join(', ')}`);
  assert.equal(order.length, 16);
});

test('a running job is counted as running; two claimers never take the same job', async () => {
  const t = T0 + 2_000_000;
  for (let i = 0; i < 30; i++) await add(`F-${i}`, `seller-${i % 3}`, i % 2 ? 'heavy' : 'light', t);
  const [a, b] = await Promise.all([
    store.transaction((tx) => tx.jobs.claim([KIND], t, 10_000, 15)),
    store.transaction((tx) => tx.jobs.claim([KIND], t, 10_000, 15)),
  ]);
  const ids = [...a, ...b].map((j) => j.id);
  assert.equal(new Set(ids).size, ids.length, 'disjoint claims');
  assert.equal(ids.length, 30);
  assert.deepEqual(await store.read((r) => r.jobs.depth(KIND, t)), { waiting: { light: 0, heavy: 0 }, running: 30 });
});
