/**
 * Loopback HTTP load on `dispute start` processes with autocannon (its own HTTP parser keeps
 * the generator cheap; it runs in the bench process, the servers in theirs). Every request is
 * `POST /api/disputes/:id/events` with the next tracking event of a dispute (lib/disputes.ts),
 * the disputes taken in turn; latencies are collected per response, so the percentiles of
 * several targets loaded at once are exact.
 *
 *   const ids = await seedOverHttp(server.url);
 *   const r = await httpLoad([{ url: server.url, connections: 25 }], ids, 5);   // r.rate, r.p99
 */
import autocannon from 'autocannon';
import { client } from '../../test/helpers/http.ts';
import { busyShare, cpuSeconds, cpuTimes } from './load.ts';
import { DISPUTES, seedDisputes, trackingEvent } from './disputes.ts';
import { percentile } from './report.ts';

export interface HttpFigures {
  rate: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  /** Share of both cores busy (whole machine). */
  cpu: number;
  /** Cores used by the server processes, by PostgreSQL and by this (load-generating) process. */
  cores: { servers: number; postgres: number; generator: number };
}

/** Files DISPUTES varied disputes through the API and moves each to its stage. */
export function seedOverHttp(url: string, count = DISPUTES): Promise<string[]> {
  const api = client(url);
  return seedDisputes(
    async (body) => {
      const r = await api.post('/api/disputes', body);
      if (r.status !== 201) throw new Error(`open: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    },
    async (id, event) => {
      const r = await api.post(`/api/disputes/${id}/events`, event);
      if (r.status !== 200) throw new Error(`event: ${r.status} ${JSON.stringify(r.body)}`);
    },
    count,
  );
}

/** Loads every target at once for `seconds`, spreading requests over `ids` in turn; `pid`: the server's, for its CPU. */
export async function httpLoad(targets: Array<{ url: string; connections: number; pid?: number }>, ids: readonly string[], seconds: number): Promise<HttpFigures> {
  let n = 0;
  const latencies: number[] = [];
  let errors = 0;
  const pids = targets.flatMap((t) => (t.pid === undefined ? [] : [t.pid]));
  const cpu0 = cpuTimes();
  const own0 = process.cpuUsage();
  const secs0 = cpuSeconds(pids);
  const start = performance.now();
  const results = await Promise.all(
    targets.map(
      (t) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: t.url,
              connections: t.connections,
              duration: seconds,
              requests: [
                {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  setupRequest: (req) => {
                    const i = n++;
                    return { ...req, path: `/api/disputes/${ids[i % ids.length]}/events`, body: JSON.stringify(trackingEvent(i, ids.length)) };
                  },
                },
              ],
            },
            (err: unknown, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
          );
          instance.on('response', (_client, statusCode, _bytes, ms) => {
            latencies.push(ms);
            if (statusCode < 200 || statusCode >= 300) errors++;
          });
        }),
    ),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = busyShare(cpu0, cpuTimes());
  const own = process.cpuUsage(own0);
  const secs1 = cpuSeconds(pids);
  const cores = {
    servers: (secs1.pids - secs0.pids) / elapsed,
    postgres: (secs1.postgres - secs0.postgres) / elapsed,
    generator: (own.user + own.system) / 1e6 / elapsed,
  };
  errors += results.reduce((s, r) => s + r.errors + r.timeouts, 0);
  const ok = latencies.length - results.reduce((s, r) => s + r.non2xx, 0);
  return { rate: ok / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.reduce((a, b) => Math.max(a, b), 0), requests: latencies.length, errors, cpu, cores };
}
