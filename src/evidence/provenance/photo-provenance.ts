/**
 * Is this photo what a camera wrote? Severity follows the evidence (issue 10):
 *  - fail on strong signs: an editor named in EXIF/XMP/history, a save that Photoshop marks in
 *    the JPEG itself, a screenshot marker, rendered content (screenshot-content.ts);
 *  - warn on weak signs, saying what was seen: ModifyDate long after capture with no tool
 *    named, EXIF size ≠ picture size, no camera metadata at all (stripped by an app or chat);
 *  - pass for a camera's metadata with no sign, including a re-save by an import/transfer tool
 *    (import-tools.ts), which explains a late ModifyDate.
 */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import { result, type CheckContext } from '../check.ts';
import type { EvidenceFile } from '../evidence-file.ts';
import type { PhotoMeta } from '../media/photo-meta.ts';
import { editorIn } from './editors.ts';
import { importToolIn } from './import-tools.ts';
import { screenshotSignals, type ScreenshotSignal } from './screenshot-content.ts';

const ID = 'original';

type WeakSign = 'ORIGINAL.DIMENSIONS_CHANGED' | 'ORIGINAL.MODIFIED_AFTER_CAPTURE';

export async function photoProvenance(file: EvidenceFile, ctx: CheckContext): Promise<CheckResult> {
  const meta = await file.photoMeta();
  const header = await file.imageHeader();
  const importedBy = [meta.software, ...meta.xmpAgents].map(importToolIn).find(Boolean);
  const seen = {
    make: meta.make ?? null,
    model: meta.model ?? null,
    software: meta.software ?? null,
    xmpAgents: meta.xmpAgents,
    ...(importedBy ? { importedBy } : {}),
  };

  for (const value of [meta.software, ...meta.xmpAgents]) {
    const editor = editorIn(value);
    if (editor) {
      return result(ID, 'fail', 'ORIGINAL.EDITED', `The photo was saved by an editor (${value}); upload the original from the camera.`, {
        details: { ...seen, editor },
      });
    }
  }
  if (meta.editorSave) {
    return result(ID, 'fail', 'ORIGINAL.EDITED', `The JPEG was re-encoded by an editor (${meta.editorSave}, marked in the file itself); upload the original from the camera.`, {
      details: { ...seen, editor: meta.editorSave },
    });
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

  const weak = weakSigns(meta, header, importedBy, ctx.policy.evidence.maxMinutesModifiedAfterCapture * 60_000);
  const [firstWeak] = weak.signs;
  const weakDetails = { ...seen, ...weak.details, signs: weak.signs.map((s) => s.code) };
  if (meta.make && meta.model) {
    if (firstWeak) {
      return result(ID, 'warn', firstWeak.code, `Taken on ${cameraName(meta.make, meta.model)}, but ${weak.signs.map((s) => s.seen).join('; and ')}: ${weak.signs.length > 1 ? 'weak signs' : 'a weak sign'}, no editor named, so a person will look.`, {
        details: weakDetails,
      });
    }
    const via = importedBy ? `; imported by ${importedBy} (a transfer tool, not an editor)` : '';
    return result(ID, 'pass', 'ORIGINAL.CAMERA', `Taken on ${cameraName(meta.make, meta.model)}${via}; no sign of editing.`, {
      details: { ...seen, capturedAt: meta.dateTimeOriginal?.toISOString() ?? null },
    });
  }

  const signals = screenshotSignals(await file.workingGray(), header.displayWidth, header.displayHeight);
  if (signals.suspected) {
    return result(ID, 'fail', 'ORIGINAL.SCREENSHOT_SUSPECTED', `The picture looks rendered, not photographed (${signals.fired.map(describe).join(', ')}); upload the original photo.`, {
      basis: 'perceived',
      details: { ...seen, ...signals },
    });
  }
  if (firstWeak) {
    return result(ID, 'warn', firstWeak.code, `The photo names no camera, and ${weak.signs.map((s) => s.seen).join('; and ')}, so we cannot confirm it is the original.`, {
      details: { ...weakDetails, ...signals },
    });
  }
  return result(ID, 'warn', 'ORIGINAL.UNVERIFIABLE', `The photo carries no camera metadata (${meta.hasMetadata ? 'no camera make or model' : 'no EXIF or XMP at all'}; apps and messengers strip it), so we cannot confirm it is the original.`, {
    details: { ...seen, ...signals },
  });
}

interface Weak {
  signs: Array<{ code: WeakSign; seen: string }>;
  details: { exifWidth?: number; exifHeight?: number; width?: number; height?: number; capturedAt?: string; modifiedAt?: string };
}

/** Signs that the file is not as the camera wrote it but that an import, a rotation or a gallery app also leave. */
function weakSigns(meta: PhotoMeta, header: { width: number; height: number }, importedBy: string | undefined, maxGapMs: number): Weak {
  const out: Weak = { signs: [], details: {} };
  if (meta.exifWidth && meta.exifHeight) {
    const same = (meta.exifWidth === header.width && meta.exifHeight === header.height) || (meta.exifWidth === header.height && meta.exifHeight === header.width);
    if (!same) {
      out.signs.push({ code: 'ORIGINAL.DIMENSIONS_CHANGED', seen: `the EXIF size is ${meta.exifWidth}×${meta.exifHeight} while the picture is ${header.width}×${header.height} (cropped or resized)` });
      Object.assign(out.details, { exifWidth: meta.exifWidth, exifHeight: meta.exifHeight, width: header.width, height: header.height });
    }
  }
  const gap = meta.dateTimeOriginal && meta.modifyDate ? meta.modifyDate.getTime() - meta.dateTimeOriginal.getTime() : 0;
  if (gap > maxGapMs && !importedBy) {
    // A gallery app's rotate or a copy tool that names itself nowhere rewrites ModifyDate too.
    const tool = meta.software ? `names only "${meta.software}" (no editor, no import tool)` : 'names no software';
    out.signs.push({ code: 'ORIGINAL.MODIFIED_AFTER_CAPTURE', seen: `it was re-saved ${duration(gap)} after it was taken and ${tool}` });
    Object.assign(out.details, { capturedAt: meta.dateTimeOriginal?.toISOString(), modifiedAt: meta.modifyDate?.toISOString() });
  }
  return out;
}

/** `Canon` + `Canon EOS 5D Mark II` → `Canon EOS 5D Mark II`; `Apple` + `iPhone 13` → `Apple iPhone 13`. */
const cameraName = (make: string, model: string) => (model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`);

const DESCRIPTIONS: Record<ScreenshotSignal, string> = {
  flat: 'large perfectly flat areas',
  noiseFree: 'no camera noise',
  plainRows: 'plain rows across the picture',
  textRows: 'rows of text',
  hardEdges: 'long straight UI edges',
  statusBar: 'a phone status bar',
  screenSize: 'a screen\'s exact size',
};
const describe = (s: ScreenshotSignal) => DESCRIPTIONS[s];

const duration = (ms: number) => (ms >= 172_800_000 ? `${Math.round(ms / 86_400_000)} days` : ms >= 7_200_000 ? `${Math.round(ms / 3_600_000)} h` : `${Math.round(ms / 60_000)} min`);
