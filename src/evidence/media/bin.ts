/**
 * ffmpeg/ffprobe come from the npm installer packages (static builds), never from PATH, so
 * every machine runs the same binaries.
 */
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';

export const FFMPEG_PATH: string = ffmpegInstaller.path;
export const FFPROBE_PATH: string = ffprobeInstaller.path;

/**
 * fluent-ffmpeg set to these binaries, imported on first use: only a one-off decode needs it
 * (the scan streams through frame-reader.ts, ffprobe runs through execFile), and importing it
 * cost every process that probes a video 13-26 ms at start-up.
 */
export async function fluentFfmpeg(): Promise<typeof import('fluent-ffmpeg')> {
  const { default: ffmpeg } = await import('fluent-ffmpeg');
  ffmpeg.setFfmpegPath(FFMPEG_PATH);
  ffmpeg.setFfprobePath(FFPROBE_PATH);
  return ffmpeg;
}

/**
 * ffmpeg/ffprobe's `-max_alloc`: no single buffer over 32 MiB (their default is 2 GiB). The
 * largest frame we accept (4K, policy maxVideoPixels) has an 8.3 MB luma plane; a bigger one is
 * refused by the decoder instead of taking the host's memory. ffprobe decodes a first frame to
 * learn a stream: on our 8000×8000 fixture this bound took it from 168 MB peak RSS and 0.86 s to
 * 39 MB and 0.14 s, still reporting the size, so `video.limits` can refuse it.
 */
export const MEMORY_BOUND: readonly string[] = ['-max_alloc', String(32 << 20)];
