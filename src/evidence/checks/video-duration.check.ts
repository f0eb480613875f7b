/**
 * `video.duration`: the packing video's picture lasts at least `policy.evidence.minVideoSeconds`.
 * Measured on the VIDEO stream (a longer audio track or container must not pass a short
 * clip); a file ffprobe cannot read (truncated upload: "moov atom not found") fails clearly.
 */
import { result, type Check } from '../check.ts';
import { MediaError } from '../media/media-error.ts';

export const videoDurationCheck: Check<'video.duration'> = {
  id: 'video.duration',
  appliesTo: (kind) => kind === 'packing_video',
  async run(file, ctx) {
    const min = ctx.policy.evidence.minVideoSeconds;
    let p;
    try {
      p = await file.probe();
    } catch (e) {
      if (!(e instanceof MediaError)) throw e;
      const truncated = /moov atom not found|invalid data|end of file/i.test(e.message + (e.detail ?? ''));
      return result(this.id, 'fail', e.code, truncated
        ? 'The video cannot be read: the file is incomplete (upload interrupted or cut). Upload the whole file again.'
        : `The video cannot be read (${e.message}).`, { details: { error: e.message } });
    }
    const details = {
      videoSeconds: p.videoSeconds === null ? null : round(p.videoSeconds),
      measuredFrom: p.videoSecondsFrom,
      containerSeconds: p.containerSeconds === null ? null : round(p.containerSeconds),
      audioSeconds: p.audioSeconds === null ? null : round(p.audioSeconds),
      minSeconds: min,
      rotation: p.rotation,
      variableFrameRate: p.variableFrameRate,
      width: p.displayWidth,
      height: p.displayHeight,
    };
    if (p.videoSeconds === null) {
      return result(this.id, 'fail', 'VIDEO.DURATION_UNKNOWN', 'The video does not say how long its picture lasts, so we cannot check the minimum length.', { details });
    }
    if (p.videoSeconds < min) {
      const audioNote = p.audioSeconds && p.audioSeconds >= min ? ` (its sound track runs ${round(p.audioSeconds)} s, but the picture is what counts)` : '';
      return result(this.id, 'fail', 'VIDEO.TOO_SHORT', `The video's picture lasts ${round(p.videoSeconds)} s; packing videos must last at least ${min} s${audioNote}.`, { details });
    }
    return result(this.id, 'pass', 'VIDEO.DURATION_OK', `The video lasts ${round(p.videoSeconds)} s (at least ${min} s).`, { details });
  },
};

const round = (s: number) => Math.round(s * 100) / 100;
