/**
 * Decoded frames, streamed: ffmpeg writes grey frames as binary PGM to a pipe and we take them
 * one by one, so a caller that has seen enough stops early and ffmpeg is killed (no temp
 * files, no decoding past the point of interest). Each PGM names its own size, so decoding
 * starts without waiting for ffprobe, and each frame's bytes go to zxing as they came.
 *
 * Grey is the luma plane taken as is (`extractplanes=y`): no colour conversion. On the 60
 * keyframes of a 1080p bench video ffmpeg took 0.99 s that way, 1.22 s through `format=gray`,
 * 1.42 s through `scale` + `format=gray`, against 0.84 s to decode alone.
 */
import { spawn } from 'node:child_process';
import { FFMPEG_PATH, MEMORY_BOUND } from './bin.ts';
import { AbortedError, MediaError } from './media-error.ts';
import type { GrayImage } from './gray-image.ts';

export interface FrameOptions {
  /** `keyframes`: only the I-frames (`-skip_frame nokey`, the cheap pass); or a fixed sampling rate. */
  sample: 'keyframes' | { fps: number };
  /** Frames larger than this on their long side (after ffmpeg's auto-rotation) are scaled down to it. */
  maxSide: number;
  /** Start at this time (seconds); input seeking, so frames before it are not decoded. */
  startSeconds?: number;
  maxFrames?: number;
  signal?: AbortSignal;
}

/**
 * Decoder bounds, whatever the file claims: two threads (the machine's two cores; the reader
 * works beside the decoder) and MEMORY_BOUND. Pixel and duration limits are checked before any
 * decode (`video.limits`).
 */
const DECODER_BOUNDS = ['-threads', '2', ...MEMORY_BOUND];

/** Scales so the long side is at most `maxSide` (never up), even sizes (the scaler wants them). */
export function scaleFilter(maxSide: number): string {
  const w = `if(gte(iw,ih),min(iw,${maxSide}),-2)`;
  const h = `if(gte(iw,ih),-2,min(ih,${maxSide}))`;
  return `scale=w='${w}':h='${h}':flags=area`;
}

/**
 * Yields grey frames in order; breaking out of the loop kills ffmpeg. ffmpeg is spawned
 * directly: fluent-ffmpeg's pipe() adds a PassThrough with 16 KB chunks between ffmpeg and us.
 */
export async function* streamFrames(path: string, opts: FrameOptions): AsyncGenerator<GrayImage> {
  // format=gray after extractplanes is a no-op for 8-bit video and brings 10-bit (HDR phones) to 8.
  const filters = [...(opts.sample === 'keyframes' ? [] : [`fps=${opts.sample.fps}`]), 'extractplanes=y', scaleFilter(opts.maxSide), 'format=gray'];
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    ...DECODER_BOUNDS,
    ...(opts.sample === 'keyframes' ? ['-skip_frame', 'nokey'] : []),
    ...(opts.startSeconds ? ['-ss', String(opts.startSeconds)] : []),
    '-i', path,
    '-an', '-vsync', '0', '-filter_threads', '1', '-vf', filters.join(','),
    ...(opts.maxFrames ? ['-frames:v', String(opts.maxFrames)] : []),
    '-c:v', 'pgm', '-f', 'image2pipe', 'pipe:1',
  ];
  const child = spawn(FFMPEG_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (code) => resolve(code));
  });
  const kill = () => child.kill('SIGKILL');
  opts.signal?.addEventListener('abort', kill, { once: true });
  const frames = new PgmSplitter();
  let finished = false;
  try {
    for await (const chunk of child.stdout) {
      if (opts.signal?.aborted) throw new AbortedError();
      for (const frame of frames.push(chunk as Buffer)) yield frame;
    }
    const code = await exited;
    finished = true;
    if (opts.signal?.aborted) throw new AbortedError();
    if (code !== 0) throw new MediaError('VIDEO.UNREADABLE', stderr.split('\n').find((l) => l.trim()) ?? `ffmpeg exited with ${code}`, stderr);
  } finally {
    opts.signal?.removeEventListener('abort', kill);
    if (!finished) kill(); // an early stop: the rest of the video is not needed
  }
}

/**
 * Cuts a stream of concatenated binary PGMs (`P5\n<w> <h>\n255\n<w·h bytes>`) into frames.
 * Chunks are joined once per frame, when the frame is complete (pipe chunks are 64 KB, a
 * 1080p frame 2 MB); a frame shares memory with its chunk, which nothing writes again.
 */
class PgmSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  *push(chunk: Buffer): Generator<GrayImage> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.pendingBytes === 0) return;
      if ((this.pending[0] as Buffer).length < HEADER_MAX && this.pending.length > 1) this.pending = [Buffer.concat(this.pending)];
      const first = this.pending[0] as Buffer;
      const m = /^P5\s(\d+)\s(\d+)\s255\s/.exec(first.subarray(0, HEADER_MAX).toString('latin1'));
      if (!m) {
        if (first.length >= HEADER_MAX) throw new Error('ffmpeg wrote something other than an 8-bit PGM frame');
        return;
      }
      const [width, height] = [Number(m[1]), Number(m[2])];
      const total = m[0].length + width * height;
      if (this.pendingBytes < total) return;
      const all = this.pending.length === 1 ? first : Buffer.concat(this.pending, this.pendingBytes);
      const rest = all.subarray(total);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
      const pgm = all.subarray(0, total);
      yield { data: pgm.subarray(m[0].length), width, height, pgm };
    }
  }
}

/** `P5 65535 65535 255` and its separators fit in 32 bytes. */
const HEADER_MAX = 32;
