/**
 * `video.limits`: a gate for videos, read by ffprobe from the header before anything decodes
 * the picture. A frame over `policy.evidence.maxVideoPixels` (a 16000×16000 frame drove ffmpeg
 * past 500 MB) or a picture over `maxVideoSeconds` (six 1-hour videos held every check thread)
 * is refused, and no other check decodes it. A file ffprobe cannot read is left to
 * `video.duration`, which explains it (skip here).
 */
import { result, type Check } from '../check.ts';
import { MediaError } from '../media/media-error.ts';

export const videoLimitsCheck: Check<'video.limits'> = {
  id: 'video.limits',
  appliesTo: (kind) => kind === 'packing_video',
  async run(file, ctx) {
    const { maxVideoPixels, maxVideoSeconds } = ctx.policy.evidence;
    let p;
    try {
      p = await file.probe();
    } catch (e) {
      if (!(e instanceof MediaError)) throw e;
      return result(this.id, 'skip', 'VIDEO.LIMITS_UNKNOWN', 'The video cannot be read, so its size and length were not measured.', { details: { error: e.message } });
    }
    const seconds = p.videoSeconds ?? p.containerSeconds;
    const details = { width: p.width, height: p.height, maxPixels: maxVideoPixels, videoSeconds: seconds === null ? null : round(seconds), maxSeconds: maxVideoSeconds };
    if (p.width * p.height > maxVideoPixels) {
      return result(this.id, 'fail', 'VIDEO.TOO_MANY_PIXELS', `The video's frames are ${p.width}×${p.height} pixels, more than the ${maxVideoPixels} we decode (4K). Record at 4K or lower.`, { details });
    }
    if (seconds !== null && seconds > maxVideoSeconds) {
      return result(this.id, 'fail', 'VIDEO.TOO_LONG', `The video lasts ${round(seconds)} s; packing videos may last at most ${maxVideoSeconds} s. Film the packing of this parcel only.`, { details });
    }
    return result(this.id, 'pass', 'VIDEO.LIMITS_OK', `The video is within the size and length limits (${p.width}×${p.height}, ${seconds === null ? 'length unknown' : `${round(seconds)} s`}).`, { details });
  },
};

const round = (s: number) => Math.round(s * 100) / 100;
