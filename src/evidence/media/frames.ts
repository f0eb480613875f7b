/**
 * Decoded frames, streamed: ffmpeg writes raw grey frames to a pipe and we take them one by
 * one, so a caller that has seen enough stops early and ffmpeg is killed (no temp files, no
 * decoding past the point of interest). Grey is all barcode and text reading need, and a
 * third of the bytes of RGB.
 */
import type { Readable } from 'node:stream';
import { ffmpeg } from './bin.ts';
import { AbortedError } from './media-error.ts';
import type { GrayImage } from './gray-image.ts';

export interface FrameOptions {
  /** `keyframes`: only the I-frames (`-skip_frame nokey`, the cheap pass); or a fixed sampling rate. */
  sample: 'keyframes' | { fps: number };
  /** Output size (after ffmpeg's auto-rotation). */
  width: number;
  height: number;
  /** Start at this time (seconds); input seeking, so frames before it are not decoded. */
  startSeconds?: number;
  maxFrames?: number;
  signal?: AbortSignal;
}

/** Yields grey frames in order; breaking out of the loop kills ffmpeg. */
export async function* streamFrames(path: string, opts: FrameOptions): AsyncGenerator<GrayImage> {
  const frameBytes = opts.width * opts.height;
  const filters = [...(opts.sample === 'keyframes' ? [] : [`fps=${opts.sample.fps}`]), `scale=${opts.width}:${opts.height}`];
  const cmd = ffmpeg(path)
    .inputOptions([
      ...(opts.sample === 'keyframes' ? ['-skip_frame', 'nokey'] : []),
      ...(opts.startSeconds ? ['-ss', String(opts.startSeconds)] : []),
    ])
    .noAudio()
    .outputOptions(['-vsync', '0', '-vf', filters.join(','), '-pix_fmt', 'gray', '-f', 'rawvideo', ...(opts.maxFrames ? ['-frames:v', String(opts.maxFrames)] : [])]);
  let failure: Error | undefined;
  let done = false;
  cmd.on('error', (err: Error) => {
    if (!done) failure = err; // a kill after an early stop is not a failure
  });
  const kill = () => cmd.kill('SIGKILL');
  opts.signal?.addEventListener('abort', kill, { once: true });
  const out = cmd.pipe() as Readable;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of out) {
      if (opts.signal?.aborted) throw new AbortedError();
      pending.push(chunk as Buffer);
      pendingBytes += (chunk as Buffer).length;
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
        yield { data: Buffer.from(all.subarray(0, frameBytes)), width: opts.width, height: opts.height };
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    }
    if (opts.signal?.aborted) throw new AbortedError();
    if (failure) throw failure;
  } finally {
    done = true;
    opts.signal?.removeEventListener('abort', kill);
    out.destroy();
    kill();
  }
}

/** Display size scaled so the long side is at most `maxSide`, even numbers (ffmpeg's scaler wants them). */
export function fitSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  const even = (n: number) => Math.max(2, Math.round((n * k) / 2) * 2);
  return { width: even(width), height: even(height) };
}
