import './lib/quiet.ts';
/**
 * The agent queue (`GET /api/disputes`, issue 11) should not slow down as disputes pile up.
 * Stores of 1 k and 100 k disputes are seeded through the store's own `insert` (transactions
 * of 5,000), with the rows the workflow writes: real snapshots (lib/bulk-store.ts templates),
 * six statuses (30 % resolved: no deadline), ~200 disputes per seller, deadlines over 1 h …
 * 6 weeks, the preview's side and missing evidence, 3 % of open disputes waiting for review.
 * For each filter shape the console uses: the first page and a page 500 pages deep (or the
 * shape's last page when it has fewer), through `store.read((r) => r.disputes.list(…))`, 51
 * rows as the route asks. Baselines in the same run: the same page at 1 k (flatness, goal
 * ≈ 1×, within 2×) and the deep page read with OFFSET instead of a keyset cursor (contrast).
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
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { DisputeRow, DisputeSummaryRow, ListCursor, ListFilter, Store } from '../src/store/store.port.ts';
import { idOfRow, sellerOfRow, statusOfRow, templates, type Template } from './lib/bulk-store.ts';
import { perPostgresDatabase } from './lib/postgres-sizes.ts';
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
      needsReview: nextDueAt !== null && (i * 104_729) % 100 < 3 ? 1 : 0,
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

/** Median µs of `call` over CALLS calls, after 5 unmeasured ones. */
async function timed(call: () => Promise<unknown>): Promise<number> {
  for (let k = 0; k < 5; k++) await call();
  const times: number[] = [];
  for (let k = 0; k < CALLS; k++) {
    const t = performance.now();
    await call();
    times.push((performance.now() - t) * 1000);
  }
  return median(times);
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

interface Figures {
  first: number;
  /** Rows on the first page (a page is 50; fewer when the shape has fewer). */
  rows: number;
  deep: number;
  deepPage: number;
  offset?: number;
}
type Run = { dialect: string; size: number; seedSeconds: number; shapes: Map<string, Figures> };

async function measure(store: Store, size: number, now: number, offsetQuery?: (sql: string, args: unknown[]) => Promise<string[]>, placeholder?: (n: number) => string): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>();
  for (const s of SHAPES) {
    const f = s.filter(now, size);
    const firstPage = () => store.read((r) => r.disputes.list({ ...f, limit: PAGE + 1 }));
    const rows = Math.min(PAGE, (await firstPage()).length);
    const first = await timed(firstPage);
    const { after, page } = await cursorAt(store, f, DEEP);
    const keyset = () => store.read((r) => r.disputes.list({ ...f, after, limit: PAGE + 1 }));
    const deep = await timed(keyset);
    let offset: number | undefined;
    if (offsetQuery && placeholder) {
      const { sql, args } = offsetSql(f, placeholder);
      const q = `${sql}${page * PAGE}`;
      // The same rows, or the contrast would compare different pages.
      const same = (await offsetQuery(q, args)).join() === (await keyset()).map((r) => r.id).join();
      if (!same) throw new Error(`${s.name}: the OFFSET page differs from the keyset page`);
      offset = await timed(() => offsetQuery(q, args));
    }
    figures.set(s.name, { first, rows, deep, deepPage: page, offset });
  }
  return figures;
}

async function onSqlite(dir: string, tpl: Template[], sizes: number[]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const size of sizes) {
    const file = join(dir, `queue-${size}.sqlite`);
    const store = new SqliteStore(file);
    const raw = new Database(file, { readonly: true });
    try {
      const now = Date.now();
      const seedSeconds = await seed(store, size, tpl, now);
      const shapes = await measure(store, size, now, async (sql, args) => (raw.prepare(sql).all(...args) as Array<{ id: string }>).map((r) => r.id), () => '?');
      runs.push({ dialect: 'SQLite', size, seedSeconds, shapes });
    } finally {
      raw.close();
      await store.close();
    }
  }
  return runs;
}

async function onPostgres(tpl: Template[], sizes: number[]): Promise<Run[]> {
  return perPostgresDatabase(sizes, async (store, url, size) => {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      const now = Date.now();
      const seedSeconds = await seed(store, size, tpl, now);
      await raw.query('ANALYZE disputes'); // as autovacuum soon would
      const shapes = await measure(store, size, now, async (sql, args) => (await raw.query<{ id: string }>(sql, args)).rows.map((r) => r.id), (n) => `$${n}`);
      return { dialect: 'PostgreSQL', size, seedSeconds, shapes };
    } finally {
      await raw.end();
    }
  });
}

const sizeName = (n: number) => (n >= 1_000 ? `${n / 1_000} k` : String(n));

function print(runs: Run[]): void {
  for (const dialect of ['SQLite', 'PostgreSQL']) {
    const mine = runs.filter((r) => r.dialect === dialect);
    if (mine.length < 2) continue;
    const small = mine[0]!;
    const big = mine.at(-1)!;
    const rows = SHAPES.map(({ name }) => {
      const s = small.shapes.get(name)!;
      const b = big.shapes.get(name)!;
      const flatFirst = b.first / s.first;
      const flatDeep = b.deep / s.deep;
      return [
        name,
        `${s.rows}/${b.rows}`,
        fmtUs(s.first),
        fmtUs(b.first),
        fmtRatio(flatFirst),
        `${b.deepPage}`,
        fmtUs(b.deep),
        fmtRatio(flatDeep),
        b.offset === undefined ? '–' : fmtUs(b.offset),
        b.offset === undefined ? '–' : fmtRatio(b.offset / b.deep),
        verdict(flatFirst <= 2 && flatDeep <= 2),
      ];
    });
    table(
      `queue: ${dialect}, ${sizeName(big.size)} vs ${sizeName(small.size)} disputes (median of ${CALLS} calls; seeded through insert in ${big.seedSeconds.toFixed(1)} s)`,
      ['shape', 'rows', `first ${sizeName(small.size)}`, `first ${sizeName(big.size)}`, 'ratio', 'deep page', `deep ${sizeName(big.size)}`, `vs ${sizeName(small.size)} last`, `OFFSET ${sizeName(big.size)}`, 'OFFSET / keyset', 'goal ≤ 2×'],
      rows,
      [
        `deep page: page ${DEEP} (0-based), or the shape's last page when it has fewer; at ${sizeName(small.size)} the shape's last page (${SHAPES.map(({ name }) => small.shapes.get(name)!.deepPage).join(', ')})`,
        `rows: on the first page at ${sizeName(small.size)} / ${sizeName(big.size)} (a part page costs less: compare shapes with full pages at both)`,
        'OFFSET: the same page (checked: same ids) with LIMIT/OFFSET and the same WHERE and order',
      ],
    );
  }
}

export async function benchQueue(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-queue-'));
  try {
    const tpl = await templates();
    const sizes = process.env.BENCH_QUEUE_SIZES?.split(',').map(Number) ?? [1_000, 100_000];
    print([...(await onSqlite(dir, tpl, sizes)), ...(await onPostgres(tpl, sizes))]);
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchQueue();
