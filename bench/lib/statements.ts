/**
 * Statement counters, for the benchmarks only: while on, every statement better-sqlite3 or
 * node-postgres sends is tallied by its SQL text (whitespace collapsed), so a raw baseline
 * can be shown to issue exactly what the command path issues. Turned off before timing
 * (the wrappers cost a little on every call).
 *
 *   const c = countSqliteStatements();
 *   await runSomeCommands();
 *   c.stop();   // c.tally: Map { 'SELECT * FROM disputes WHERE id = ?' => 640, … }
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export type Tally = Map<string, number>;

export const normalizeSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

const bump = (tally: Tally, sql: string) => tally.set(normalizeSql(sql), (tally.get(normalizeSql(sql)) ?? 0) + 1);

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `names` on `proto` with counting wrappers; returns the undo. */
function wrap(proto: Record<string, unknown>, names: string[], sqlOf: (self: unknown, args: unknown[]) => string, tally: Tally): () => void {
  const originals = names.map((n) => [n, proto[n] as Fn] as const);
  for (const [name, original] of originals) {
    proto[name] = function (this: unknown, ...args: unknown[]) {
      bump(tally, sqlOf(this, args));
      return original.apply(this, args);
    };
  }
  return () => {
    for (const [name, original] of originals) proto[name] = original;
  };
}

/** Counts better-sqlite3 statements on every connection: prepared (run/get/all/iterate) and `exec` (BEGIN, SAVEPOINT…). */
export function countSqliteStatements(): { tally: Tally; stop(): void } {
  const tally: Tally = new Map();
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const undoStatements = wrap(statementProto, ['run', 'get', 'all', 'iterate'], (self) => (self as { source: string }).source, tally);
  const undoExec = wrap(Database.prototype as unknown as Record<string, unknown>, ['exec'], (_self, args) => String(args[0]), tally);
  return {
    tally,
    stop() {
      undoStatements();
      undoExec();
    },
  };
}

/** Counts node-postgres queries on every client (pooled ones included: the pool's `query` goes through them). */
export function countPgStatements(): { tally: Tally; stop(): void } {
  const tally: Tally = new Map();
  const sqlOf = (_self: unknown, args: unknown[]) => {
    const q = args[0];
    return typeof q === 'string' ? q : String((q as { text?: string }).text ?? q);
  };
  const undo = wrap(pg.Client.prototype as unknown as Record<string, unknown>, ['query'], sqlOf, tally);
  return { tally, stop: undo };
}

/** Statements per command on each side, by SQL text; `same` when both sides issued the same multiset. */
export function compareTallies(path: Tally, pathCommands: number, raw: Tally, rawCommands: number) {
  const keys = [...new Set([...path.keys(), ...raw.keys()])];
  const rows = keys.map((sql) => ({ sql, path: (path.get(sql) ?? 0) / pathCommands, raw: (raw.get(sql) ?? 0) / rawCommands }));
  const total = (t: Tally, n: number) => [...t.values()].reduce((a, b) => a + b, 0) / n;
  const same = rows.every((r) => Math.abs(r.path - r.raw) < 0.02);
  return { rows, pathTotal: total(path, pathCommands), rawTotal: total(raw, rawCommands), same };
}

/** A statement shortened for a table cell. */
export const shortSql = (sql: string, max = 78): string => (sql.length > max ? `${sql.slice(0, max - 1)}…` : sql);

/**
 * Times better-sqlite3 `exec` calls (BEGIN, SAVEPOINT, RELEASE, COMMIT) on every connection,
 * by first word, until `stop()`: where a group commit's time goes.
 */
export function timeSqliteExec(): { ms: Map<string, number[]>; stop(): void } {
  const ms = new Map<string, number[]>();
  const proto = Database.prototype as unknown as Record<string, unknown>;
  const original = proto.exec as Fn;
  proto.exec = function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const word = String(args[0]).split(' ', 1)[0]!;
      let list = ms.get(word);
      if (!list) ms.set(word, (list = []));
      list.push(performance.now() - t);
    }
  };
  return { ms, stop: () => void (proto.exec = original) };
}
