import './lib/quiet.ts';
/**
 * Persisted transitions/s in process, through the one command path
 * (`workflow.execute({ type: 'send', … TRACKING_UPDATED … })`), on SQLite (a file in a temp
 * dir) and on PostgreSQL (embedded server, fresh database), each beside a raw baseline that
 * issues exactly the statements the path issues for that command (see lib/raw-baseline.ts).
 * The statements of both sides are counted (a short counted pass before the timed rounds)
 * and printed side by side. 64 commands in flight over 200 varied disputes, so SQLite's group
 * commit and the PostgreSQL pool both fill; path and raw rounds alternate on the same store.
 * On SQLite one extra round per side times its COMMITs: where the database's own time goes.
 * Goal: path / raw ≥ 0.6 on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../src/store/store.port.ts';
import { freshDatabase, startPostgres } from '../test/helpers/postgres.ts';
import { commandPath } from './lib/command-path.ts';
import { IN_FLIGHT } from './lib/disputes.ts';
import { alternate, closedLoop, pooledRate, type LoadResult } from './lib/load.ts';
import { isMain } from './lib/quiet.ts';
import { rawPostgres, rawSqlite } from './lib/raw-baseline.ts';
import { fmtMs, fmtRate, fmtRatio, fmtUs, median, out, percentile, table, verdict } from './lib/report.ts';
import { compareTallies, countPgStatements, countSqliteStatements, shortSql, timeSqliteExec, type Tally } from './lib/statements.ts';

/** Commands in the counted pass (10 group commits of 64 on SQLite). */
const COUNTED = 640;
const WARMUP_MS = 800;
const ROUND_MS = 1_500;
const ROUNDS = 3;

type Op = (i: number) => Promise<void>;

interface Side {
  rate: number;
  rounds: LoadResult[];
  tally: Tally;
  /** SQLite only: COMMIT durations (ms) and commands over one extra round. */
  commits?: { ms: number[]; commands: number; seconds: number };
}

const DIAGNOSTIC_MS = 1_500;

/** Counts one side's statements over COUNTED commands (the counters are off again before any timing). */
async function counted(count: () => { tally: Tally; stop(): void }, op: Op, offset: number): Promise<Tally> {
  const c = count();
  try {
    await closedLoop({ inFlight: IN_FLIGHT, count: COUNTED }, (i) => op(offset + i));
  } finally {
    c.stop();
  }
  return c.tally;
}

/** Counted pass, warm-up, ROUNDS alternating timed rounds of path and raw; on SQLite one more round each timing its COMMITs. */
async function measure(count: () => { tally: Tally; stop(): void }, path: Op, raw: Op, timeCommits = false): Promise<{ path: Side; raw: Side }> {
  // One sequence number for both sides, so every command continues its dispute's alternation.
  let seq = 0;
  const run = (op: Op, opts: { durationMs?: number; count?: number }) => {
    const base = seq;
    return closedLoop({ inFlight: IN_FLIGHT, ...opts }, (i) => op(base + i)).then((r) => ((seq += r.ops), r));
  };
  const pathTally = await counted(count, path, seq);
  seq += COUNTED;
  const rawTally = await counted(count, raw, seq);
  seq += COUNTED;
  await run(path, { durationMs: WARMUP_MS });
  await run(raw, { durationMs: WARMUP_MS });
  const r = await alternate(ROUNDS, () => run(path, { durationMs: ROUND_MS }), () => run(raw, { durationMs: ROUND_MS }));
  const commits = async (op: Op) => {
    if (!timeCommits) return undefined;
    const t = timeSqliteExec();
    try {
      const d = await run(op, { durationMs: DIAGNOSTIC_MS });
      return { ms: t.ms.get('COMMIT') ?? [], commands: d.ops, seconds: d.seconds };
    } finally {
      t.stop();
    }
  };
  return {
    path: { rate: pooledRate(r.a), rounds: r.a, tally: pathTally, commits: await commits(path) },
    raw: { rate: pooledRate(r.b), rounds: r.b, tally: rawTally, commits: await commits(raw) },
  };
}

async function onSqlite(dir: string) {
  const file = join(dir, 'core.sqlite');
  const store: Store = new SqliteStore(file);
  try {
    const p = await commandPath(store);
    const raw = await rawSqlite(store, file, p.ids);
    try {
      return await measure(countSqliteStatements, p.send, raw.send, true);
    } finally {
      raw.close();
    }
  } finally {
    await store.close();
  }
}

async function onPostgres() {
  const server = await startPostgres();
  try {
    const url = await freshDatabase(server.url);
    const store = await openPostgresStore(url);
    try {
      const p = await commandPath(store);
      const raw = await rawPostgres(store, url, p.ids);
      try {
        return await measure(countPgStatements, p.send, raw.send);
      } finally {
        await raw.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

function print(name: string, m: { path: Side; raw: Side }, goal?: number) {
  const cmp = compareTallies(m.path.tally, COUNTED, m.raw.tally, COUNTED);
  const ratio = m.path.rate / m.raw.rate;
  const rounds = (s: Side) => s.rounds.map((r) => Math.round(r.rate)).join(' / ');
  const commitNote = (label: string, s: Side) => {
    const c = s.commits;
    if (!c?.ms.length) return [];
    const total = c.ms.reduce((a, b) => a + b, 0);
    return [
      `${label}: ${c.ms.length} COMMITs of ~${Math.round(c.commands / c.ms.length)} commands; COMMIT p50 ${fmtMs(median(c.ms))}, p99 ${fmtMs(percentile(c.ms, 99))}, max ${fmtMs(Math.max(...c.ms))}; ` +
        `${fmtUs((total * 1000) / c.commands)} of each command's ${fmtUs((c.seconds * 1e6) / c.commands)} is spent in COMMIT`,
    ];
  };
  table(
    `core: persisted transitions in process, ${name} (${IN_FLIGHT} in flight, 200 disputes, ${ROUNDS}×${ROUND_MS / 1000} s alternating)`,
    ['side', 'rate', 'rounds (/s)', 'machine busy', 'statements/command', 'ratio'],
    [
      ['raw baseline (same statements)', fmtRate(m.raw.rate), rounds(m.raw), `${Math.round(m.raw.rounds[0]!.cpu * 100)} %`, cmp.rawTotal.toFixed(2), '1.00× (baseline)'],
      ['command path (workflow.execute)', fmtRate(m.path.rate), rounds(m.path), `${Math.round(m.path.rounds[0]!.cpu * 100)} %`, cmp.pathTotal.toFixed(2), fmtRatio(ratio)],
    ],
    [
      ...(goal === undefined ? [] : [`goal: path / raw ≥ ${goal}: ${verdict(ratio >= goal)}`]),
      'machine busy: both cores, I/O wait not counted',
      ...commitNote('raw', m.raw),
      ...commitNote('path', m.path),
    ],
  );
  table(
    `core: statements per command, ${name} (counted over ${COUNTED} commands each; ${cmp.same ? 'same statements on both sides' : 'THE SIDES DIFFER'})`,
    ['statement', 'path', 'raw'],
    cmp.rows.map((r) => [shortSql(r.sql), r.path.toFixed(3), r.raw.toFixed(3)]),
  );
}

export async function benchCore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-core-'));
  try {
    print('SQLite (WAL, synchronous=NORMAL, group commit)', await onSqlite(dir), 0.6);
    print('PostgreSQL (embedded, fsync off, pool 10)', await onPostgres());
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchCore();
