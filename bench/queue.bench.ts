import './lib/quiet.ts';
/**
 * The agent queue (`GET /api/disputes`, issue 11) should not slow down as disputes pile up.
 * Stores of 1 k and 100 k disputes are seeded through the store's own `insert` (transactions
 * of 5,000), with the rows the workflow writes: real snapshots (lib/bulk-store.ts templates),
 * six statuses (30 % resolved: no deadline), ~200 disputes per seller, deadlines over 1 h …
 * 6 weeks, the preview's side and missing evidence, 3 % of open disputes waiting for review.
 * For each filter shape the console uses: the first page and a page 500 pages deep (or the
 * shape's last page when it has fewer), through `store.read((r) => r.disputes.list(…))`, 51
 * rows as the route asks. Baselines in the same run, timed in turns with the figure they are
 * compared to: the same page at 1 k (flatness, goal ≈ 1×, within 2×) and the deep page read
 * with OFFSET instead of a keyset cursor (contrast).
 * SQLite and PostgreSQL (embedded, as the tests start it).
 *
 *   node --import tsx bench/queue.bench.ts
 *   BENCH_QUEUE_SIZES=1000,20000 node --import tsx bench/queue.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isUrgencyOrder } from '../src/store/dispute-list-plan.ts';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { DisputeRow, DisputeSummaryRow, ListCursor, ListFilter, Store } from '../src/store/store.port.ts';
import { idOfRow, sellerOfRow, statusOfRow, templates, type Template } from './lib/bulk-store.ts';
import { withPostgres } from './lib/postgres-server.ts';
import { isMain } from './lib/quiet.ts';
import { fmtRatio, fmtUs, median, out, table, verdict } from './lib/report.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE = 50;
const DEEP = 500;
const BATCH = 5_000;
/** Calls per figure (after 5 unmeasured ones): the median of these. */
const CALLS = 60;
const FAVOURS = ['buyer', 'seller', 'undecided', 'buyer', 'split'] as const;
const REASONS = ['not_received', 'not_as_described', 'damaged', 'wrong_item'] as const;

/** The queue's filter shapes, as the console asks for them (`now`: the seeding instant). */
const SHAPES: Array<{ name: string; filter: (now: number, size: number) => Omit<ListFilter, 'limit' | 'after'> }> = [
  { name: 'urgency, no filter', filter: () => ({ order: 'urgency' }) },
  { name: 'status', filter: () => ({ order: 'urgency', status: 'negotiating' }) },
  { name: 'three statuses', filter: () => ({ order: 'urgency', status: ['awaiting_buyer', 'negotiating', 'in_arbitration'] }) },
  { name: 'seller', filter: (_now, size) => ({ order: 'urgency', sellerId: sellerOfRow(7, size) }) },
  { name: 'needs review', filter: () => ({ order: 'urgency', needsReview: true }) },
  { name: 'favours buyer', filter: () => ({ order: 'urgency', favours: 'buyer' }) },
  // The console's "due soon": ~8 disputes at 1 k (a part page), ~760 at 100 k.
  { name: 'due soon (12 h)', filter: (now) => ({ dueBefore: now + 12 * HOUR }) },
  // A window with full pages at every size, to compare like with like.
  { name: 'due within 7 d', filter: (now) => ({ dueBefore: now + 7 * DAY }) },
  { name: 'by id, no filter', filter: () => ({ order: 'id' }) },
];

/** Generated row `i` of `n`, as the workflow would have written it. */
function rowOf(i: number, n: number, tpl: Map<string, Template>, now: number): DisputeRow {
  const status = statusOfRow(i);
  const t = tpl.get(status)!;
  const id = idOfRow(i);
  const due = now + HOUR + ((i * 2654435761) % (42 * DAY - HOUR));
  const nextDueAt = t.deadline1 ? due : null;
  const snapshot = JSON.parse(t.snapshot.replaceAll('@ID@', id).replaceAll('1111111111111', String(due)).replaceAll('2222222222222', String(due + DAY)).replaceAll('3333333333333', String(due - DAY)));
  const favours = FAVOURS[(i * 31) % FAVOURS.length]!;
  return {
    id,
    externalId: `AE-${i}`,
    sellerId: sellerOfRow(i, n),
    status,
    policyVersion: '2024-05.1',
    machineVersion: '1',
    openedAt: due - DAY,
    nextDueAt,
    snapshot,
    version: 1,
    previewDigest: null,
    triage: {
      reason: REASONS[i % REASONS.length]!,
      amountMinor: 1_000 + ((i * 7919) % 90_000),
      currency: 'USD',
      favours,
      missing: favours === 'buyer' && nextDueAt ? [{ kind: 'delivery_proof_photo', dueBy: nextDueAt }] : [],
      // i % 97 rather than a multiple mod 100, which lined up with the resolved bucket (no deadline).
      needsReview: nextDueAt !== null && i % 97 < 3 ? 1 : 0,
      nextDeadline: t.deadline1,
    },
    createdAt: due - DAY,
    updatedAt: due - DAY,
  };
}

