// The app logger reads LOG_LEVEL when first imported: keep the store's reconnect warnings quiet.
import '../evidence/quiet.ts';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { chainHash, GENESIS_HASH, verifyChain } from '../../src/store/audit-chain.ts';
import type { EvidenceRow } from '../../src/store/evidence.repository.port.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { DisputeRow, JobRepository, LogEntry, Store } from '../../src/store/store.port.ts';
import { freshDatabase } from '../helpers/postgres.ts';

/**
 * One contract for every store adapter, through the public port only (raw connections just to
 * prove the audit log's triggers). Each test opens its own store: a fresh SQLite directory, or a
 * fresh database on the run's one embedded PostgreSQL (`TEST_PG_URL`, set by test/run.ts).
 * `TEST_STORE=sqlite|postgres` (test/run.ts's two passes) runs one half; unset, both.
 */

/** A real ms timestamp past 2^32, so a BIGINT read back as a string or a wrapped int4 shows. */
const T0 = 1_750_000_000_000;
const DAY = 86_400_000;

interface Subject {
  store: Store;
  /** Another store on the same database, as a second process would open it. */
  another(): Promise<Store>;
  /** Runs SQL on a raw connection, outside any store. */
  raw(sql: string): Promise<void>;
  close(): Promise<void>;
}

interface Adapter {
  name: 'sqlite' | 'postgres';
  skip: string | false;
  open(): Promise<Subject>;
}

