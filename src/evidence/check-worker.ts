/**
 * A pool thread: runs `runChecks` for the pool, one job at a time, keeping zxing and the OCR
 * worker warm between jobs. `findReuse` lives on the main thread (it reads the store), so the
 * thread asks for it by message. Messages are typed in check-pool.messages.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { ReuseHit } from './check.ts';
import type { PoolRequest, WorkerMessage } from './check-pool.messages.ts';
import { closeExiftool } from './media/exiftool.ts';
import { closeReaders } from './media/readers.ts';
import { loadSharp } from './media/sharp-lib.ts';
import { runChecks } from './run-checks.ts';

const port = parentPort;
if (!port) throw new Error('check-worker.ts must run as a worker thread');

// A pool thread checks photos too: libvips loads with the thread, as it did when the check
// modules imported sharp, not inside the first photo's check (140-155 ms). A failure to load
// surfaces in the check that needs sharp.
loadSharp().catch(() => undefined);

const aborts = new Map<number, AbortController>();
const reuseWaiters = new Map<number, (hits: ReuseHit[]) => void>();
let nextReq = 0;
const send = (m: WorkerMessage) => port.postMessage(m);

port.on('message', async (msg: PoolRequest) => {
  if (msg.type === 'abort') return aborts.get(msg.jobId)?.abort();
  if (msg.type === 'reuse') return reuseWaiters.get(msg.reqId)?.(msg.hits);
  if (msg.type === 'close') {
    await Promise.all([closeReaders(), closeExiftool()]);
    return port.close();
  }
  const { jobId, path, kind, ctx, hasReuse, timeoutMs } = msg;
  const abort = new AbortController();
  aborts.set(jobId, abort);
  try {
    const report = await runChecks(path, kind, {
      ...ctx,
      signal: abort.signal,
      ...(hasReuse
        ? {
            findReuse: (sha256: string, phash: string | undefined) =>
              new Promise<ReuseHit[]>((resolve) => {
                const reqId = nextReq++;
                reuseWaiters.set(reqId, (hits) => {
                  reuseWaiters.delete(reqId);
                  resolve(hits);
                });
                send({ type: 'findReuse', jobId, reqId, sha256, phash });
              }),
          }
        : {}),
    }, { timeoutMs });
    send({ type: 'done', jobId, report });
  } catch (e) {
    send({ type: 'failed', jobId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    aborts.delete(jobId);
  }
});
