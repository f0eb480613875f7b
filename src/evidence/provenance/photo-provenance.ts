/**
 * Is this photo what a camera wrote? Strong signs first (an editor's name, a screenshot
 * marker, EXIF dimensions that disagree with the picture, a re-save long after capture),
 * then content when metadata is gone, then camera provenance. No sign either way is not a
 * pass: `ORIGINAL.UNVERIFIABLE` (warn).
 */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import { result, type CheckContext } from '../check.ts';
import type { EvidenceFile } from '../evidence-file.ts';
import { editorIn } from './editors.ts';
import { screenshotSignals } from './screenshot-content.ts';

const ID = 'original';

export async function photoProvenance(file: EvidenceFile, ctx: CheckContext): Promise<CheckResult> {
  const meta = await file.photoMeta();
  const header = await file.imageHeader();
  const seen = { make: meta.make ?? null, model: meta.model ?? null, software: meta.software ?? null, xmpAgents: meta.xmpAgents };

  for (const value of [meta.software, ...meta.xmpAgents]) {
    const editor = editorIn(value);
    if (editor) {
      return result(ID, 'fail', 'ORIGINAL.EDITED', `The photo was saved by an editor (${value}); upload the original from the camera.`, {
        details: { ...seen, editor },
      });
    }
  }
  if (meta.userComment && /screenshot/i.test(meta.userComment)) {
    return result(ID, 'fail', 'ORIGINAL.SCREENSHOT', 'The photo is a screenshot (its metadata says so); upload the original photo.', {
      details: { ...seen, userComment: meta.userComment },
    });
  }
  if (meta.software && /^android\b/i.test(meta.software) && !meta.make) {
    return result(ID, 'fail', 'ORIGINAL.SCREENSHOT', 'The photo is an Android screenshot (system software, no camera); upload the original photo.', {
      details: seen,
    });
  }
  if (meta.exifWidth && meta.exifHeight) {
    const same = (meta.exifWidth === header.width && meta.exifHeight === header.height) || (meta.exifWidth === header.height && meta.exifHeight === header.width);
    if (!same) {
      return result(ID, 'fail', 'ORIGINAL.DIMENSIONS_CHANGED', `The camera recorded ${meta.exifWidth}×${meta.exifHeight} but the picture is ${header.width}×${header.height}: it was cropped or resized.`, {
        details: { ...seen, exifWidth: meta.exifWidth, exifHeight: meta.exifHeight, width: header.width, height: header.height },
      });
    }
  }
  const maxGapMs = ctx.policy.evidence.maxMinutesModifiedAfterCapture * 60_000;
  if (meta.dateTimeOriginal && meta.modifyDate && meta.modifyDate.getTime() - meta.dateTimeOriginal.getTime() > maxGapMs) {
    // A phone's gallery rewrites ModifyDate on a rotate too: a person decides.
    return result(ID, 'fail', 'ORIGINAL.MODIFIED_AFTER_CAPTURE', `The photo was re-saved ${minutes(meta.modifyDate.getTime() - meta.dateTimeOriginal.getTime())} after it was taken.`, {
      basis: 'perceived',
      details: { ...seen, capturedAt: meta.dateTimeOriginal.toISOString(), modifiedAt: meta.modifyDate.toISOString() },
    });
  }
  if (meta.make && meta.model) {
    return result(ID, 'pass', 'ORIGINAL.CAMERA', `Taken on ${meta.make} ${meta.model}; no sign of editing.`, {
      details: { ...seen, capturedAt: meta.dateTimeOriginal?.toISOString() ?? null },
    });
  }
  const signals = screenshotSignals(await file.workingGray(), header.displayWidth, header.displayHeight);
  if (signals.suspected) {
    return result(ID, 'fail', 'ORIGINAL.SCREENSHOT_SUSPECTED', 'The picture looks rendered, not photographed (large perfectly flat areas, no camera noise' + (signals.screenSize ? ', exact screen size' : '') + '); upload the original photo.', {
      basis: 'perceived',
      details: { ...seen, ...signals },
    });
  }
  return result(ID, 'warn', 'ORIGINAL.UNVERIFIABLE', 'The photo carries no camera metadata (it may have been stripped by an app or messenger), so we cannot confirm it is the original.', {
    details: { ...seen, ...signals },
  });
}

const minutes = (ms: number) => (ms >= 7_200_000 ? `${Math.round(ms / 3_600_000)} h` : `${Math.round(ms / 60_000)} min`);