async function sqliteSubject(): Promise<Subject> {
  const dataDir = await mkdtemp(join(tmpdir(), 'store-contract-'));
  const stores = [await openStore({ dataDir })];
  return {
    store: stores[0]!,
    another: async () => stores[stores.push(await openStore({ dataDir })) - 1]!,
    raw: async (sql) => {
      const db = new Database(join(dataDir, 'disputes.sqlite'));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    close: async () => {
      for (const s of stores) await s.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresSubject(serverUrl: string): Promise<Subject> {
  const databaseUrl = await freshDatabase(serverUrl);
  const stores = [await openStore({ databaseUrl })];
  return {
    store: stores[0]!,
    another: async () => stores[stores.push(await openStore({ databaseUrl })) - 1]!,
    raw: async (sql) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    close: async () => {
      for (const s of stores) await s.close();
    },
  };
}

const pgUrl = process.env.TEST_PG_URL;
const adapters: Adapter[] = [
  { name: 'sqlite', skip: false, open: sqliteSubject },
  { name: 'postgres', skip: pgUrl ? false : 'TEST_PG_URL is unset: run through test/run.ts', open: () => postgresSubject(pgUrl!) },
];
const chosen = adapters.filter((a) => !process.env.TEST_STORE || a.name === process.env.TEST_STORE);

function dispute(id: string, over: Partial<DisputeRow> = {}): DisputeRow {
  return {
    id,
    externalId: null,
    sellerId: 'seller-1',
    status: 'open',
    policyVersion: 'policy-1',
    machineVersion: '3',
    openedAt: T0,
    nextDueAt: T0 + DAY,
    snapshot: { value: 'open', context: { id, amount: { minor: 1999, currency: 'EUR' } } },
    version: 1,
    previewDigest: null,
    triage: { reason: 'not_received', amountMinor: 1999, currency: 'EUR', favours: 'buyer', missing: [{ kind: 'label_photo', dueBy: T0 + DAY }], needsReview: 0, nextDeadline: 'solution' },
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function evidence(id: string, disputeId: string | null, over: Partial<EvidenceRow> = {}): EvidenceRow {
  return {
    id,
    disputeId,
    orderId: null,
    review: null,
    kind: 'label_photo',
    sha256: 'a'.repeat(64),
    bytes: 1234,
    mediaType: 'image/jpeg',
    status: 'checking',
    fields: { capturedAt: T0 - DAY },
    report: null,
    phash: null,
    uploadedAt: T0,
    checkedAt: null,
    ...over,
  };
}

const numberFields = (o: object, keys: readonly string[]) => keys.filter((k) => typeof (o as Record<string, unknown>)[k] !== 'number');

for (const adapter of chosen) {
  describe(`${adapter.name} store contract`, { skip: adapter.skip }, () => {
    /** Opens a subject for one test and always closes it. */
    const withStore = (fn: (s: Subject) => Promise<void>) => async () => {
      const s = await adapter.open();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    test(
      'insert, get, findByExternalId and nextDueAt read back what was written',
      withStore(async ({ store }) => {
        assert.equal(store.dialect, adapter.name);
        const d1 = dispute('d1', { externalId: 'ext-1' });
        const d2 = dispute('d2', { nextDueAt: null, sellerId: 'seller-2' });
        await store.transaction(async (tx) => {
          await tx.disputes.insert(d1);
          await tx.disputes.insert(d2);
          assert.deepEqual(await tx.disputes.get('d1', { lock: true }), d1, 'a unit of work reads its own writes');
        });
        await store.read(async (tx) => {
          assert.deepEqual(await tx.disputes.get('d1'), d1);
          assert.deepEqual(await tx.disputes.get('d2'), d2);
          assert.equal(await tx.disputes.get('nope'), undefined);
          assert.deepEqual(await tx.disputes.findByExternalId('seller-1', 'ext-1'), d1);
          assert.equal(await tx.disputes.findByExternalId('seller-2', 'ext-1'), undefined);
          assert.equal(await tx.disputes.nextDueAt('d1'), T0 + DAY);
          assert.equal(await tx.disputes.nextDueAt('d2'), null);
          assert.equal(await tx.disputes.nextDueAt('nope'), undefined);
        });
      }),
    );

    test(
      'update writes only at the expected version',
      withStore(async ({ store }) => {
        const v1 = dispute('d1');
        const v2 = dispute('d1', {
          status: 'responded',
          version: 2,
          machineVersion: '4',
          nextDueAt: null,
          previewDigest: 'f'.repeat(64),
          snapshot: { value: 'responded', context: { id: 'd1', notes: ['x'] } },
          updatedAt: T0 + 5,
        });
        await store.transaction((tx) => tx.disputes.insert(v1));
        assert.equal(await store.transaction((tx) => tx.disputes.update(v2, 1)), true);
        const stale = dispute('d1', { status: 'closed', version: 2, updatedAt: T0 + 9 });
        assert.equal(await store.transaction((tx) => tx.disputes.update(stale, 1)), false, 'version 1 is gone');
        assert.equal(await store.transaction((tx) => tx.disputes.update(dispute('nope', { version: 2 }), 1)), false);
        assert.deepEqual(await store.read((tx) => tx.disputes.get('d1')), v2);
      }),
    );

    test(
      'list filters by status, seller and due time, ordered by id (bytewise), paged by keyset',
      withStore(async ({ store }) => {
        // Bytewise order differs from a linguistic one: 'B' < 'Z1' < '_x' < 'a' < 'a-2' < 'a10' < 'a9' < 'b' < 'é'.
        const ids = ['b', 'B', '_x', 'a', 'Z1', 'é', 'a-2', 'a10', 'a9'];
        const rows = ids.map((id, i) =>
          dispute(id, {
            status: i % 2 ? 'open' : 'responded',
            sellerId: i % 3 ? 'seller-1' : 'seller-2',
            nextDueAt: i % 4 === 3 ? null : T0 + i * 1000,
          }),
        );
        await store.transaction(async (tx) => {
          for (const r of rows) await tx.disputes.insert(r);
        });
        const sorted = [...ids].sort();
        const expect = (pred: (r: DisputeRow) => boolean) => rows.filter(pred).map((r) => r.id).sort();
        // The due queue: most urgent first, ties by id.
        const byDue = (pred: (r: DisputeRow) => boolean) =>
          rows.filter((r) => r.nextDueAt !== null && pred(r)).sort((a, b) => a.nextDueAt! - b.nextDueAt! || (a.id < b.id ? -1 : 1)).map((r) => r.id);
        await store.read(async (tx) => {
          const list = async (f: Parameters<typeof tx.disputes.list>[0]) => (await tx.disputes.list(f)).map((r) => r.id);
          assert.deepEqual(await list({ limit: 100 }), sorted);
          const { snapshot: _snapshot, ...summary } = rows[ids.indexOf('B')]!;
          assert.deepEqual(await tx.disputes.list({ limit: 1 }), [summary], 'summary rows come back: every column but the snapshot');
          assert.deepEqual(await list({ limit: 100, status: 'open' }), expect((r) => r.status === 'open'));
          assert.deepEqual(await list({ limit: 100, sellerId: 'seller-2' }), expect((r) => r.sellerId === 'seller-2'));
          const due = T0 + 5000;
          assert.deepEqual(await list({ limit: 100, dueBefore: due }), byDue((r) => r.nextDueAt! <= due));
          assert.deepEqual(
            await list({ limit: 100, status: 'responded', sellerId: 'seller-1', dueBefore: T0 + 8000 }),
            byDue((r) => r.status === 'responded' && r.sellerId === 'seller-1' && r.nextDueAt! <= T0 + 8000),
          );
          assert.deepEqual(await list({ limit: 100, after: { id: 'a' } }), sorted.filter((id) => id > 'a'));
          assert.deepEqual(await list({ limit: 2, after: { id: '_x' }, status: 'open' }), expect((r) => r.status === 'open' && r.id > '_x').slice(0, 2));
          const pages: string[][] = [];
          for (let after: string | undefined; ; ) {
            const page = await list({ limit: 2, ...(after ? { after: { id: after } } : {}) });
            if (!page.length) break;
            pages.push(page);
            after = page.at(-1);
          }
          assert.deepEqual(pages.flat(), sorted);
          assert.equal(pages.length, Math.ceil(ids.length / 2));
          // The due queue pages on (next_due_at, id).
          const duePages: string[] = [];
          for (let after: { id: string; dueAt: number } | undefined; ; ) {
            const page = await tx.disputes.list({ limit: 2, dueBefore: T0 + 1e9, ...(after ? { after } : {}) });
            if (!page.length) break;
            duePages.push(...page.map((r) => r.id));
            const last = page.at(-1)!;
            after = { id: last.id, dueAt: last.nextDueAt! };
          }
          assert.deepEqual(duePages, byDue(() => true));
        });
      }),
    );

    test(
      'append chains every dispute from the genesis hash; payloads come back equal, whatever their key order',
      withStore(async ({ store }) => {
        const payloads: unknown[] = [
          { b: 1, a: { d: 1, c: 2 } },
          [3, { z: 1, y: [{ b: 2, a: 1 }] }],
          { text: 'nul \u0000, lone \ud800, é, 🙂', n: 1.5, neg: -2, big: Number.MAX_SAFE_INTEGER, nil: null, t: true },
          'just a string',
        ];
        const appended: LogEntry[] = [];
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1'));
          await tx.disputes.insert(dispute('d2'));
          for (const [i, payload] of payloads.entries()) {
            appended.push(await tx.log.append({ disputeId: 'd1', seq: i + 1, type: `e${i}`, payload, actor: 'seller', at: T0 + i }));
          }
        });
        const other = await store.transaction((tx) => tx.log.append({ disputeId: 'd2', seq: 1, type: 'opened', payload: { b: 1, a: 2 }, actor: 'system', at: T0 }));
        let prev = GENESIS_HASH;
        for (const e of appended) {
          assert.equal(e.prevHash, prev);
          assert.equal(e.hash, chainHash(prev, e));
          prev = e.hash;
        }
        assert.equal(other.prevHash, GENESIS_HASH, 'each dispute has its own chain');
        await store.read(async (tx) => {
          const entries = await tx.log.entries('d1');
          assert.deepEqual(entries, appended);
          assert.deepEqual(
            entries.map((e) => canonicalJson(e.payload)),
            payloads.map((p) => canonicalJson(p)),
          );
          assert.deepEqual(verifyChain(entries), { ok: true, entries: payloads.length, head: prev });
          assert.deepEqual(verifyChain(await tx.log.entries('d2')), { ok: true, entries: 1, head: other.hash });
          assert.deepEqual(await tx.log.entries('nope'), []);
        });
      }),
    );

    test(
      'the audit log refuses UPDATE and DELETE, even on a raw connection',
      withStore(async ({ store, raw }) => {
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1'));
          await tx.log.append({ disputeId: 'd1', seq: 1, type: 'opened', payload: { a: 1 }, actor: 'system', at: T0 });
        });
        const before = await store.read((tx) => tx.log.entries('d1'));
        await assert.rejects(raw("UPDATE dispute_events SET type = 'forged'"), /append-only/);
        await assert.rejects(raw('DELETE FROM dispute_events'), /append-only/);
        if (adapter.name === 'postgres') await assert.rejects(raw('TRUNCATE dispute_events'), /append-only/);
        const after = await store.read((tx) => tx.log.entries('d1'));
        assert.deepEqual(after, before);
        assert.equal(verifyChain(after).ok, true);
      }),
    );

    test(
      'timers: replace, claim when due under a lease, claim again once the lease ends, next claimable',
      withStore(async ({ store }) => {
        assert.equal(await store.read((tx) => tx.timers.nextClaimable()), undefined);
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1'));
          await tx.disputes.insert(dispute('d2'));
          await tx.timers.replace('d1', { respond: T0 + 100, escalate: T0 + 5000 });
          await tx.timers.replace('d2', { respond: T0 + 200 });
        });
        const claim = (now: number, limit = 10) =>
          store.transaction(async (tx) => (await tx.timers.claimDue(now, 1000, limit)).sort((a, b) => a.dueAt - b.dueAt));
        assert.equal(await store.read((tx) => tx.timers.nextClaimable()), T0 + 100);
        assert.deepEqual(await claim(T0 + 50), [], 'nothing due yet');
        assert.deepEqual(await claim(T0 + 150, 1), [{ disputeId: 'd1', deadline: 'respond', dueAt: T0 + 100 }]);
        assert.deepEqual(await claim(T0 + 250), [{ disputeId: 'd2', deadline: 'respond', dueAt: T0 + 200 }], 'd1 is leased');
        assert.deepEqual(await claim(T0 + 1000), [], 'both leased');
        // The earliest timer (d1 respond) is leased until T0 + 150 + 1000.
        assert.equal(await store.read((tx) => tx.timers.nextClaimable()), T0 + 1150);
        assert.deepEqual(await claim(T0 + 1150), [{ disputeId: 'd1', deadline: 'respond', dueAt: T0 + 100 }], 'its lease ended');
        assert.deepEqual(await claim(T0 + 1250), [{ disputeId: 'd2', deadline: 'respond', dueAt: T0 + 200 }]);
        // replace drops a dispute's old deadlines and their leases.
        await store.transaction((tx) => tx.timers.replace('d1', { respond: T0 + 100 }));
        await store.transaction((tx) => tx.timers.replace('d2', {}));
        assert.deepEqual(await claim(T0 + 1300), [{ disputeId: 'd1', deadline: 'respond', dueAt: T0 + 100 }]);
        await store.transaction((tx) => tx.timers.replace('d1', {}));
        assert.equal(await store.read((tx) => tx.timers.nextClaimable()), undefined);
      }),
    );

    test(
      'jobs: claim leases and counts attempts; a stale attempt is fenced off; extend, complete, release',
      withStore(async ({ store }) => {
        const [j1, j2, j3] = await store.transaction(async (tx) => [
          await tx.jobs.add({ kind: 'evidence.check', payload: { evidenceId: 'e1' }, runAt: T0 }, T0 - 1),
          await tx.jobs.add({ kind: 'other', payload: ['x', { b: 1, a: 2 }], runAt: T0 }, T0 - 1),
          await tx.jobs.add({ kind: 'evidence.check', payload: { evidenceId: 'e3' }, runAt: T0 + 10_000 }, T0 - 1),
        ]);
        assert.equal(new Set([j1, j2, j3]).size, 3);
        const claim = (now: number, kinds = ['evidence.check'], limit = 10) => store.transaction((tx) => tx.jobs.claim(kinds, now, 1000, limit));
        const jobs = <T>(fn: (repo: JobRepository) => Promise<T>) => store.transaction((tx) => fn(tx.jobs));

        assert.deepEqual(await claim(T0), [{ id: j1, kind: 'evidence.check', payload: { evidenceId: 'e1' }, attempt: 1, leaseUntil: T0 + 1000 }]);
        assert.deepEqual(await claim(T0 + 500), [], 'leased, and j3 is not due');
        assert.equal(await jobs((tx) => tx.extend(j1!, 1, T0 + 2000)), true);
        assert.deepEqual(await claim(T0 + 1500), [], 'the lease was extended');
        // The holder stalled past its lease: another claimer takes the job with attempt 2.
        const [again] = await claim(T0 + 2000);
        assert.deepEqual(again, { id: j1, kind: 'evidence.check', payload: { evidenceId: 'e1' }, attempt: 2, leaseUntil: T0 + 3000 });
        assert.equal(await jobs((tx) => tx.complete(j1!, 1, T0 + 2100)), false, 'attempt 1 is stale');
        assert.equal(await jobs((tx) => tx.extend(j1!, 1, T0 + 9000)), false);
        assert.equal(await jobs((tx) => tx.release(j1!, 1, T0, 'stale')), false);
        assert.equal(await jobs((tx) => tx.complete(j1!, 2, T0 + 2200)), true);
        assert.equal(await jobs((tx) => tx.complete(j1!, 2, T0 + 2300)), false, 'done already');
        assert.deepEqual(await store.read((tx) => tx.jobs.get(j1!)), {
          id: j1,
          kind: 'evidence.check',
          payload: { evidenceId: 'e1' },
          runAt: T0,
          attempt: 2,
          leaseUntil: null,
          lastError: null,
          doneAt: T0 + 2200,
        });

        assert.deepEqual((await claim(T0 + 10_000)).map((j) => [j.id, j.attempt]), [[j3, 1]], 'a done job never runs again');
        assert.equal(await jobs((tx) => tx.release(j3!, 1, T0 + 20_000, 'ffprobe crashed')), true);
        const released = await store.read((tx) => tx.jobs.get(j3!));
        assert.deepEqual([released?.runAt, released?.lastError, released?.leaseUntil, released?.attempt], [T0 + 20_000, 'ffprobe crashed', null, 1]);
        assert.deepEqual(await claim(T0 + 15_000), [], 'released to run later');
        assert.deepEqual((await claim(T0 + 20_000)).map((j) => [j.id, j.attempt]), [[j3, 2]]);

        assert.deepEqual(await claim(T0, ['other']), [{ id: j2, kind: 'other', payload: ['x', { b: 1, a: 2 }], attempt: 1, leaseUntil: T0 + 1000 }]);
        assert.deepEqual(await claim(T0 + 30_000, ['nothing-of-that-kind']), []);
        assert.equal(await store.read((tx) => tx.jobs.get(999_999)), undefined);
      }),
    );

    test(
      'jobs: two stores claiming at once never take the same job',
      withStore(async ({ store, another }) => {
        const second = await another();
        const n = 30;
        await store.transaction(async (tx) => {
          for (let i = 0; i < n; i++) await tx.jobs.add({ kind: 'k', payload: { i }, runAt: T0 + i }, T0);
        });
        const taken: number[] = [];
        for (let round = 0; taken.length < n && round < n; round++) {
          const claims = [store, second, store, second].map((s) => s.transaction((tx) => tx.jobs.claim(['k'], T0 + n, 60_000, 3)));
          for (const got of await Promise.all(claims)) taken.push(...got.map((j) => j.id));
        }
        assert.equal(taken.length, n, 'every job claimed exactly once');
        assert.equal(new Set(taken).size, n, 'no job claimed twice');
      }),
    );

    test(
      'idempotency: the first answer is kept and found again',
      withStore(async ({ store }) => {
        const answer = { requestHash: 'h1', status: 201, body: { id: 'd1', nested: { b: 1, a: [1, 2] } } };
        assert.equal(await store.read((tx) => tx.idempotency.find('POST /disputes', 'k1')), undefined);
        await store.transaction((tx) => tx.idempotency.save('POST /disputes', 'k1', answer, T0));
        assert.deepEqual(await store.read((tx) => tx.idempotency.find('POST /disputes', 'k1')), answer);
        assert.equal(await store.read((tx) => tx.idempotency.find('POST /evidence', 'k1')), undefined, 'keys are per scope');
        await assert.rejects(store.transaction((tx) => tx.idempotency.save('POST /disputes', 'k1', { ...answer, status: 409 }, T0 + 1)));
        assert.deepEqual(await store.read((tx) => tx.idempotency.find('POST /disputes', 'k1')), answer);
      }),
    );

    test(
      'previews: saved per dispute, listed by seq then kind',
      withStore(async ({ store }) => {
        const preview = (n: number) => ({ outcome: n % 2 ? 'seller' : 'buyer', reasons: [{ code: 'X', weight: n }], z: null, a: 1 });
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1'));
          await tx.disputes.insert(dispute('d2'));
          await tx.previews.save('d1', { seq: 2, kind: 'pre_arbitration', preview: preview(3), at: T0 + 3 });
          await tx.previews.save('d1', { seq: 2, kind: 'change', preview: preview(2), at: T0 + 2 });
          await tx.previews.save('d1', { seq: 1, kind: 'change', preview: preview(1), at: T0 + 1 });
        });
        assert.deepEqual(await store.read((tx) => tx.previews.list('d1')), [
          { seq: 1, kind: 'change', preview: preview(1), at: T0 + 1 },
          { seq: 2, kind: 'change', preview: preview(2), at: T0 + 2 },
          { seq: 2, kind: 'pre_arbitration', preview: preview(3), at: T0 + 3 },
        ]);
        assert.deepEqual(await store.read((tx) => tx.previews.list('d2')), []);
      }),
    );

    test(
      'evidence: per dispute, reports, the same bytes or a picture hash elsewhere, count by content address',
      withStore(async ({ store }) => {
        const sha = 'b'.repeat(64);
        const e1 = evidence('e1', 'd1', { sha256: sha, uploadedAt: T0 + 2 });
        const e2 = evidence('e2', 'd1', { sha256: 'c'.repeat(64), uploadedAt: T0 + 1, fields: { signerName: 'Ana', signedAt: T0 } });
        const e3 = evidence('e3', 'd2', { sha256: sha, kind: 'packing_video', mediaType: 'video/mp4' });
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1'));
          await tx.disputes.insert(dispute('d2'));
          for (const e of [e1, e2, e3]) await tx.evidence.insert(e);
        });
        const report = { checks: [{ id: 'file.type', status: 'pass' }], verdict: 'accepted' };
        await store.transaction((tx) => tx.evidence.saveReport('e3', 'accepted', report, 'f0e4c2d9a1b3c5e7', T0 + 9));
        const e3Checked: EvidenceRow = { ...e3, status: 'accepted', report, phash: 'f0e4c2d9a1b3c5e7', checkedAt: T0 + 9 };
        await store.read(async (tx) => {
          assert.deepEqual(await tx.evidence.get('e1'), e1);
          assert.equal(await tx.evidence.get('nope'), undefined);
          assert.deepEqual(await tx.evidence.forDispute('d1'), [e2, e1], 'by upload time');
          assert.deepEqual(await tx.evidence.get('e3'), e3Checked);
          assert.deepEqual(await tx.evidence.sameHashElsewhere(sha, { disputeId: 'd1', orderId: null }), [e3Checked]);
          assert.deepEqual(await tx.evidence.sameHashElsewhere(sha, { disputeId: 'd2', orderId: null }), [e1]);
          assert.deepEqual(await tx.evidence.withPictureHashElsewhere({ disputeId: 'd1', orderId: null }), [{ id: 'e3', disputeId: 'd2', orderId: null, sha256: sha, phash: 'f0e4c2d9a1b3c5e7' }]);
          assert.deepEqual(await tx.evidence.withPictureHashElsewhere({ disputeId: 'd2', orderId: null }), []);
          assert.equal(await tx.evidence.countBySha256(sha), 2);
          assert.equal(await tx.evidence.countBySha256('0'.repeat(64)), 0);
        });
      }),
    );

    test(
      'orders and order evidence: facts kept per order, evidence owned by an order, attached to a dispute for a re-check, reviewed',
      withStore(async ({ store }) => {
        const sha = 'd'.repeat(64);
        const facts = { orderId: 'o-1', amount: { value: '64.90', currency: 'USD' }, category: 'watches', items: [{ sku: 'SKU-1', quantity: 1 }],
          shipment: { trackingNumber: 'LP0001', carrier: 'Cainiao', line: { name: 'L', official: true, signaturePhoto: true }, status: 'in_transit' as const, fulfilledBy: 'seller' as const } };
        const onOrder = evidence('e1', null, { orderId: 'o-1', sha256: sha, kind: 'packing_video', fields: { claimedUploadedAt: T0 - 5 } });
        const onOther = evidence('e2', null, { orderId: 'o-2', sha256: sha, kind: 'packing_video' });
        await store.transaction(async (tx) => {
          await tx.orders.insert({ orderId: 'o-1', sellerId: 's-1', facts: null, createdAt: T0, updatedAt: T0 });
          await tx.orders.insert({ orderId: 'o-2', sellerId: 's-2', facts: null, createdAt: T0, updatedAt: T0 });
          await tx.orders.updateFacts('o-1', facts, T0 + 1);
          await tx.disputes.insert(dispute('d1'));
          await tx.evidence.insert(onOrder);
          await tx.evidence.insert(onOther);
          await tx.evidence.saveReport('e1', 'accepted', { checks: [] }, 'f0e4c2d9a1b3c5e7', T0 + 2);
        });
        await store.read(async (tx) => {
          assert.deepEqual(await tx.orders.get('o-1'), { orderId: 'o-1', sellerId: 's-1', facts, createdAt: T0, updatedAt: T0 + 1 });
          assert.equal(await tx.orders.get('o-3'), undefined);
          assert.deepEqual((await tx.evidence.forOrder('o-1')).map((e) => [e.id, e.disputeId, e.fields.claimedUploadedAt]), [['e1', null, T0 - 5]]);
          assert.deepEqual((await tx.evidence.unattachedForOrder('o-1')).map((e) => e.id), ['e1']);
          // Another order's file with the same bytes is elsewhere; the order's own is not.
          assert.deepEqual((await tx.evidence.sameHashElsewhere(sha, { disputeId: null, orderId: 'o-1' })).map((e) => e.id), ['e2']);
          assert.deepEqual((await tx.evidence.withPictureHashElsewhere({ disputeId: null, orderId: 'o-2' })).map((e) => [e.id, e.orderId]), [['e1', 'o-1']]);
        });
        await store.transaction((tx) => tx.evidence.attachForRecheck('e1', 'd1'));
        await store.read(async (tx) => {
          const e1 = await tx.evidence.get('e1');
          assert.deepEqual([e1?.disputeId, e1?.orderId, e1?.status, e1?.report, e1?.phash, e1?.checkedAt], ['d1', 'o-1', 'checking', null, null, null]);
          assert.deepEqual(await tx.evidence.unattachedForOrder('o-1'), []);
          assert.deepEqual((await tx.evidence.forDispute('d1')).map((e) => e.id), ['e1']);
          // Attached to d1 and still of order o-1: elsewhere for neither.
          assert.deepEqual((await tx.evidence.sameHashElsewhere(sha, { disputeId: 'd1', orderId: 'o-1' })).map((e) => e.id), ['e2']);
        });
        const review = { decision: 'reject' as const, note: 'another parcel', by: 'key:k1', at: T0 + 3 };
        await store.transaction((tx) => tx.evidence.saveReview('e1', 'rejected', review));
        const e1 = await store.read((tx) => tx.evidence.get('e1'));
        assert.deepEqual([e1?.status, e1?.review], ['rejected', review]);
      }),
    );

    test(
      'BIGINT columns and counts come back as numbers',
      withStore(async ({ store }) => {
        const at = 4_102_444_800_000; // 2100-01-01, past 2^41
        await store.transaction(async (tx) => {
          await tx.disputes.insert(dispute('d1', { openedAt: at, nextDueAt: at + DAY, createdAt: at, updatedAt: at }));
          await tx.log.append({ disputeId: 'd1', seq: 1, type: 'opened', payload: {}, actor: 'system', at });
          await tx.previews.save('d1', { seq: 1, kind: 'change', preview: {}, at });
          await tx.timers.replace('d1', { respond: at + DAY });
          await tx.evidence.insert(evidence('e1', 'd1', { bytes: 6_000_000_000, uploadedAt: at }));
          await tx.evidence.saveReport('e1', 'rejected', {}, null, at + 1);
        });
        const jobId = await store.transaction((tx) => tx.jobs.add({ kind: 'k', payload: {}, runAt: at }, at));
        assert.equal(typeof jobId, 'number');
        const [claimed] = await store.transaction((tx) => tx.jobs.claim(['k'], at, DAY, 1));
        assert.deepEqual(numberFields(claimed!, ['id', 'attempt', 'leaseUntil']), []);
        assert.equal(await store.transaction((tx) => tx.jobs.complete(jobId, 1, at + 2)), true);
        await store.read(async (tx) => {
          const d = await tx.disputes.get('d1');
          assert.deepEqual(numberFields(d!, ['openedAt', 'nextDueAt', 'createdAt', 'updatedAt', 'version']), []);
          assert.equal(d?.openedAt, at);
          assert.equal(await tx.disputes.nextDueAt('d1'), at + DAY);
          const [entry] = await tx.log.entries('d1');
          assert.deepEqual(numberFields(entry!, ['seq', 'at']), []);
          const [p] = await tx.previews.list('d1');
          assert.deepEqual(numberFields(p!, ['seq', 'at']), []);
          assert.equal(await tx.timers.nextClaimable(), at + DAY);
          const e = await tx.evidence.get('e1');
          assert.deepEqual(numberFields(e!, ['bytes', 'uploadedAt', 'checkedAt']), []);
          assert.equal(e?.bytes, 6_000_000_000);
          const n = await tx.evidence.countBySha256(e!.sha256);
          assert.equal(n, 1);
          assert.equal(typeof n, 'number');
          const job = await tx.jobs.get(jobId);
          assert.deepEqual(numberFields(job!, ['id', 'runAt', 'attempt', 'doneAt']), []);
        });
        const [t] = await store.transaction((tx) => tx.timers.claimDue(at + DAY, DAY, 1));
        assert.deepEqual(numberFields(t!, ['dueAt']), []);
      }),
    );

    test(
      'a unit of work that throws leaves nothing written, and a DomainError is not rerun',
      withStore(async ({ store }) => {
        const refused = new DomainError('DISPUTE.CLOSED', 'closed');
        let runs = 0;
        await assert.rejects(
          store.transaction(async (tx) => {
            runs++;
            await tx.disputes.insert(dispute('d1'));
            await tx.log.append({ disputeId: 'd1', seq: 1, type: 'opened', payload: {}, actor: 'system', at: T0 });
            await tx.timers.replace('d1', { respond: T0 });
            await tx.jobs.add({ kind: 'k', payload: {}, runAt: T0 }, T0);
            await tx.idempotency.save('s', 'k', { requestHash: 'h', status: 201, body: {} }, T0);
            throw refused;
          }),
          (err) => err === refused,
        );
        assert.equal(runs, 1);
        await store.read(async (tx) => {
          assert.equal(await tx.disputes.get('d1'), undefined);
          assert.deepEqual(await tx.log.entries('d1'), []);
          assert.equal(await tx.timers.nextClaimable(), undefined);
          assert.equal(await tx.idempotency.find('s', 'k'), undefined);
        });
        assert.deepEqual(await store.transaction((tx) => tx.jobs.claim(['k'], T0, 1, 10)), [], 'no job was added');
        // The store is still usable.
        await store.transaction((tx) => tx.disputes.insert(dispute('d1')));
        assert.equal((await store.read((tx) => tx.disputes.get('d1')))?.id, 'd1');
      }),
    );
  });
}

