/**
 * Every filter shape of the dispute list is an index range read in index order, no sort: the
 * plan's statements (as `listDisputes` builds them for each dialect) are EXPLAINed on a migrated
 * database. SQLite: the pinned index and no temp b-tree. PostgreSQL (whose plans depend on
 * statistics): with sequential scans and sorts priced out, the plan still has no Sort and no
 * Seq Scan — an index serves the order. (Timings at 100 k: bench/queue.bench.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { listDisputes, type ListDialect } from '../../src/store/dispute-list-plan.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { pgListDialect } from '../../src/store/postgres/pg-dispute.repository.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { sqliteListDialect } from '../../src/store/sqlite/sqlite-dispute.repository.ts';
import type { ListCursor, ListFilter } from '../../src/store/store.port.ts';
import { onPostgres, testDatabaseUrl } from '../helpers/test-store.ts';

const T = 1_800_000_000_000;
const CURSORS: Array<ListCursor | undefined> = [undefined, { id: 'dsp_1', dueAt: T }, { id: 'dsp_1', dueAt: null }];

/** The queue's filter shapes (urgency order), each read from the start and after both kinds of cursor. */
const URGENCY: Array<[string, Omit<ListFilter, 'limit' | 'order'>, string]> = [
  ['no filter', {}, 'disputes_due'],
  ['status', { status: 'negotiating' }, 'disputes_status_due'],
  ['several statuses', { status: ['negotiating', 'in_arbitration', 'resolved'] }, 'disputes_status_due'],
  ['seller', { sellerId: 'seller-1' }, 'disputes_seller_due'],
  ['seller + statuses', { sellerId: 'seller-1', status: ['negotiating', 'resolved'] }, 'disputes_seller_due'],
  ['needs review', { needsReview: true }, 'disputes_review_due'],
  ['needs review + status', { needsReview: true, status: 'in_arbitration' }, 'disputes_review_due'],
  ['no review needed + status', { needsReview: false, status: 'awaiting_buyer' }, 'disputes_status_due'],
  ['favours', { favours: 'buyer' }, 'disputes_favours_due'],
  ['favours + status', { favours: 'seller', status: 'awaiting_buyer' }, 'disputes_status_due'],
  ['due soon', { dueBefore: T }, 'disputes_due'],
  ['due soon + status', { dueBefore: T, status: 'awaiting_solution' }, 'disputes_status_due'],
  ['due soon + seller + review', { dueBefore: T, sellerId: 'seller-1', needsReview: true }, 'disputes_seller_due'],
];
/** The id-ordered list (as it always was; the queue's filters are refused in it): its own indexes, from the start and after an id. */
const BY_ID: Array<[string, Omit<ListFilter, 'limit' | 'order'>]> = [
  ['no filter', {}],
  ['status', { status: 'negotiating' }],
  ['several statuses', { status: ['negotiating', 'resolved'] }],
  ['seller', { sellerId: 'seller-1' }],
];

/** Every statement a list runs, with `explain` in place of running it (an empty answer: both urgency ranges are read). */
async function statementsOf(f: ListFilter, dialect: ListDialect, explain: (sql: string, args: unknown[]) => Promise<string>): Promise<string[]> {
  const plans: string[] = [];
  await listDisputes(f, { ...dialect, run: async (sql, args) => (plans.push(await explain(sql, args)), []) });
  return plans;
}

function* shapes(): Generator<{ name: string; f: ListFilter; index?: string }> {
  for (const [name, filter, index] of URGENCY) {
    for (const after of CURSORS) {
      if (after?.dueAt === null && filter.dueBefore !== undefined) continue; // no undated dispute is due
      yield { name: `${name}, after ${JSON.stringify(after ?? null)}`, f: { ...filter, order: 'urgency', after, limit: 51 }, index };
    }
  }
  for (const [name, filter] of BY_ID) {
    for (const after of [undefined, { id: 'dsp_1' }]) yield { name: `by id: ${name}, after ${JSON.stringify(after ?? null)}`, f: { ...filter, order: 'id', after, limit: 51 } };
  }
}

test('SQLite: every list shape reads its index in order, no temp b-tree', { skip: onPostgres }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-plans-'));
  const file = join(dir, 'disputes.sqlite');
  await new SqliteStore(file).close();
  const db = new Database(file, { readonly: true });
  try {
    const explain = async (sql: string, args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    for (const { name, f, index } of shapes()) {
      const plans = await statementsOf(f, sqliteListDialect(db), explain);
      assert.ok(plans.length > 0, name);
      for (const plan of plans) {
        assert.doesNotMatch(plan, /TEMP B-TREE/, `${name}: ${plan}`);
        assert.match(plan, index ? new RegExp(`USING (COVERING )?INDEX ${index}\\b`) : /USING (COVERING |PRIMARY KEY )?INDEX|USING INTEGER PRIMARY KEY/, `${name}: ${plan}`);
      }
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: every list shape has an index that serves its order, no Sort', { skip: !onPostgres }, async () => {
  const url = (await testDatabaseUrl())!;
  await (await openPostgresStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Price sorts and sequential scans out: a Sort left in the plan means no index gives the order.
    await client.query('SET enable_seqscan = off');
    await client.query('SET enable_sort = off');
    const explain = async (sql: string, args: unknown[]) =>
      (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, args)).rows.map((r) => r['QUERY PLAN'].trim()).join('; ');
    for (const { name, f } of shapes()) {
      const plans = await statementsOf(f, pgListDialect(client), explain);
      assert.ok(plans.length > 0, name);
      for (const plan of plans) {
        assert.doesNotMatch(plan, /\bSort\b|Seq Scan/, `${name}: ${plan}`);
        assert.match(plan, /Index (Only )?Scan/, `${name}: ${plan}`);
      }
    }
  } finally {
    await client.end();
  }
});
