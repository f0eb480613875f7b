/**
 * Stores of 1 k … 1 M disputes built with SQL (INSERT … SELECT from a recursive CTE on SQLite,
 * generate_series on PostgreSQL), so a million rows take seconds, not an hour of commands.
 *
 * Rows are copied from real disputes: one dispute is driven through the workflow to each
 * status, and its snapshot, first preview and DISPUTE_FILED payload become templates whose
 * id, opening time and deadlines are replaced per row. Per generated dispute:
 *   - status: 30 % resolved, 15 % awaiting_seller_response, 15 % awaiting_solution,
 *     15 % awaiting_buyer, 12 % negotiating, 13 % in_arbitration;
 *   - seller: one of n / 200 (a seller has ~200 disputes at every size, so a seller's page is
 *     always full and sizes compare like for like);
 *   - next due: spread over 1 h … 6 weeks from now (none due yet); resolved: none;
 *   - timer rows: one per deadline in force, as the workflow writes them (an open dispute has
 *     one, awaiting_seller_response two, a resolved one none);
 *   - one log entry (DISPUTE_FILED) and one preview row, as filing writes them.
 * Ids are 32 hex digits like the workflow's (a multiplicative hash of the row number). SQLite
 * loads the rows in id order (see `buildSqlite`); PostgreSQL in row-number order, i.e. random
 * id order, as production inserts them.
 *
 *   const t = await templates();
 *   await buildSqlite('/tmp/x/disputes.sqlite', 1_000_000, t, Date.now());
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import pg from 'pg';
import type { DisputeStatus } from '../../machines/dispute.machine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { systemClock } from '../../src/workflow/clock.ts';
import { DisputeWorkflow, type ClientEventBody } from '../../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../src/workflow/open-dispute.command.ts';
import { stageEvents, variedDisputeBody } from './disputes.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Placeholders in the templates, replaced per row. */
const ID = '@ID@';
const DUE_1 = '1111111111111';
const DUE_2 = '2222222222222';
const OPENED = '3333333333333';

export interface Template {
  status: DisputeStatus;
  /** The deadline in force (due at next_due_at) and, awaiting the seller, the second one (a day later). */
  deadline1: string | null;
  deadline2: string | null;
  snapshot: string;
  preview: string;
  filed: string;
}

/** A status and the stage (lib/disputes.ts) plus extra events that reach it. */
const REACH: Array<{ status: DisputeStatus; stage: number; then?: ClientEventBody[] }> = [
  { status: 'awaiting_seller_response', stage: 0 },
  { status: 'awaiting_solution', stage: 1 },
  { status: 'awaiting_buyer', stage: 2 },
  { status: 'negotiating', stage: 3 },
  { status: 'in_arbitration', stage: 4 },
  { status: 'resolved', stage: 2, then: [{ type: 'BUYER_ACCEPTED' }] },
];

/** One real dispute per status (workflow on an in-memory store), turned into templates. */
export async function templates(): Promise<Template[]> {
  const store = new SqliteStore(':memory:');
  const wf = new DisputeWorkflow(store, systemClock);
  try {
    const out: Template[] = [];
    for (const r of REACH) {
      const opened = await wf.execute({ type: 'open', dispute: OpenDisputeSchema.parse(variedDisputeBody(r.stage)) });
      if (!opened.ok) throw opened.error;
      const id = opened.dispute!.row.id;
      for (const event of [...stageEvents(r.stage), ...(r.then ?? [])]) {
        const o = await wf.execute({ type: 'send', disputeId: id, event });
        if (!o.ok) throw o.error;
      }
      const { row, previews, log } = await store.read(async (t) => ({ row: (await t.disputes.get(id))!, previews: await t.previews.list(id), log: await t.log.entries(id) }));
      if (row.status !== r.status) throw new Error(`template for ${r.status} reached ${row.status}`);
      const snap = row.snapshot as { context: { disputeId: string; openedAt: number; deadlines: Record<string, number> } };
      const names = Object.keys(snap.context.deadlines).sort((a, b) => snap.context.deadlines[a]! - snap.context.deadlines[b]!);
      snap.context.disputeId = ID;
      snap.context.openedAt = Number(OPENED);
      names.forEach((n, k) => (snap.context.deadlines[n] = Number(k === 0 ? DUE_1 : DUE_2)));
      out.push({
        status: r.status,
        deadline1: names[0] ?? null,
        deadline2: names[1] ?? null,
        snapshot: JSON.stringify(snap),
        preview: JSON.stringify(previews[0]!.preview).replaceAll(id, ID),
        filed: JSON.stringify(log[0]!.payload),
      });
    }
    return out;
  } finally {
    await store.close();
  }
}