if (chosen.some((a) => a.name === 'postgres')) {
  describe('postgres store', { skip: pgUrl ? false : 'TEST_PG_URL is unset: run through test/run.ts' }, () => {
    const withStore = (fn: (s: Subject) => Promise<void>) => async () => {
      const s = await postgresSubject(pgUrl!);
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };
    /** Resolves when `check()` holds, polling every 20 ms, or fails after `ms`. */
    const eventually = async (check: () => boolean, what: string, ms = 5000) => {
      for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
      }
    };

    test('migrations apply once when three processes open a new database at once', async () => {
      const databaseUrl = await freshDatabase(pgUrl!);
      const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl })));
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>('SELECT version FROM migrations ORDER BY version');
        // Every numbered file of the folder, each exactly once.
        const files = readdirSync(new URL('../../src/store/postgres/migrations/', import.meta.url)).filter((f) => /^\d+_.*\.sql$/.test(f));
        assert.deepEqual(
          rows.map((r) => r.version),
          files.map((f) => Number.parseInt(f, 10)).sort((a, b) => a - b),
        );
      } finally {
        await client.end();
        for (const s of stores) await s.close();
      }
    });

    test(
      'a unique violation reruns the unit of work, and the rerun finds the twin’s row',
      withStore(async ({ store }) => {
        // The first inserts and holds its COMMIT until the second has looked and found nothing;
        // the second's insert then waits on the first's index entry and fails with 23505.
        let firstInserted!: () => void;
        const inserted = new Promise<void>((r) => (firstInserted = r));
        let secondLooked!: () => void;
        const looked = new Promise<void>((r) => (secondLooked = r));
        const runs = { first: 0, second: 0 };
        const first = store.transaction(async (tx) => {
          runs.first++;
          const found = await tx.disputes.findByExternalId('seller-1', 'ext-1');
          if (found) return found.id;
          await tx.disputes.insert(dispute('d1', { externalId: 'ext-1' }));
          firstInserted();
          await looked;
          return 'd1';
        });
        await inserted;
        const second = store.transaction(async (tx) => {
          runs.second++;
          const found = await tx.disputes.findByExternalId('seller-1', 'ext-1');
          secondLooked();
          if (found) return found.id;
          await tx.disputes.insert(dispute('d2', { externalId: 'ext-1' }));
          return 'd2';
        });
        assert.deepEqual(await Promise.all([first, second]), ['d1', 'd1']);
        assert.deepEqual(runs, { first: 1, second: 2 });
      }),
    );

    test(
      'a conflict that persists is rerun 5 times, then thrown',
      withStore(async ({ store }) => {
        await store.transaction((tx) => tx.disputes.insert(dispute('d1')));
        let runs = 0;
        await assert.rejects(
          store.transaction(async (tx) => {
            runs++;
            await tx.disputes.insert(dispute('d1'));
          }),
          (err) => err instanceof pg.DatabaseError && err.code === '23505',
        );
        assert.equal(runs, 6);
      }),
    );

    test(
      'get with lock holds the row until COMMIT',
      withStore(async ({ store }) => {
        await store.transaction((tx) => tx.disputes.insert(dispute('d1')));
        let locked!: () => void;
        const isLocked = new Promise<void>((r) => (locked = r));
        const holder = store.transaction(async (tx) => {
          const row = await tx.disputes.get('d1', { lock: true });
          locked();
          await new Promise((r) => setTimeout(r, 100));
          return tx.disputes.update({ ...row!, version: 2, status: 'responded' }, 1);
        });
        await isLocked;
        const seen = await store.transaction(async (tx) => (await tx.disputes.get('d1', { lock: true }))?.version);
        assert.equal(await holder, true);
        assert.equal(seen, 2, 'the second locker waited for the first to commit');
      }),
    );

    test(
      'notify reaches the other stores on the database, per topic, and survives a dropped LISTEN connection',
      withStore(async ({ store, another, raw }) => {
        const listener = await another();
        const heard = { jobs: 0, timers: 0 };
        listener.onNotify('jobs', () => heard.jobs++);
        listener.onNotify('timers', () => heard.timers++);
        // LISTEN starts in the background: notify until it is heard.
        const until = async (topic: 'jobs' | 'timers') => {
          const before = heard[topic];
          for (const end = Date.now() + 5000; heard[topic] === before; await new Promise((r) => setTimeout(r, 20))) {
            if (Date.now() > end) assert.fail(`no ${topic} notification heard`);
            await store.notify(topic);
          }
        };
        await until('jobs');
        assert.equal(heard.timers, 0, 'one topic does not wake the other');
        await until('timers');

        // The server drops the LISTEN session: the store reconnects and wakes every listener once.
        const before = { ...heard };
        await raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        await eventually(() => heard.jobs > before.jobs && heard.timers > before.timers, 'the wake-up after reconnecting');
        await until('jobs');
      }),
    );
  });
}