async function seed(store: Store, n: number, tpl: Template[], now: number): Promise<number> {
  const byStatus = new Map(tpl.map((t) => [t.status, t]));
  const t0 = performance.now();
  for (let from = 0; from < n; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, n - from) }, (_, k) => rowOf(from + k, n, byStatus, now));
    await store.transaction(async (tx) => {
      for (const r of rows) await tx.disputes.insert(r);
    });
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Median µs of each call over CALLS rounds (after 5 unmeasured ones), the calls taking turns
 * within each round: on a shared machine, load then falls on every figure of a ratio alike.
 */
async function timedTogether(calls: ReadonlyArray<() => Promise<unknown>>): Promise<number[]> {
  for (let k = 0; k < 5; k++) for (const call of calls) await call();
  const times = calls.map((): number[] => []);
  for (let k = 0; k < CALLS; k++) {
    for (const [c, call] of calls.entries()) {
      const t = performance.now();
      await call();
      times[c]!.push((performance.now() - t) * 1000);
    }
  }
  return times.map(median);
}

/** The cursor that starts page `page` (0-based) of `f`, found by paging there (not measured); the page number reached. */
async function cursorAt(store: Store, f: Omit<ListFilter, 'limit' | 'after'>, page: number): Promise<{ after?: ListCursor; page: number }> {
  let after: ListCursor | undefined;
  for (let p = 0; p < page; p++) {
    const rows: DisputeSummaryRow[] = await store.read((r) => r.disputes.list({ ...f, after, limit: PAGE + 1 }));
    if (rows.length <= PAGE) return { after, page: p };
    const last = rows[PAGE - 1]!;
    after = isUrgencyOrder(f) ? { id: last.id, dueAt: last.nextDueAt } : { id: last.id };
  }
  return { after, page };
}

/** The same page read with OFFSET: what keyset paging avoids. Same WHERE, same order, in both dialects. */
function offsetSql(f: Omit<ListFilter, 'limit' | 'after'>, placeholder: (n: number) => string): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const p = (v: unknown) => (args.push(v), placeholder(args.length));
  const statuses = typeof f.status === 'string' ? [f.status] : (f.status ?? []);
  const where = [
    statuses.length ? `status IN (${statuses.map(p).join(', ')})` : '',
    f.sellerId ? `seller_id = ${p(f.sellerId)}` : '',
    f.needsReview ? 'needs_review > 0' : '',
    f.favours ? `favours = ${p(f.favours)}` : '',
    f.dueBefore !== undefined ? `next_due_at <= ${p(f.dueBefore)}` : '',
  ].filter(Boolean);
  const order = isUrgencyOrder(f) ? 'next_due_at IS NULL, next_due_at, id' : 'id';
  return { sql: `SELECT id FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order} LIMIT ${PAGE + 1} OFFSET `, args };
}

/** A seeded store, and a raw connection to it for the OFFSET contrast. */
interface Subject {
  store: Store;
  size: number;
  now: number;
  seedSeconds: number;
  /** Ids a raw SQL statement returns. */
  ids: (sql: string, args: unknown[]) => Promise<string[]>;
  placeholder: (n: number) => string;
}

interface Figures {
  /** Rows on the first page at each size (50, or fewer when the shape has fewer). */
  rows: [number, number];
  first: [number, number];
  deep: [number, number];
  /** The deep page's number at each size. */
  deepPage: [number, number];
  /** The big store's deep page read with OFFSET. */
  offset: number;
}
type Run = { dialect: string; small: Subject; big: Subject; shapes: Map<string, Figures> };

/** Every shape on both stores, the small and the big one timed in turns. */
async function measure(small: Subject, big: Subject): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>();
  for (const s of SHAPES) {
    const pages = await Promise.all(
      [small, big].map(async (sub) => {
        const f = s.filter(sub.now, sub.size);
        const { after, page } = await cursorAt(sub.store, f, DEEP);
        const first = () => sub.store.read((r) => r.disputes.list({ ...f, limit: PAGE + 1 }));
        const deep = () => sub.store.read((r) => r.disputes.list({ ...f, after, limit: PAGE + 1 }));
        return { f, page, first, deep, rows: Math.min(PAGE, (await first()).length) };
      }),
    );
    const [a, b] = pages as [(typeof pages)[0], (typeof pages)[0]];
    const { sql, args } = offsetSql(b.f, big.placeholder);
    const q = `${sql}${b.page * PAGE}`;
    const offset = () => big.ids(q, args);
    // The same rows, or the contrast would compare different pages.
    if ((await offset()).join() !== (await b.deep()).map((r) => r.id).join()) throw new Error(`${s.name}: the OFFSET page differs from the keyset page`);
    const [firstA, firstB] = await timedTogether([a.first, b.first]);
    const [deepA, deepB, offsetB] = await timedTogether([a.deep, b.deep, offset]);
    figures.set(s.name, { rows: [a.rows, b.rows], first: [firstA!, firstB!], deep: [deepA!, deepB!], deepPage: [a.page, b.page], offset: offsetB! });
  }
  return figures;
}

