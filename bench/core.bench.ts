/**
 * Dispute core throughput.
 * 1. In-process: persisted transitions/s through the one command path, beside the raw SQLite
 *    rate of a transaction doing the same writes (snapshot update, log append, timer rows,
 *    outbox row) with precomputed values: the ratio is what XState + the path cost.
 * 2. HTTP: events/s and latency percentiles from a loopback load against `dispute start` in
 *    its own process (the load generator runs here, on the other core).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDisputeRepository } from '../src/store/sqlite/sqlite-dispute.repository.ts';
import { systemClock } from '../src/workflow/clock.ts';
import { DisputeWorkflow } from '../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../src/workflow/open-dispute.command.ts';
import { client } from '../test/helpers/http.ts';
import { disputeBody } from '../test/helpers/order.ts';
import { killHard, startServerProcess } from '../test/helpers/process.ts';

const TRACKING = { type: 'TRACKING_UPDATED' as const, tracking: { status: 'in_transit' as const } };

function timeFor(ms: number, step: () => void): { ops: number; seconds: number } {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) step();
    ops += 100;
  }
  return { ops, seconds: (performance.now() - start) / 1000 };
}

function inProcess(dir: string) {
  const store = new SqliteDisputeRepository(join(dir, 'bench.sqlite'));
  const wf = new DisputeWorkflow(store, systemClock);
  const ids = Array.from({ length: 200 }, () => wf.open(OpenDisputeSchema.parse(disputeBody())).row.id);
  let i = 0;
  const path = timeFor(3000, () => void wf.send(ids[i++ % ids.length]!, TRACKING));

  // The same writes, raw: a snapshot-sized JSON, one log row, two timer rows, one outbox row.
  const db = store.db;
  const snapshot = JSON.stringify(store.get(ids[0]!)!.snapshot);
  const up = db.prepare('UPDATE disputes SET snapshot = ?, version = version + 1, updated_at = ? WHERE id = ?');
  const seqOf = db.prepare('SELECT version FROM disputes WHERE id = ?').pluck();
  const log = db.prepare("INSERT INTO dispute_events VALUES (?, ?, 'RAW', ?, 'bench', ?, ?, ?)");
  const delT = db.prepare('DELETE FROM timers WHERE dispute_id = ?');
  const insT = db.prepare('INSERT INTO timers (dispute_id, deadline, due_at) VALUES (?, ?, ?)');
  const out = db.prepare("INSERT INTO outbox (dispute_id, seq, type, payload, created_at) VALUES (?, ?, 'raw', ?, ?)");
  const raw = db.transaction((id: string) => {
    const now = Date.now();
    up.run(snapshot, now, id);
    const seq = seqOf.get(id) as number;
    log.run(id, seq, '{"tracking":{"status":"in_transit"}}', now, 'x'.repeat(64), 'y'.repeat(64));
    delT.run(id);
    insT.run(id, 'first_response', now + 1);
    insT.run(id, 'solution', now + 2);
    out.run(id, seq, '{}', now);
  });
  let j = 0;
  const rawRate = timeFor(3000, () => raw.immediate(ids[j++ % ids.length]!));
  store.close();
  return { path: path.ops / path.seconds, raw: rawRate.ops / rawRate.seconds };
}

/** Loopback load with autocannon (its own HTTP parser keeps the generator off the critical path). */
async function overHttp(dir: string, seconds: number, connections: number) {
  const server = await startServerProcess({ DATA_DIR: join(dir, `http-${connections}`), UPLOADS_DIR: join(dir, 'up') });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await client(server.url).post('/api/disputes', disputeBody())).body.id);
    let n = 0;
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(TRACKING),
          setupRequest: (req) => ({ ...req, path: `/api/disputes/${ids[n++ % ids.length]}/events` }),
        },
      ],
    });
    return {
      rate: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
      requests: result.requests.total,
    };
  } finally {
    await killHard(server.child);
  }
}

export async function benchCore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispute-bench-'));
  try {
    const ip = inProcess(dir);
    console.log('== dispute core, in process (3 s each) ==');
    console.log(`raw SQLite transaction (same writes)  ${ip.raw.toFixed(0).padStart(8)} tx/s   (baseline)`);
    console.log(`persisted transitions (command path)  ${ip.path.toFixed(0).padStart(8)} /s     ratio ${(ip.path / ip.raw).toFixed(2)}  goal >= 0.50`);
    for (const c of [10, 25, 50]) {
      const h = await overHttp(dir, 5, c);
      console.log(`== HTTP events over loopback, ${c} connections, 5 s ==`);
      console.log(`${h.rate.toFixed(0)} events/s  p50 ${h.p50.toFixed(2)} ms  p99 ${h.p99.toFixed(2)} ms  errors ${h.errors}/${h.requests}  goal >= 3000/s at p99 <= 20 ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCore();
