/**
 * ffmpeg's frames, read by a thread of their own. A pipe holds 64-200 KB and a 1080p grey
 * frame is 2 MB, so when the thread that looks at frames also reads the pipe, ffmpeg waits
 * while a frame is looked at and the look waits while ffmpeg decodes: on the bench video
 * (36 keyframes) that serial loop spent about 8 ms a frame in each. Here a reader thread
 * (frame-reader.worker.cjs) drains the pipe as ffmpeg writes and hands each frame over
 * (transferred, not copied), up to FRAMES_AHEAD ahead, so decoding (one core: ffmpeg's keyframe
 * decode does not use a second thread) runs beside the looking (the other core).
 *
 * One reader thread per thread that reads video, started on first use (or by
 * `warmFrameReader()`) and kept: it took 50-100 ms to start on a busy 2-core machine. It holds
 * the process open only while a stream runs; `closeFrameReader()` ends it.
 */
import { Worker } from 'node:worker_threads';
import type { GrayImage } from './pgm.ts';

/** Frames decoded ahead of the reader: 3 × 2 MB at 1080p, 3 × 8.3 MB at 4K (the policy's largest). */
const FRAMES_AHEAD = 3;

type ReaderMessage =
  | { type: 'frame'; id: number; pgm: ArrayBuffer; headerLength: number; width: number; height: number }
  | { type: 'end'; id: number; code: number | null; stderr: string }
  | { type: 'failed'; id: number; message: string };

/** How a stream ended: ffmpeg's exit code and the tail of its stderr, or the reader's failure. */
export type StreamEnd = { code: number | null; stderr: string } | { failed: string };

interface Sink {
  frames: GrayImage[];
  end?: StreamEnd;
  wake?: () => void;
}

let reader: Worker | undefined;
let nextId = 1;
const sinks = new Map<number, Sink>();

function getReader(): Worker {
  if (reader) return reader;
  // execArgv: [] — plain Node: the thread runs CommonJS and needs no tsx (which would cost its start-up).
  const w = new Worker(new URL('./frame-reader.worker.cjs', import.meta.url), { execArgv: [] });
  w.unref();
  w.on('message', (m: ReaderMessage) => {
    const sink = sinks.get(m.id);
    if (!sink) return;
    if (m.type === 'frame') {
      const pgm = Buffer.from(m.pgm);
      sink.frames.push({ data: pgm.subarray(m.headerLength), width: m.width, height: m.height, pgm });
    } else {
      sink.end = m.type === 'end' ? { code: m.code, stderr: m.stderr } : { failed: m.message };
    }
    sink.wake?.();
  });
  const lost = (why: string) => {
    if (reader === w) reader = undefined;
    for (const sink of sinks.values()) {
      sink.end ??= { failed: why };
      sink.wake?.();
    }
  };
  w.on('error', (e) => lost(e.message));
  w.on('exit', (code) => lost(`the frame reader thread exited (${code})`));
  reader = w;
  return w;
}

/** Starts the reader thread now, so its start-up overlaps other work (probing, module loading). */
export function warmFrameReader(): void {
  getReader();
}

/** Ends this thread's frame reader (CLI, pool workers and tests call it through `closeReaders()`). */
export async function closeFrameReader(): Promise<void> {
  const w = reader;
  reader = undefined;
  if (w) await w.terminate();
}

/**
 * Runs `bin args` (an ffmpeg writing binary PGM frames to stdout) in the reader thread and yields
 * its frames in order, then returns how it ended. Leaving the loop early, or `signal`, stops ffmpeg.
 */
export async function* readFrames(bin: string, args: readonly string[], signal?: AbortSignal): AsyncGenerator<GrayImage, StreamEnd> {
  const w = getReader();
  const id = nextId++;
  const sink: Sink = { frames: [] };
  sinks.set(id, sink);
  if (sinks.size === 1) w.ref();
  w.postMessage({ type: 'start', id, bin, args, ahead: FRAMES_AHEAD });
  // An abort stops ffmpeg; its end then wakes the loop below.
  const stop = () => w.postMessage({ type: 'stop', id });
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      // Aborted: no further frame, even one already decoded (the caller throws on its signal).
      if (signal?.aborted) return sink.end ?? { code: null, stderr: '' };
      const frame = sink.frames.shift();
      if (frame) {
        w.postMessage({ type: 'taken', id });
        yield frame;
        continue;
      }
      if (sink.end) return sink.end;
      await new Promise<void>((resolve) => (sink.wake = resolve));
      sink.wake = undefined;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    if (!sink.end) stop();
    sinks.delete(id);
    if (sinks.size === 0 && reader === w) w.unref();
  }
}
