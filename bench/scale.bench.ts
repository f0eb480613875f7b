import './lib/quiet.ts';
/**
 * Scans that should stay flat as the store grows. Stores of 1 k, 100 k and 1 M disputes are
 * built with SQL (lib/bulk-store.ts: realistic rows copied from real disputes) on SQLite, and
 * of 1 k and 100 k on PostgreSQL (1 M there takes minutes to load: `BENCH_PG_1M=1` adds it).
 * For each: the timer poller's next-due query, a claim when nothing is due, the list filters
 * (through `store.read((r) => r.disputes.list(…))`, 51 rows as the route asks for a page of
 * 50), and one TRACKING_UPDATED through `workflow.execute` on an existing open dispute, one
 * at a time. Parameters vary call by call (status, due window, seller, cursor, dispute).
 * Goal: largest / 1 k within 2×. Also the SQLite file size and where its pages go (dbstat).
 * The 1 M SQLite file takes ~7 GB in the temp dir while it is measured (deleted after).
 *
 *   BENCH_SCALE_SIZES=1000,20000 node --import tsx bench/scale.bench.ts   # other sizes (both stores)
 *   BENCH_PG_1M=1 npm run bench -- scale                                  # PostgreSQL at 1 M too
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { ListFilter, Store } from '../src/store/store.port.ts';
import { systemClock } from '../src/workflow/clock.ts';
import { DisputeWorkflow } from '../src/workflow/dispute-workflow.ts';
import { freshDatabase, startPostgres } from '../test/helpers/postgres.ts';
import { buildPostgres, buildSqlite, idOfRow, sellerOfRow, statusOfRow, templates, type Template } from './lib/bulk-store.ts';
import { trackingEvent } from './lib/disputes.ts';
import { isMain } from './lib/quiet.ts';
import { fmtBytes, fmtRatio, fmtUs, median, out, percentile, table, verdict } from './lib/report.ts';

const DAY = 86_400_000;
const OPEN = ['awaiting_seller_response', 'awaiting_solution', 'awaiting_buyer', 'negotiating', 'in_arbitration'] as const;
/** A page of 50, as the route asks for it (limit + 1 tells whether there is a next page). */
const PAGE = 51;
/** Calls per probe: at most this many, or as many as fit in PROBE_MS (at least MIN_CALLS). */
const MAX_CALLS = 300;
const MIN_CALLS = 20;
const PROBE_MS = 400;

interface Figure {
  median: number;
  p99: number;
  calls: number;
  /** Rows a list call returned, on average. */
  rows?: number;
}
type Figures = Map<string, Figure>;

/** The list filters measured, call k's parameters. */
const LISTS: Array<{ name: string; filter: (k: number, size: number, now: number) => ListFilter }> = [
  // Due within 15…42 days: a full page at every size (a status has ~150 disputes at 1 k, spread over 6 weeks).
  { name: 'list status + dueBefore 15-42 d', filter: (k, _s, now) => ({ status: OPEN[k % OPEN.length], dueBefore: now + (15 + (k % 28)) * DAY, limit: PAGE }) },
  // The "due tomorrow" queue: ~2 % of a status (a few rows at 1 k, ~3,600 at 1 M).
  { name: 'list status + dueBefore 24 h', filter: (k, _s, now) => ({ status: OPEN[k % OPEN.length], dueBefore: now + DAY, limit: PAGE }) },
  { name: 'list sellerId', filter: (k, size) => ({ sellerId: sellerOfRow(k * 31 + 7, size), limit: PAGE }) },
  { name: 'list, no filter', filter: () => ({ limit: PAGE }) },
  { name: 'list, no filter, after a cursor', filter: (k, size) => ({ after: { id: idOfRow((k * 7919 + 1) % size) }, limit: PAGE }) },
  { name: 'list status + cursor', filter: (k, size) => ({ status: OPEN[k % OPEN.length], after: { id: idOfRow((k * 7919 + 1) % size) }, limit: PAGE }) },
];

/** Times `call(k)` for k = 0, 1, …: up to MAX_CALLS or PROBE_MS, after a few unmeasured calls. A call may return the rows it got. */
async function probe(call: (k: number) => Promise<number | void>): Promise<Figure> {
  for (let k = 0; k < 10; k++) await call(1_000_000 + k);
  const times: number[] = [];
  let rows = 0;
  const start = performance.now();
  for (let k = 0; k < MAX_CALLS && (k < MIN_CALLS || performance.now() - start < PROBE_MS); k++) {
    const t = performance.now();
    rows += (await call(k)) ?? 0;
    times.push((performance.now() - t) * 1000);
  }
  return { median: median(times), p99: percentile(times, 99), calls: times.length, rows: rows / times.length };
}