/** Status buckets out of 100, in REACH order of `templates()`. */
const BUCKETS: Array<[DisputeStatus, number]> = [
  ['resolved', 30],
  ['awaiting_seller_response', 45],
  ['awaiting_solution', 60],
  ['awaiting_buyer', 75],
  ['negotiating', 87],
  ['in_arbitration', 100],
];

/** The status of generated row `i` (the same CASE the SQL uses). */
export function statusOfRow(i: number): DisputeStatus {
  const b = (i * 7919) % 100;
  return BUCKETS.find(([, upTo]) => b < upTo)![0];
}

const MULTIPLIERS = [2654435761, 2246822519, 3266489917, 668265263];

/** The id of generated row `i` (the same arithmetic the SQL uses). */
export function idOfRow(i: number): string {
  return 'dsp_' + MULTIPLIERS.map((m) => ((i * m + 1) % 4294967296).toString(16).padStart(8, '0')).join('');
}

/** Sellers in a store of `n` disputes. */
const sellers = (n: number) => Math.max(1, Math.floor(n / 200));

/** The seller of generated row `i` of `n`. */
export function sellerOfRow(i: number, n: number): string {
  return `seller-${(i * 40503) % sellers(n)}`;
}

const statusCase = (b: string) => `CASE ${BUCKETS.map(([s, upTo]) => `WHEN ${b} < ${upTo} THEN '${s}'`).join(' ')} END`;

/** The generated rows' columns, from row number `i` (identical in both dialects but for hex formatting). */
function genColumns(hexId: string, n: number, now: number): string {
  return `${hexId} AS id,
      ${statusCase('(i * 7919) % 100')} AS status,
      'seller-' || ((i * 40503) % ${sellers(n)}) AS seller,
      ${now + HOUR} + (i * 2654435761) % ${42 * DAY - HOUR} AS due`;
}

/**
 * Builds `n` disputes into a migrated SQLite file (the store creates and migrates it). The
 * build connection skips the journal and fsync; the file is back in WAL mode afterwards.
 * Returns the seconds it took.
 */
