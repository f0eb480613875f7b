/**
 * How a dispute list becomes SQL, for both dialects: every page is one or a few index range
 * scans read in index order (no sort in the database), so a page costs the same at 1 k and at
 * 100 k disputes (bench/queue.bench.ts).
 *
 * Urgency order is next_due_at ascending, disputes without a deadline last, ties by id. SQLite
 * sorts NULL first and PostgreSQL last, and a keyset condition that crosses from dated rows to
 * undated ones is an OR no index serves, so a page is read in two ranges of the same index:
 * the dated rows after the cursor, then (only when the page is not full yet) the undated ones.
 * A cursor with `dueAt: null` starts in the second range.
 *
 * The index a range runs on is chosen by the most selective filter (the others filter rows
 * inside the range): seller (~200 disputes each) → needs review (a partial index: few rows) →
 * status → favours → none. Several statuses on the status index are one range per status,
 * merged here (each returns at most a page: at most 6 × 51 rows are merged, in memory).
 *
 *   const rows = await listDisputes({ status: ['negotiating', 'in_arbitration'], order: 'urgency', limit: 51 }, dialect);
 */
import type { DisputeSummaryRow, ListCursor, ListFilter } from './store.port.ts';

/** What a dialect lends the plan: its placeholders, its index hint, and a way to run a statement. */
export interface ListDialect {
  /** The columns of a summary row. */
  columns: string;
  /** The n-th (1-based) parameter: `?` on SQLite, `$n` on PostgreSQL. */
  placeholder: (n: number) => string;
  /** Pins the index the plan chose (SQLite `INDEXED BY`); '' where the planner picks alone (PostgreSQL). */
  indexHint: (index: string) => string;
  run: (sql: string, args: unknown[]) => Promise<DisputeSummaryRow[]>;
}

/** One range's filters: a single status or none, or (when another index leads) several. */
interface Range {
  statuses: readonly string[];
  f: ListFilter;
}

class Statement {
  readonly args: unknown[] = [];
  readonly where: string[] = [];
  constructor(private readonly placeholder: (n: number) => string) {}
  param(value: unknown): string {
    this.args.push(value);
    return this.placeholder(this.args.length);
  }
  and(condition: string): this {
    this.where.push(condition);
    return this;
  }
  sql(columns: string, from: string, orderBy: string, limit: number): string {
    return `SELECT ${columns} FROM ${from}${this.where.length ? ' WHERE ' + this.where.join(' AND ') : ''} ORDER BY ${orderBy} LIMIT ${this.param(limit)}`;
  }
}

/** The filters every range shares (status, seller, review, side). */
function filtered(r: Range, placeholder: ListDialect['placeholder']): Statement {
  const s = new Statement(placeholder);
  const { f } = r;
  if (r.statuses.length === 1) s.and(`status = ${s.param(r.statuses[0])}`);
  if (r.statuses.length > 1) s.and(`status IN (${r.statuses.map((v) => s.param(v)).join(', ')})`);
  // Truthiness as before: an empty seller or side filters nothing.
  if (f.sellerId) s.and(`seller_id = ${s.param(f.sellerId)}`);
  // Written exactly as the partial index's condition, so both planners see the index applies.
  if (f.needsReview === true) s.and('needs_review > 0');
  if (f.needsReview === false) s.and('needs_review = 0');
  if (f.favours) s.and(`favours = ${s.param(f.favours)}`);
  return s;
}

/** The urgency index the range runs on (migration 012). */
function urgencyIndex(r: Range): string {
  if (r.f.sellerId) return 'disputes_seller_due';
  if (r.f.needsReview === true) return 'disputes_review_due';
  if (r.statuses.length === 1) return 'disputes_status_due';
  if (r.f.favours) return 'disputes_favours_due';
  return 'disputes_due';
}

async function byUrgency(r: Range, d: ListDialect): Promise<DisputeSummaryRow[]> {
  const { f } = r;
  const from = `disputes ${d.indexHint(urgencyIndex(r))}`;
  const after = f.after;
  if (after && after.dueAt === undefined) throw new Error('an urgency-ordered list continues from a cursor with dueAt (a number, or null among undated disputes)');
  const rows: DisputeSummaryRow[] = [];
  if (after?.dueAt !== null) {
    const s = filtered(r, d.placeholder).and('next_due_at IS NOT NULL');
    if (f.dueBefore !== undefined) s.and(`next_due_at <= ${s.param(f.dueBefore)}`);
    if (after) s.and(`(next_due_at, id) > (${s.param(after.dueAt)}, ${s.param(after.id)})`);
    rows.push(...(await d.run(s.sql(d.columns, from, 'next_due_at, id', f.limit), s.args)));
  }
  // No undated dispute is ever due.
  if (rows.length < f.limit && f.dueBefore === undefined) {
    const s = filtered(r, d.placeholder).and('next_due_at IS NULL');
    if (after?.dueAt === null) s.and(`id > ${s.param(after.id)}`);
    rows.push(...(await d.run(s.sql(d.columns, from, 'next_due_at, id', f.limit - rows.length), s.args)));
  }
  return rows;
}

async function byId(r: Range, d: ListDialect): Promise<DisputeSummaryRow[]> {
  const s = filtered(r, d.placeholder);
  if (r.f.after) s.and(`id > ${s.param(r.f.after.id)}`);
  return d.run(s.sql(d.columns, 'disputes', 'id', r.f.limit), s.args);
}

export const isUrgencyOrder = (f: Pick<ListFilter, 'order' | 'dueBefore'>): boolean => f.dueBefore !== undefined || f.order === 'urgency';

/** Compares two rows in a list's order (ids compare bytewise in both stores, as in JavaScript for ASCII ids). */
export function listOrder(urgency: boolean): (a: DisputeSummaryRow, b: DisputeSummaryRow) => number {
  const byId = (a: DisputeSummaryRow, b: DisputeSummaryRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (!urgency) return byId;
  return (a, b) => (a.nextDueAt ?? Infinity) - (b.nextDueAt ?? Infinity) || byId(a, b);
}

/** Where a page that ended at `row` continues, in the list's order. */
export function cursorAfter(row: DisputeSummaryRow, urgency: boolean): ListCursor {
  return urgency ? { id: row.id, dueAt: row.nextDueAt } : { id: row.id };
}

/** A page of `f`: one range per status when the status index leads, merged in order. */
export async function listDisputes(f: ListFilter, d: ListDialect): Promise<DisputeSummaryRow[]> {
  const statuses = [...new Set(typeof f.status === 'string' ? [f.status] : (f.status ?? []))].filter(Boolean);
  const urgency = isUrgencyOrder(f);
  const statusLeads = !f.sellerId && f.needsReview !== true;
  const ranges: Range[] = statusLeads && statuses.length > 1 ? statuses.map((s) => ({ statuses: [s], f })) : [{ statuses, f }];
  const read = urgency ? byUrgency : byId;
  const pages = await Promise.all(ranges.map((r) => read(r, d)));
  if (pages.length === 1) return pages[0]!;
  return pages.flat().sort(listOrder(urgency)).slice(0, f.limit);
}