/** Every probe on a built store of `size` disputes. */
async function measure(store: Store, size: number, now: number): Promise<Figures> {
  const f: Figures = new Map();
  f.set('timers.nextClaimable()', await probe(async () => void (await store.read((r) => r.timers.nextClaimable()))));
  f.set(
    'timers.claimDue, none due (a unit of work)',
    await probe(async () => {
      const claimed = await store.transaction((tx) => tx.timers.claimDue(Date.now(), 5_000, 20));
      if (claimed.length) throw new Error('a timer was due: the build should put every deadline in the future');
    }),
  );
  for (const l of LISTS) {
    f.set(
      l.name,
      await probe(async (k) => (await store.read((r) => r.disputes.list(l.filter(k, size, now)))).length),
    );
  }
  // Open disputes spread over the whole store, one event each (a second pass alternates their tracking).
  const open: string[] = [];
  for (let k = 0; open.length < 200; k++) {
    const i = (k * 7919 + 3) % size;
    if (statusOfRow(i) !== 'resolved') open.push(idOfRow(i));
  }
  const wf = new DisputeWorkflow(store, systemClock);
  f.set(
    'execute TRACKING_UPDATED (one at a time)',
    await probe(async (k) => {
      const o = await wf.execute({ type: 'send', disputeId: open[k % open.length]!, event: trackingEvent(k, open.length) });
      if (!o.ok) throw o.error;
    }),
  );
  return f;
}

/** The plans the list filters get (SQLite's EXPLAIN QUERY PLAN, the SQL the repository builds). */
function sqlitePlans(file: string, now: number): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return LISTS.map((l) => {
      const f = l.filter(3, 1000, now);
      // As SqliteDisputeRepository.list builds it.
      const due = f.dueBefore !== undefined;
      const after = f.after && (due ? '(next_due_at, id) > (@afterDue, @afterId)' : 'id > @afterId');
      const where = [f.status && 'status = @status', f.sellerId && 'seller_id = @sellerId', due && 'next_due_at <= @dueBefore', after].filter(Boolean);
      const sql = `SELECT id FROM disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${due ? 'next_due_at, id' : 'id'} LIMIT @limit`;
      const args = { status: f.status, sellerId: f.sellerId, dueBefore: f.dueBefore, afterId: f.after?.id, afterDue: f.after?.dueAt ?? null, limit: f.limit };
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      return `${l.name}: ${plan}`;
    });
  } finally {
    db.close();
  }
}

async function postgresPlans(url: string, now: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: string[] = [];
    for (const l of LISTS.slice(0, 2)) {
      const f = l.filter(3, 1000, now);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN (COSTS OFF) SELECT * FROM disputes WHERE status = $1 AND next_due_at <= $2 ORDER BY id LIMIT $3',
        [f.status, f.dueBefore, PAGE],
      );
      plans.push(`${l.name}: ${rows.map((r) => r['QUERY PLAN'].trim()).join('; ')}`);
    }
    return plans;
  } finally {
    await client.end();
  }
}

interface Pages {
  file: number;
  previews: { share: number; unused: number };
  events: { share: number; unused: number };
}

/** File size, and the share of its pages dispute_previews and dispute_events hold (tables + their indexes), with their unused bytes. */
function pagesOf(file: string): Pages {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, pgsize, unused FROM dbstat WHERE aggregate = TRUE').all() as Array<{ name: string; pgsize: number; unused: number }>;
    const total = rows.reduce((s, r) => s + r.pgsize, 0);
    const of = (names: string[]) => {
      const mine = rows.filter((r) => names.includes(r.name));
      const bytes = mine.reduce((s, r) => s + r.pgsize, 0);
      return { share: bytes / total, unused: mine.reduce((s, r) => s + r.unused, 0) / bytes };
    };
    return { file: statSync(file).size, previews: of(['dispute_previews', 'dispute_previews_key']), events: of(['dispute_events']) };
  } finally {
    db.close();
  }
}

interface Run {
  dialect: 'SQLite' | 'PostgreSQL';
  size: number;
  buildSeconds: number;
  figures: Figures;
  pages?: Pages;
  plans?: string[];
}

