/**
 * Is this video what a phone recorded? fail on an editor's name or a screen recording; warn on
 * a generic (ffmpeg) re-encode or no camera tags. Phones leave container tags (Apple:
 * com.apple.quicktime.make/model; Android: com.android.version, manufacturer, model) and
 * encode in hardware; an editor or ffmpeg re-encode writes its own encoder tag (`Lavf…`),
 * and screen recorders name themselves in handler/encoder tags or record exact screen sizes.
 */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import { result } from '../check.ts';
import type { EvidenceFile } from '../evidence-file.ts';
import { editorIn } from './editors.ts';
import { isScreenSize } from './screen-sizes.ts';

const ID = 'original';

export async function videoProvenance(file: EvidenceFile): Promise<CheckResult> {
  const p = await file.probe();
  const t = p.tags;
  const make = t['com.apple.quicktime.make'] ?? t['com.android.manufacturer'] ?? t.make;
  const model = t['com.apple.quicktime.model'] ?? t['com.android.model'] ?? t.model;
  const android = t['com.android.version'];
  const encoder = t.encoder ?? p.videoTags.encoder;
  const software = t['com.apple.quicktime.software'] ?? t.software;
  const handler = p.videoTags.handler_name;
  const seen = { make: make ?? null, model: model ?? null, androidVersion: android ?? null, encoder: encoder ?? null, software: software ?? null, handler: handler ?? null };

  for (const value of [encoder, software, handler, t.comment, t.title]) {
    const editor = editorIn(value);
    if (editor) {
      return result(ID, 'fail', 'ORIGINAL.EDITED', `The video was written by an editor (${value}); upload the original recording.`, { details: { ...seen, editor } });
    }
  }
  if ([encoder, software, handler, t.title].some((v) => v && /screen ?record|replaykit|screencast/i.test(v))) {
    return result(ID, 'fail', 'ORIGINAL.SCREEN_RECORDING', 'The video is a screen recording, not a camera recording.', { details: seen });
  }
  const camera = !!(make || model || android);
  if (!camera && isScreenSize(p.displayWidth, p.displayHeight) && !isCameraVideoSize(p.displayWidth, p.displayHeight)) {
    return result(ID, 'fail', 'ORIGINAL.SCREEN_RECORDING_SUSPECTED', `The video has a screen's exact size (${p.displayWidth}×${p.displayHeight}) and no camera tags.`, {
      basis: 'perceived',
      details: seen,
    });
  }
  if (encoder && /^lavf/i.test(encoder)) {
    // A generic re-encode is a weak sign (issue 10): messengers, compressors and converters use
    // ffmpeg inside; re-encoded, not necessarily doctored. A person looks.
    return result(ID, 'warn', 'ORIGINAL.REENCODED', `The video was re-encoded by ffmpeg (${encoder})${camera ? ' after recording' : ' and carries no camera tags'}, with no editor named; a person will look, or upload the original recording.`, {
      basis: 'perceived',
      details: seen,
    });
  }
  if (camera) {
    return result(ID, 'pass', 'ORIGINAL.CAMERA', `Recorded on ${[make, model].filter(Boolean).join(' ') || `Android ${android}`}; no sign of editing.`, { details: seen });
  }
  return result(ID, 'warn', 'ORIGINAL.UNVERIFIABLE', 'The video carries no camera tags (they may have been stripped), so we cannot confirm it is the original recording.', {
    details: seen,
  });
}

/** Video sizes cameras record at, which also happen to be screen sizes (1080p, 4K). */
function isCameraVideoSize(w: number, h: number): boolean {
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  return (long === 1920 && short === 1080) || (long === 3840 && short === 2160) || (long === 1280 && short === 720);
}
