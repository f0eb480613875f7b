/**
 * Provenance metadata of a photo, read by ExifTool (batch process, see exiftool.ts). Why not
 * exifr alone: it returns nothing for EXIF dialects real cameras write and ExifTool reads,
 * e.g. the `Exif\0` + non-zero byte header of some older cameras, or an EXIF segment that
 * comes after more than ~64 KB of other APPn segments (both in test/evidence/original-*.test.ts).
 * ExifTool also reads XMP (CreatorTool, xmpMM:History) in JPEG, PNG, WebP and HEIC itself.
 */
import { exiftool } from './exiftool.ts';

export interface PhotoMeta {
  /** Any of the tags below was found (EXIF, XMP or the editors' JPEG segments). */
  hasMetadata: boolean;
  make?: string;
  model?: string;
  software?: string;
  /** EXIF UserComment or XMP exif:UserComment (iOS writes `Screenshot`). */
  userComment?: string;
  dateTimeOriginal?: Date;
  modifyDate?: Date;
  /** PixelXDimension / PixelYDimension: the size the camera wrote. */
  exifWidth?: number;
  exifHeight?: number;
  orientation?: number;
  /** xmp:CreatorTool and every xmpMM:History softwareAgent. */
  xmpAgents: string[];
  /**
   * A save by Photoshop that leaves its mark in the JPEG itself even when EXIF is stripped:
   * its quality setting in the Photoshop IRB (APP13), or the Save-for-Web "Ducky" segment (APP12).
   */
  editorSave?: string;
}

/** Only the tags we use (`-fast`: stop at the image data; `-n`: raw values, our own date parsing). */
const READ_ARGS = [
  '-fast', '-n',
  '-Make', '-Model', '-Software', '-UserComment', '-DateTimeOriginal', '-CreateDate', '-ModifyDate',
  '-ExifImageWidth', '-ExifImageHeight', '-Orientation', '-CreatorTool', '-HistorySoftwareAgent',
  '-PhotoshopQuality', '-Ducky:Quality',
];

type Raw = Record<string, unknown>;

export async function readPhotoMeta(path: string): Promise<PhotoMeta> {
  const raw = (await (await exiftool()).readRaw(path, { readArgs: READ_ARGS })) as Raw;
  const present = Object.keys(raw).filter((k) => !['SourceFile', 'errors', 'warnings'].includes(k));
  return {
    hasMetadata: present.length > 0,
    make: str(raw.Make),
    model: str(raw.Model),
    software: str(raw.Software),
    userComment: str(raw.UserComment),
    dateTimeOriginal: exifDate(raw.DateTimeOriginal) ?? exifDate(raw.CreateDate),
    modifyDate: exifDate(raw.ModifyDate),
    exifWidth: int(raw.ExifImageWidth),
    exifHeight: int(raw.ExifImageHeight),
    orientation: int(raw.Orientation),
    xmpAgents: [raw.CreatorTool, ...[raw.HistorySoftwareAgent].flat()].map(str).filter((v): v is string => !!v),
    editorSave: editorSave(raw),
  };
}

function editorSave(raw: Raw): string | undefined {
  // Stored as Photoshop's 0–12 slider minus 4.
  if (typeof raw.PhotoshopQuality === 'number') return `Photoshop (JPEG quality ${raw.PhotoshopQuality + 4} of 12)`;
  if (raw.Quality !== undefined) return `Photoshop Save for Web (quality ${String(raw.Quality)})`;
  return undefined;
}

/** Strings, and numbers ExifTool printed bare (a Model of `300`). */
function str(v: unknown): string | undefined {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(/\0+$/, '').trim() : '';
  return s || undefined;
}

const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * `2024:05:10 14:03:12[.123][+02:00|Z]` → Date. Without an offset the camera's wall clock is
 * taken as UTC: we compare capture and modify times of one camera, so only the gap matters.
 */
export function exifDate(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const m = v.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?\s*(Z|[+-]\d{2}:\d{2})?/);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] ?? 'Z'}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