export async function buildSqlite(file: string, n: number, tpl: Template[], now: number): Promise<number> {
  const t0 = performance.now();
  await new SqliteStore(file).close();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -1000000'); // 1 GB
    db.pragma('temp_store = MEMORY');
    db.exec('CREATE TEMP TABLE bench_tpl (status TEXT PRIMARY KEY, d1 TEXT, d2 TEXT, snapshot TEXT, preview TEXT, filed TEXT)');
    const add = db.prepare('INSERT INTO bench_tpl VALUES (?, ?, ?, ?, ?, ?)');
    for (const t of tpl) add.run(t.status, t.deadline1, t.deadline2, t.snapshot, t.preview, t.filed);
    const hexId = `'dsp_' || printf('%08x%08x%08x%08x', ${MULTIPLIERS.map((m) => `(i * ${m} + 1) % 4294967296`).join(', ')})`;
    // The generated rows, once, in id order, so the WITHOUT ROWID tables (timers, the log) and
    // the id index are written by appends. Rowid tables (disputes, previews) append in any
    // order, so their pages are what production gets; WITHOUT ROWID leaves come out fuller than
    // random-order inserts leave them. 1 M loads in ~60 s on this VM (CPU-bound: tmpfs is no
    // faster; dropping the indexes and re-creating them after was no faster either).
    db.exec(`CREATE TEMP TABLE bench_gen AS
      WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n - 1})
      SELECT i, ${genColumns(hexId, n, now)} FROM seq ORDER BY id`);
    const T = (label: string, sql: string) => {
      const t = performance.now();
      db.exec(sql);
      if (process.env.BENCH_BUILD_TRACE) process.stderr.write(`${label} ${(performance.now() - t).toFixed(0)} ms\n`);
    };
    db.transaction(() => {
      T('disputes', `
        INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at)
        SELECT g.id, 'AE-' || g.i, g.seller, g.status, '2024-05.1', '1', g.due - ${DAY},
          CASE WHEN t.d1 IS NULL THEN NULL ELSE g.due END,
          replace(replace(replace(replace(t.snapshot, '${ID}', g.id), '${DUE_1}', g.due), '${DUE_2}', g.due + ${DAY}), '${OPENED}', g.due - ${DAY}),
          1, NULL, g.due - ${DAY}, g.due - ${DAY}
        FROM bench_gen g CROSS JOIN bench_tpl t ON t.status = g.status`);
      T('timers', `
        INSERT INTO timers (dispute_id, deadline, due_at)
        SELECT id, deadline, due_at FROM (
          SELECT g.id, t.d1 AS deadline, g.due AS due_at FROM bench_gen g CROSS JOIN bench_tpl t ON t.status = g.status WHERE t.d1 IS NOT NULL
          UNION ALL
          SELECT g.id, t.d2, g.due + ${DAY} FROM bench_gen g CROSS JOIN bench_tpl t ON t.status = g.status WHERE t.d2 IS NOT NULL)
        ORDER BY id, deadline`);
      T('events', `
        INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
        SELECT g.id, 1, 'DISPUTE_FILED', t.filed, 'api', g.due - ${DAY}, '${'0'.repeat(64)}', substr(g.id, 5) || substr(g.id, 5)
        FROM bench_gen g CROSS JOIN bench_tpl t ON t.status = g.status`);
      T('previews', `
        INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at)
        SELECT g.id, 1, 'change', replace(t.preview, '${ID}', g.id), g.due - ${DAY}
        FROM bench_gen g CROSS JOIN bench_tpl t ON t.status = g.status`);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  // Written without fsync: flush it now, or the store's first checkpoint pays for the whole file (3 s at 1 M).
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return (performance.now() - t0) / 1000;
}

/** Builds `n` disputes into a migrated PostgreSQL database, then ANALYZEs (as autovacuum would soon). Returns seconds. */
export async function buildPostgres(url: string, n: number, tpl: Template[], now: number): Promise<number> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE bench_tpl (status TEXT PRIMARY KEY, d1 TEXT, d2 TEXT, snapshot TEXT, preview TEXT, filed TEXT)');
    for (const t of tpl) await client.query('INSERT INTO bench_tpl VALUES ($1, $2, $3, $4, $5, $6)', [t.status, t.deadline1, t.deadline2, t.snapshot, t.preview, t.filed]);
    const hexId = `'dsp_' || ${MULTIPLIERS.map((m) => `lpad(to_hex((i * ${m} + 1) % 4294967296), 8, '0')`).join(' || ')}`;
    const gen = `WITH gen AS (SELECT i, ${genColumns(hexId, n, now)} FROM generate_series(0::bigint, ${n - 1}) AS i)`;
    await client.query('BEGIN');
    await client.query(`${gen}
      INSERT INTO disputes (id, external_id, seller_id, status, policy_version, machine_version, opened_at, next_due_at, snapshot, version, preview_digest, created_at, updated_at)
      SELECT g.id, 'AE-' || g.i, g.seller, g.status, '2024-05.1', '1', g.due - ${DAY},
        CASE WHEN t.d1 IS NULL THEN NULL ELSE g.due END,
        replace(replace(replace(replace(t.snapshot, '${ID}', g.id), '${DUE_1}', g.due::text), '${DUE_2}', (g.due + ${DAY})::text), '${OPENED}', (g.due - ${DAY})::text),
        1, NULL, g.due - ${DAY}, g.due - ${DAY}
      FROM gen g JOIN bench_tpl t ON t.status = g.status`);
    await client.query(`${gen}
      INSERT INTO timers (dispute_id, deadline, due_at)
      SELECT g.id, t.d1, g.due FROM gen g JOIN bench_tpl t ON t.status = g.status WHERE t.d1 IS NOT NULL
      UNION ALL
      SELECT g.id, t.d2, g.due + ${DAY} FROM gen g JOIN bench_tpl t ON t.status = g.status WHERE t.d2 IS NOT NULL`);
    await client.query(`${gen}
      INSERT INTO dispute_events (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
      SELECT g.id, 1, 'DISPUTE_FILED', t.filed, 'api', g.due - ${DAY}, '${'0'.repeat(64)}', substr(g.id, 5) || substr(g.id, 5)
      FROM gen g JOIN bench_tpl t ON t.status = g.status`);
    await client.query(`${gen}
      INSERT INTO dispute_previews (dispute_id, seq, kind, preview, at)
      SELECT g.id, 1, 'change', replace(t.preview, '${ID}', g.id), g.due - ${DAY}
      FROM gen g JOIN bench_tpl t ON t.status = g.status`);
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return (performance.now() - t0) / 1000;
}