async function onSqlite(dir: string, tpl: Template[], sizes: [number, number]): Promise<Run> {
  const opened: Array<{ store: Store; raw: Database.Database }> = [];
  try {
    const subjects: Subject[] = [];
    for (const size of sizes) {
      const file = join(dir, `queue-${size}.sqlite`);
      const store = new SqliteStore(file);
      const raw = new Database(file, { readonly: true });
      opened.push({ store, raw });
      const now = Date.now();
      const seedSeconds = await seed(store, size, tpl, now);
      subjects.push({ store, size, now, seedSeconds, ids: async (sql, args) => (raw.prepare(sql).all(...args) as Array<{ id: string }>).map((r) => r.id), placeholder: () => '?' });
    }
    const [small, big] = subjects as [Subject, Subject];
    return { dialect: 'SQLite', small, big, shapes: await measure(small, big) };
  } finally {
    for (const o of opened) {
      o.raw.close();
      await o.store.close();
    }
  }
}

async function onPostgres(tpl: Template[], sizes: [number, number]): Promise<Run> {
  return withPostgres(async (fresh) => {
    const opened: Array<{ store: Store; raw: pg.Client }> = [];
    try {
      const subjects: Subject[] = [];
      for (const size of sizes) {
        const url = await fresh();
        const store = await openPostgresStore(url);
        const raw = new pg.Client({ connectionString: url });
        opened.push({ store, raw });
        await raw.connect();
        const now = Date.now();
        const seedSeconds = await seed(store, size, tpl, now);
        await raw.query('ANALYZE disputes'); // as autovacuum soon would
        subjects.push({ store, size, now, seedSeconds, ids: async (sql, args) => (await raw.query<{ id: string }>(sql, args)).rows.map((r) => r.id), placeholder: (n) => `$${n}` });
      }
      const [small, big] = subjects as [Subject, Subject];
      return { dialect: 'PostgreSQL', small, big, shapes: await measure(small, big) };
    } finally {
      for (const o of opened) {
        await o.raw.end();
        await o.store.close();
      }
    }
  });
}

const sizeName = (n: number) => (n >= 1_000 ? `${n / 1_000} k` : String(n));

function print(run: Run): void {
  const { small, big } = run;
  const [S, B] = [sizeName(small.size), sizeName(big.size)];
  const rows = SHAPES.map(({ name }) => {
    const f = run.shapes.get(name)!;
    const flatFirst = f.first[1] / f.first[0];
    const flatDeep = f.deep[1] / f.deep[0];
    return [
      name,
      `${f.rows[0]}/${f.rows[1]}`,
      fmtUs(f.first[0]),
      fmtUs(f.first[1]),
      fmtRatio(flatFirst),
      `${f.deepPage[0]}/${f.deepPage[1]}`,
      fmtUs(f.deep[0]),
      fmtUs(f.deep[1]),
      fmtRatio(flatDeep),
      fmtUs(f.offset),
      fmtRatio(f.offset / f.deep[1]),
      // A part page at the small size reads fewer rows: its ratio measures the page, not the store.
      f.rows[0] === f.rows[1] ? verdict(flatFirst <= 2 && flatDeep <= 2) : '– (part page)',
    ];
  });
  table(
    `queue: ${run.dialect}, ${B} vs ${S} disputes (median of ${CALLS} calls in turns; ${B} seeded through insert in ${big.seedSeconds.toFixed(1)} s)`,
    ['shape', 'rows', `first ${S}`, `first ${B}`, 'ratio', 'deep page', `deep ${S}`, `deep ${B}`, 'ratio', `OFFSET ${B}`, 'OFFSET / keyset', 'goal ≤ 2×'],
    rows,
    [
      `rows: on the first page at ${S} / ${B} (a part page costs less: compare shapes with full pages at both)`,
      `deep page: page ${DEEP} (0-based) at ${S} / ${B}, or the shape's last page when it has fewer`,
      `OFFSET: the ${B} deep page (checked: the same ids) with LIMIT/OFFSET and the same WHERE and order`,
    ],
  );
}

export async function benchQueue(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-queue-'));
  try {
    const tpl = await templates();
    const [small = 1_000, big = 100_000] = process.env.BENCH_QUEUE_SIZES?.split(',').map(Number) ?? [];
    print(await onSqlite(dir, tpl, [small, big]));
    print(await onPostgres(tpl, [small, big]));
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchQueue();
