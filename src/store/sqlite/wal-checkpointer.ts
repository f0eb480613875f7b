import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * A worker thread with its own connection that checkpoints the WAL every 100 ms (PASSIVE:
 * it never waits for or blocks the writer). It runs as CommonJS from a string, so it needs
 * no build step and no tsx in either mode.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
// By path: an eval'd thread resolves bare names from the process's working directory, not from here.
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round tries again */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves WAL checkpoints off the event loop. With SQLite's automatic checkpoint, the COMMIT
 * that crosses 1,000 WAL pages copies them into the database and fsyncs, on the event loop:
 * a COMMIT p99 of ~40 ms and an HTTP p99 of 27–38 ms at 10 connections. With
 * `wal_autocheckpoint = 0` on the writer and this thread checkpointing, COMMIT p99 fell to
 * ~3 ms and HTTP p99 to 17–19 ms (bench/core.bench.ts, bench/http.bench.ts).
 *
 *   const stop = startWalCheckpointer('data/disputes.sqlite', (err) => log.warn({ err }));  …  await stop();
 */
export function startWalCheckpointer(file: string, onError: (err: Error) => void, everyMs = 100): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, everyMs, driver } });
  // A thread that fails must not take the service down: the caller falls back to automatic checkpoints.
  worker.on('error', onError);
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return () => {
    worker.ref(); // keep the process up until the thread has closed its connection
    worker.postMessage('stop');
    return exited;
  };
}
