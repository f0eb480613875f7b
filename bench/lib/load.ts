/**
 * Load shapes and machine readings shared by the benchmarks.
 *
 *   const r = await closedLoop({ inFlight: 64, durationMs: 2000 }, (i) => send(i));   // r.rate ops/s
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface LoadResult {
  ops: number;
  seconds: number;
  rate: number;
  /** Share of both cores busy during the run (whole machine, from /proc/stat). */
  cpu: number;
}

/**
 * Keeps `inFlight` operations running until `durationMs` has passed or `count` were started;
 * `op(i)` gets a global sequence number. A failed operation fails the run.
 */
export async function closedLoop(opts: { inFlight: number; durationMs?: number; count?: number }, op: (i: number) => Promise<void>): Promise<LoadResult> {
  const cpu0 = cpuTimes();
  const start = performance.now();
  const end = opts.durationMs === undefined ? Infinity : start + opts.durationMs;
  const limit = opts.count ?? Infinity;
  let next = 0;
  let ops = 0;
  await Promise.all(
    Array.from({ length: opts.inFlight }, async () => {
      while (next < limit && performance.now() < end) {
        await op(next++);
        ops++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ops, seconds, rate: ops / seconds, cpu: busyShare(cpu0, cpuTimes()) };
}

/** Runs `fn` alternately with `other` so drift (caches, table growth, a neighbour's load) hits both sides alike. */
export async function alternate<T>(rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const ra: T[] = [];
  const rb: T[] = [];
  for (let r = 0; r < rounds; r++) {
    ra.push(await a());
    rb.push(await b());
  }
  return { a: ra, b: rb };
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** The machine's cumulative CPU ticks (all cores): busy and total. */
export function cpuTimes(): CpuTimes {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Busy share of all cores between two readings (0..1). */
export const busyShare = (a: CpuTimes, b: CpuTimes): number => (b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0);

/** Total ops/s of several rounds (ops summed over time summed). */
export const pooledRate = (rs: readonly LoadResult[]): number => rs.reduce((s, r) => s + r.ops, 0) / rs.reduce((s, r) => s + r.seconds, 0);

/** Linux clock ticks per second (`getconf CLK_TCK`; 100 on every kernel we run on). */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used; 0 when it is gone. */
function processSeconds(pid: number): number {
  try {
    // After "(comm)" the fields start at state (3rd); utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by `pids` and by every process named `postgres`. */
export function cpuSeconds(pids: readonly number[]): { pids: number; postgres: number } {
  let postgres = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') postgres += processSeconds(Number(d));
    } catch {
      /* exited meanwhile */
    }
  }
  return { pids: pids.reduce((s, p) => s + processSeconds(p), 0), postgres };
}
