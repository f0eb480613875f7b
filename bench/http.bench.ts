import './lib/quiet.ts';
/**
 * HTTP events/s and latency at 10, 25 and 50 connections: `dispute start` (SQLite) in its own
 * process, autocannon here on the other core, every request a TRACKING_UPDATED that changes
 * its dispute (200 varied disputes, taken in turn). Beside it, the in-process rate of the same
 * command path measured in this run (64 in flight, lib/command-path.ts).
 * Goals: HTTP ≥ 0.7 of in-process at 25 connections; p99 ≤ 20 ms at 10.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { killHard, startServerProcess } from '../test/helpers/process.ts';
import { commandPath } from './lib/command-path.ts';
import { IN_FLIGHT } from './lib/disputes.ts';
import { httpLoad, seedOverHttp, type HttpFigures } from './lib/http-load.ts';
import { closedLoop, pooledRate, type LoadResult } from './lib/load.ts';
import { isMain } from './lib/quiet.ts';
import { fmtInt, fmtMs, fmtRate, fmtRatio, out, table, verdict } from './lib/report.ts';

const CONNECTIONS = [10, 25, 50];
const SECONDS = 5;
const WARMUP_SECONDS = 1;

/** The command path in process on a fresh SQLite file: 2 rounds of 1.5 s after a warm-up. */
async function inProcess(dir: string): Promise<{ rate: number; rounds: LoadResult[] }> {
  const store = new SqliteStore(join(dir, 'in-process.sqlite'));
  try {
    const p = await commandPath(store);
    let seq = 0;
    const run = async (ms: number) => {
      const base = seq;
      const r = await closedLoop({ inFlight: IN_FLIGHT, durationMs: ms }, (i) => p.send(base + i));
      seq += r.ops;
      return r;
    };
    await run(800);
    const rounds = [await run(1_500), await run(1_500)];
    return { rate: pooledRate(rounds), rounds };
  } finally {
    await store.close();
  }
}

export async function benchHttp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-http-'));
  try {
    const ip = await inProcess(dir);
    const server = await startServerProcess({ DATA_DIR: join(dir, 'server'), UPLOADS_DIR: join(dir, 'uploads') });
    const runs: Array<{ connections: number } & HttpFigures> = [];
    try {
      const ids = await seedOverHttp(server.url);
      const pid = server.child.pid!;
      await httpLoad([{ url: server.url, connections: 25, pid }], ids, WARMUP_SECONDS);
      for (const connections of CONNECTIONS) runs.push({ connections, ...(await httpLoad([{ url: server.url, connections, pid }], ids, SECONDS)) });
    } finally {
      await killHard(server.child);
    }
    const at25 = runs.find((r) => r.connections === 25)!;
    const at10 = runs.find((r) => r.connections === 10)!;
    table(
      `http: events over loopback, dispute start (SQLite) in its own process, ${SECONDS} s per row`,
      ['load', 'events/s', 'vs in-process', 'p50', 'p99', 'max', 'errors', 'server process', 'machine (2 cores)'],
      [
        [`in process, ${IN_FLIGHT} in flight (same run)`, fmtRate(ip.rate), '1.00×', '–', '–', '–', '0', '–', `${Math.round(ip.rounds[0]!.cpu * 100)} %`],
        ...runs.map((r) => [
          `HTTP, ${r.connections} connections`,
          fmtRate(r.rate),
          fmtRatio(r.rate / ip.rate),
          fmtMs(r.p50),
          fmtMs(r.p99),
          fmtMs(r.max),
          `${r.errors}/${fmtInt(r.requests)}`,
          `${r.cores.servers.toFixed(2)} cores`,
          `${Math.round(r.cpu * 100)} %`,
        ]),
      ],
      [
        `goal: HTTP ≥ 0.7 of in-process at 25 connections: ${verdict(at25.rate / ip.rate >= 0.7)} (${fmtRatio(at25.rate / ip.rate)})`,
        `goal: p99 ≤ 20 ms at 10 connections: ${verdict(at10.p99 <= 20)} (${fmtMs(at10.p99)})`,
      ],
    );
    out();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchHttp();