async function onSqlite(dir: string, tpl: Template[], sizes: number[]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const size of sizes) {
    const file = join(dir, `scale-${size}.sqlite`);
    const now = Date.now();
    const buildSeconds = await buildSqlite(file, size, tpl, now);
    const store = new SqliteStore(file);
    let figures: Figures;
    try {
      figures = await measure(store, size, now);
    } finally {
      await store.close();
    }
    runs.push({ dialect: 'SQLite', size, buildSeconds, figures, pages: pagesOf(file), plans: size === sizes.at(-1) ? sqlitePlans(file, now) : undefined });
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
  return runs;
}

async function onPostgres(tpl: Template[], sizes: number[]): Promise<Run[]> {
  const server = await startPostgres();
  const runs: Run[] = [];
  try {
    for (const size of sizes) {
      const url = await freshDatabase(server.url);
      const store = await openPostgresStore(url);
      try {
        const now = Date.now();
        const buildSeconds = await buildPostgres(url, size, tpl, now);
        const figures = await measure(store, size, now);
        runs.push({ dialect: 'PostgreSQL', size, buildSeconds, figures, plans: size === sizes.at(-1) ? await postgresPlans(url, now) : undefined });
      } finally {
        await store.close();
      }
    }
  } finally {
    await server.stop();
  }
  return runs;
}

const sizeName = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : n >= 1_000 ? `${n / 1_000} k` : String(n));

function print(runs: Run[]): void {
  for (const dialect of ['SQLite', 'PostgreSQL'] as const) {
    const mine = runs.filter((r) => r.dialect === dialect);
    if (!mine.length) continue;
    const names = [...mine[0]!.figures.keys()];
    for (const r of mine) {
      table(
        `scale: ${dialect}, ${sizeName(r.size)} disputes (built with SQL in ${r.buildSeconds.toFixed(1)} s)`,
        ['query', 'median', 'p99', 'calls', 'rows/call'],
        names.map((n) => {
          const f = r.figures.get(n)!;
          return [n, fmtUs(f.median), fmtUs(f.p99), f.calls, f.rows ? f.rows.toFixed(1) : '–'];
        }),
        r.pages
          ? [
              `file ${fmtBytes(r.pages.file)}; dispute_previews (+ index) ${(r.pages.previews.share * 100).toFixed(1)} % of pages (${(r.pages.previews.unused * 100).toFixed(0)} % of those bytes unused); ` +
                `dispute_events ${(r.pages.events.share * 100).toFixed(1)} % of pages (${(r.pages.events.unused * 100).toFixed(0)} % unused)`,
            ]
          : [],
      );
    }
    const small = mine[0]!;
    const big = mine.at(-1)!;
    const ratios = names.map((n) => big.figures.get(n)!.median / small.figures.get(n)!.median);
    table(
      `scale: ${dialect}, ${sizeName(big.size)} / ${sizeName(small.size)} (median latency; goal within 2×)`,
      ['query', sizeName(small.size), sizeName(big.size), 'ratio', 'goal ≤ 2×'],
      names.map((n, k) => [n, fmtUs(small.figures.get(n)!.median), fmtUs(big.figures.get(n)!.median), fmtRatio(ratios[k]!), verdict(ratios[k]! <= 2)]),
      [`plans at ${sizeName(big.size)}:`, ...(big.plans ?? []).map((p) => `  ${p}`)],
    );
  }
}

export async function benchScale(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-scale-'));
  try {
    const tpl = await templates();
    const sqliteSizes = process.env.BENCH_SCALE_SIZES?.split(',').map(Number) ?? [1_000, 100_000, 1_000_000];
    const pgSizes = process.env.BENCH_SCALE_SIZES ? sqliteSizes : process.env.BENCH_PG_1M ? [1_000, 100_000, 1_000_000] : [1_000, 100_000];
    const runs = [...(await onSqlite(dir, tpl, sqliteSizes)), ...(await onPostgres(tpl, pgSizes))];
    print(runs);
    out('  rows per dispute: 1 log entry, 1 preview, 0.85 timer rows (one per deadline in force; resolved disputes have none); PostgreSQL ANALYZEd after the load');
    if (!process.env.BENCH_PG_1M) out('  PostgreSQL at 1 M is left out (its load alone takes minutes here); BENCH_PG_1M=1 adds it');
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchScale();
