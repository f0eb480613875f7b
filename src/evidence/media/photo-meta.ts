/**
 * Provenance metadata of a photo: EXIF through exifr, XMP as raw text (we only need a few
 * fields, and iPhone XMP carries Adobe namespaces, so fields are matched, never the packet).
 */
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import exifr from 'exifr';

export interface PhotoMeta {
  hasExif: boolean;
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
}

/** XMP lives in the first segments of JPEG/PNG/WebP/HEIC; 1 MiB covers it without reading whole photos. */
const XMP_SCAN_BYTES = 1 << 20;

export async function readPhotoMeta(path: string): Promise<PhotoMeta> {
  const exif = ((await exifr
    .parse(path, { tiff: true, exif: true, ifd1: false, gps: false, xmp: false, icc: false, iptc: false, userComment: true, mergeOutput: true })
    .catch(() => undefined)) ?? {}) as Record<string, unknown>;
  const xmp = await readXmp(path);
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.replace(/\0+$/, '').trim() : undefined);
  const date = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined);
  const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const xmpComment = xmp?.match(/exif:UserComment[\s\S]{0,300}?<rdf:li[^>]*>([^<]*)<\/rdf:li>/)?.[1];
  return {
    hasExif: Object.keys(exif).length > 0,
    make: str(exif.Make),
    model: str(exif.Model),
    software: str(exif.Software),
    userComment: commentText(exif.UserComment) ?? str(xmpComment),
    dateTimeOriginal: date(exif.DateTimeOriginal) ?? date(exif.CreateDate),
    modifyDate: date(exif.ModifyDate),
    exifWidth: int(exif.ExifImageWidth),
    exifHeight: int(exif.ExifImageHeight),
    orientation: int(exif.Orientation),
    xmpAgents: xmp ? xmpAgents(xmp) : [],
  };
}

/** UserComment may come back as bytes with an 8-byte charset prefix (`ASCII\0\0\0`). */
function commentText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v instanceof Uint8Array) {
    const text = Buffer.from(v).toString('latin1').replace(/^(ASCII|UNICODE|JIS)?\0*/, '').replace(/\0/g, '').trim();
    return text || undefined;
  }
  return undefined;
}

/** PNG keeps XMP in an iTXt/zTXt chunk that may be deflated; returns it inflated, if present. */
function pngXmp(buf: Buffer): Buffer | undefined {
  if (buf.length < 8 || buf.readUInt32BE(0) !== 0x89504e47) return undefined;
  for (let i = 8; i + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const data = buf.subarray(i + 8, Math.min(buf.length, i + 8 + len));
    if ((type === 'iTXt' || type === 'zTXt') && data.toString('latin1', 0, 17) === 'XML:com.adobe.xmp') {
      try {
        if (type === 'zTXt') return inflateSync(data.subarray(19));
        // iTXt: keyword\0, compression flag, method, language\0, translated keyword\0, text.
        const compressed = data[18] === 1;
        let p = 20;
        for (let nul = 0; nul < 2 && p < data.length; p++) if (data[p] === 0) nul++;
        return compressed ? inflateSync(data.subarray(p)) : data.subarray(p);
      } catch {
        return undefined;
      }
    }
    if (type === 'IDAT' || type === 'IEND') return undefined; // metadata comes before the picture
    i += 12 + len;
  }
  return undefined;
}

function xmpAgents(xmp: string): string[] {
  const out: string[] = [];
  const re = /(?:xmp:CreatorTool|stEvt:softwareAgent)\s*(?:=\s*"([^"]*)"|>([^<]*)<)/g;
  for (const m of xmp.matchAll(re)) {
    const v = (m[1] ?? m[2] ?? '').trim();
    if (v) out.push(v);
  }
  return out;
}

async function readXmp(path: string): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(XMP_SCAN_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const text = (pngXmp(head) ?? head).toString('latin1');
    const start = text.indexOf('<x:xmpmeta');
    if (start < 0) return undefined;
    const end = text.indexOf('</x:xmpmeta>', start);
    return text.slice(start, end < 0 ? undefined : end + 12);
  } finally {
    await fh.close();
  }
}
