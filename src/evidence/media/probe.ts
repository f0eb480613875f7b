/**
 * ffprobe, once per file: the facts every video check starts from. ffprobe is run with
 * execFile (not fluent-ffmpeg's ffprobe) so the run's AbortSignal can kill it.
 */
import { execFile } from 'node:child_process';
import { FFPROBE_PATH, MEMORY_BOUND } from './bin.ts';
import { AbortedError, MediaError } from './media-error.ts';

export interface VideoProbe {
  /** The video stream's own duration (seconds), or null when nothing gives it. */
  videoSeconds: number | null;
  /** Where videoSeconds came from: the stream header, frames × rate, a Matroska DURATION tag, or the container. */
  videoSecondsFrom: 'stream' | 'frames' | 'tag' | 'container' | null;
  containerSeconds: number | null;
  audioSeconds: number | null;
  codec: string;
  formatName: string;
  /** Coded size, and the size shown after rotation. */
  width: number;
  height: number;
  displayWidth: number;
  displayHeight: number;
  /** Degrees from the rotate tag or display matrix (0, 90, 180, 270). */
  rotation: number;
  avgFrameRate: number | null;
  /** r_frame_rate ≠ avg_frame_rate: variable frame rate (phones do this). */
  variableFrameRate: boolean;
  /** Container-level tags (lower-cased keys): encoder, com.apple.quicktime.make, com.android.version… */
  tags: Record<string, string>;
  /** The video stream's tags (handler_name, encoder…). */
  videoTags: Record<string, string>;
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  nb_frames?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: Array<{ rotation?: number }>;
}
interface RawProbe {
  streams?: RawStream[];
  format?: { duration?: string; format_name?: string; tags?: Record<string, string> };
}

/** Runs a media binary, resolving stdout; rejects with MediaError (stderr kept) or AbortedError. */
export function runTool(bin: string, args: string[], signal?: AbortSignal, maxBuffer = 64 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { signal, maxBuffer, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (signal?.aborted) return reject(new AbortedError());
      if (err) return reject(new MediaError('VIDEO.UNREADABLE', firstError(stderr) ?? err.message, stderr.slice(-2000)));
      resolve(stdout);
    });
  });
}

function firstError(stderr: string): string | undefined {
  return stderr.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
}

const num = (s: string | undefined): number | null => {
  const n = s === undefined ? NaN : Number(s);
  return Number.isFinite(n) && n > 0 ? n : null;
};

/** `30000/1001` → 29.97; `0/0` → null. */
export function parseRate(s: string | undefined): number | null {
  if (!s) return null;
  const [a, b] = s.split('/').map(Number);
  if (a === undefined || !b || !Number.isFinite(a) || a <= 0) return null;
  return a / b;
}

/** Matroska writes `DURATION=00:00:20.000000000` per stream. */
function tagSeconds(tags: Record<string, string> | undefined): number | null {
  const v = tags?.DURATION ?? tags?.duration;
  const m = v?.match(/^(\d+):(\d+):(\d+(?:\.\d+)?)$/);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

const lower = (t: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(t ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

/** Probes a video: `await probeVideo('/x.mp4')` → `{ videoSeconds: 20, rotation: 90, … }`. Throws MediaError when unreadable. */
export async function probeVideo(path: string, signal?: AbortSignal): Promise<VideoProbe> {
  const out = await runTool(FFPROBE_PATH, [...MEMORY_BOUND, '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], signal);
  const raw = JSON.parse(out) as RawProbe;
  const streams = raw.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video || !video.width || !video.height) throw new MediaError('VIDEO.NO_VIDEO_STREAM', 'the file has no video picture');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const containerSeconds = num(raw.format?.duration);
  const avg = parseRate(video.avg_frame_rate);
  const frames = num(video.nb_frames);

  // Prefer the video stream's own clock: a longer audio track or container must not count.
  let videoSeconds = num(video.duration);
  let from: VideoProbe['videoSecondsFrom'] = videoSeconds ? 'stream' : null;
  if (!videoSeconds && frames && avg) [videoSeconds, from] = [frames / avg, 'frames'];
  if (!videoSeconds) {
    const t = tagSeconds(video.tags);
    if (t) [videoSeconds, from] = [t, 'tag'];
  }
  // Container time only when the file has nothing but video (no other track could stretch it).
  if (!videoSeconds && containerSeconds && !audio) [videoSeconds, from] = [containerSeconds, 'container'];

  const rotTag = Number(video.tags?.rotate ?? NaN);
  const rotSide = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const rotation = (((Number.isFinite(rotTag) ? rotTag : -(rotSide ?? 0)) % 360) + 360) % 360;
  const swap = rotation === 90 || rotation === 270;
  return {
    videoSeconds,
    videoSecondsFrom: from,
    containerSeconds,
    audioSeconds: audio ? num(audio.duration) ?? tagSeconds(audio.tags) : null,
    codec: video.codec_name ?? 'unknown',
    formatName: raw.format?.format_name ?? 'unknown',
    width: video.width,
    height: video.height,
    displayWidth: swap ? video.height : video.width,
    displayHeight: swap ? video.width : video.height,
    rotation,
    avgFrameRate: avg,
    variableFrameRate: !!avg && !!parseRate(video.r_frame_rate) && Math.abs((parseRate(video.r_frame_rate) ?? 0) - avg) > 0.01 * avg,
    tags: lower(raw.format?.tags),
    videoTags: lower(video.tags),
  };
}

/** Presentation times of the video's keyframes, from packet flags (demux only, no decode). */
export async function keyframeTimes(path: string, signal?: AbortSignal): Promise<number[]> {
  const out = await runTool(
    FFPROBE_PATH,
    [...MEMORY_BOUND, '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', path],
    signal,
  );
  const times: number[] = [];
  for (const line of out.split('\n')) {
    const [t, flags] = line.split(',');
    if (flags?.includes('K') && t !== undefined && t !== 'N/A') times.push(Number(t));
  }
  return times.sort((a, b) => a - b);
}
