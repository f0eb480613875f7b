/**
 * Decoded frames, streamed: ffmpeg writes grey frames as binary PGM to a pipe and we take them
 * one by one, so a caller that has seen enough stops early and ffmpeg is killed (no temp
 * files, no decoding past the point of interest). Each PGM names its own size, so decoding
 * starts without waiting for ffprobe, and each frame's bytes go to zxing as they came (the
 * reader thread cuts the stream into frames: frame-reader.worker.cjs).
 *
 * Grey is the luma plane taken as is (`extractplanes=y`): no colour conversion. On the 60
 * keyframes of a 1080p bench video ffmpeg took 0.99 s that way, 1.22 s through `format=gray`,
 * 1.42 s through `scale` + `format=gray`, against 0.84 s to decode alone.
 */
import type { Readable } from 'node:stream';
import { FFMPEG_PATH, fluentFfmpeg, MEMORY_BOUND } from './bin.ts';
import { readFrames } from './frame-reader.ts';
import { MediaError, throwIfAborted } from './media-error.ts';
import { fromPgm, type GrayImage } from './pgm.ts';

export interface FrameOptions {
  /** `keyframes`: only the I-frames (`-skip_frame nokey`, the cheap pass); or a fixed sampling rate. */
  sample: 'keyframes' | { fps: number };
  /** Frames larger than this on their long side (after ffmpeg's auto-rotation) are scaled down to it. */
  maxSide: number;
  /** The decoder refuses a frame of more pixels than this (ffmpeg's `-max_pixels`), whatever the header claimed. */
  maxPixels?: number;
  /** Start at this time (seconds); input seeking, so frames before it are not decoded. */
  startSeconds?: number;
  maxFrames?: number;
  signal?: AbortSignal;
}

/**
 * Decoder bounds, whatever the file claims: one decoding thread and MEMORY_BOUND. Keyframes are
 * decoded one at a time, so a second thread bought nothing but contention with the scan on a
 * 2-core machine (bench video, 7 warm runs each: median 0.66 s with one thread, 0.74 s with
 * two). Pixel and duration limits are checked before any decode (`video.limits`).
 */
const DECODER_BOUNDS = ['-threads', '1', ...MEMORY_BOUND];

/** Scales so the long side is at most `maxSide` (never up), even sizes (the scaler wants them). */
export function scaleFilter(maxSide: number): string {
  const w = `if(gte(iw,ih),min(iw,${maxSide}),-2)`;
  const h = `if(gte(iw,ih),-2,min(ih,${maxSide}))`;
  return `scale=w='${w}':h='${h}':flags=area`;
}

/** ffmpeg's arguments before and after `-i <file>` for grey PGM frames on its stdout. */
function frameArgs(opts: FrameOptions): { input: string[]; output: string[] } {
  // format=gray after extractplanes is a no-op for 8-bit video and brings 10-bit (HDR phones) to 8.
  const filters = [...(opts.sample === 'keyframes' ? [] : [`fps=${opts.sample.fps}`]), 'extractplanes=y', scaleFilter(opts.maxSide), 'format=gray'];
  return {
    input: [
      ...DECODER_BOUNDS,
      ...(opts.maxPixels ? ['-max_pixels', String(opts.maxPixels)] : []),
      ...(opts.sample === 'keyframes' ? ['-skip_frame', 'nokey'] : []),
      ...(opts.startSeconds ? ['-ss', String(opts.startSeconds)] : []),
    ],
    output: [
      '-an', '-vsync', '0', '-filter_threads', '1', '-vf', filters.join(','),
      ...(opts.maxFrames ? ['-frames:v', String(opts.maxFrames)] : []),
      '-c:v', 'pgm', '-f', 'image2pipe',
    ],
  };
}

/**
 * Yields grey frames in order; breaking out of the loop kills ffmpeg. ffmpeg runs in the frame
 * reader thread (frame-reader.ts), which drains its pipe while the caller looks at a frame.
 */
export async function* streamFrames(path: string, opts: FrameOptions): AsyncGenerator<GrayImage> {
  const { input, output } = frameArgs(opts);
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', ...input, '-i', path, ...output, 'pipe:1'];
  throwIfAborted(opts.signal);
  const end = yield* readFrames(FFMPEG_PATH, args, opts.signal);
  throwIfAborted(opts.signal);
  if ('failed' in end) throw new MediaError('VIDEO.UNREADABLE', end.failed);
  if (end.code !== 0) throw new MediaError('VIDEO.UNREADABLE', end.stderr.split('\n').find((l) => l.trim()) ?? `ffmpeg exited with ${end.code}`, end.stderr);
}

/**
 * The keyframe at `atSeconds` (a keyframe's own time), with the same pixels as `streamFrames`
 * gives for it in a keyframe pass of the same `maxSide`: for one picture (a video's perceptual
 * hash) when no scan went past it. Seeking to a keyframe's own time with `-skip_frame nokey`
 * decodes that frame only; one frame needs no reader thread.
 */
export async function readKeyframe(path: string, atSeconds: number, maxSide: number, signal?: AbortSignal): Promise<GrayImage> {
  const { input, output } = frameArgs({ sample: 'keyframes', maxSide, startSeconds: Math.max(0, atSeconds - 0.001), maxFrames: 1 });
  const cmd = (await fluentFfmpeg())(path).inputOptions(input).outputOptions(output);
  let failure: Error | undefined;
  cmd.on('error', (e: Error) => (failure = e));
  const kill = () => cmd.kill('SIGKILL');
  signal?.addEventListener('abort', kill, { once: true });
  try {
    const chunks: Buffer[] = [];
    for await (const c of cmd.pipe() as Readable) chunks.push(c as Buffer);
    throwIfAborted(signal);
    const frame = fromPgm(Buffer.concat(chunks));
    if (!frame) throw new MediaError('VIDEO.UNREADABLE', failure?.message ?? `no keyframe decoded at ${atSeconds} s`);
    return frame;
  } finally {
    signal?.removeEventListener('abort', kill);
  }
}
