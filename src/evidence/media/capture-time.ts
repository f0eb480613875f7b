import type { EvidenceFile } from '../evidence-file.ts';

/**
 * When the file says it was captured (epoch ms): a photo's EXIF DateTimeOriginal (CreateDate
 * as fallback; local time read as the server's zone), a video's QuickTime
 * `com.apple.quicktime.creationdate` (it carries the zone) or container `creation_time`.
 * Undefined when the file does not say.
 */
export async function captureTime(file: EvidenceFile): Promise<number | undefined> {
  const { family } = await file.sniff();
  if (family === 'image') return (await file.photoMeta()).dateTimeOriginal?.getTime();
  if (family === 'video') {
    const t = (await file.probe()).tags;
    const when = t['com.apple.quicktime.creationdate'] ?? t.creation_time;
    const ms = when ? Date.parse(when) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}
