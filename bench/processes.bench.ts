import './lib/quiet.ts';
/**
 * Two processes on PostgreSQL: events/s with two `dispute start` processes on one fresh
 * database, the load split across both (half the connections each, every dispute reachable
 * through either, so their rows are contended across processes as behind a load balancer),
 * beside one process on another fresh database under the same total load.
 * On this 2-core machine the servers, PostgreSQL and the load generator share both cores;
 * the CPU column says how busy the machine was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, startPostgres } from '../test/helpers/postgres.ts';
import { killHard, startServerProcess } from '../test/helpers/process.ts';
import { httpLoad, seedOverHttp, type HttpFigures } from './lib/http-load.ts';
import { isMain } from './lib/quiet.ts';
import { fmtInt, fmtMs, fmtRate, fmtRatio, out, table } from './lib/report.ts';

const CONNECTIONS = 24;
const SECONDS = 5;

/** `n` servers on one fresh database: seeded through the first, warmed, then loaded for SECONDS. */
async function cluster(serverUrl: string, dir: string, n: number): Promise<HttpFigures> {
  const databaseUrl = await freshDatabase(serverUrl);
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: join(dir, `data-${n}`), UPLOADS_DIR: join(dir, `uploads-${n}`) };
  const procs = [];
  try {
    for (let i = 0; i < n; i++) procs.push(await startServerProcess(env));
    const ids = await seedOverHttp(procs[0]!.url);
    const targets = procs.map((p) => ({ url: p.url, connections: CONNECTIONS / n, pid: p.child.pid! }));
    await httpLoad(targets, ids, 1);
    return await httpLoad(targets, ids, SECONDS);
  } finally {
    await Promise.all(procs.map((p) => killHard(p.child)));
  }
}

export async function benchProcesses(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-processes-'));
  const pg = await startPostgres();
  try {
    const one = await cluster(pg.url, dir, 1);
    const two = await cluster(pg.url, dir, 2);
    const cores = (r: HttpFigures) => `${r.cores.servers.toFixed(2)} / ${r.cores.postgres.toFixed(2)} / ${r.cores.generator.toFixed(2)}`;
    const row = (name: string, r: HttpFigures) => [name, fmtRate(r.rate), fmtRatio(r.rate / one.rate), fmtMs(r.p50), fmtMs(r.p99), `${r.errors}/${fmtInt(r.requests)}`, cores(r), `${Math.round(r.cpu * 100)} %`];
    table(
      `processes: HTTP events on PostgreSQL (embedded, fsync off), ${CONNECTIONS} connections in all, ${SECONDS} s`,
      ['servers', 'events/s', 'vs one', 'p50', 'p99', 'errors', 'cores: servers / postgres / load', 'machine (2 cores)'],
      [row('one process', one), row(`two processes (${CONNECTIONS / 2} connections each)`, two)],
    );
    out();
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchProcesses();
