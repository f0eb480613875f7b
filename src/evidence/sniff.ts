/**
 * What a file is, from its bytes (never its name or the client's Content-Type), and which
 * types each evidence kind accepts.
 */
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import type { EvidenceKind } from '../domain/evidence-summary.ts';

export const MEDIA_TYPES = ['mp4', 'quicktime', 'webm', 'matroska', 'jpeg', 'png', 'webp', 'heic', 'pdf'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export type MediaFamily = 'video' | 'image' | 'document';

export interface Sniffed {
  /** Our name for the type, or null when it is none we know. */
  type: MediaType | null;
  family: MediaFamily | null;
  /** What file-type said (kept for messages), e.g. `image/gif`. */
  mime?: string;
}

const FAMILY: Record<MediaType, MediaFamily> = {
  mp4: 'video', quicktime: 'video', webm: 'video', matroska: 'video',
  jpeg: 'image', png: 'image', webp: 'image', heic: 'image',
  pdf: 'document',
};

// file-type's extensions mapped to ours; m4v/3gp are MP4 brands phones write.
const BY_EXT: Record<string, MediaType> = {
  mp4: 'mp4', m4v: 'mp4', '3gp': 'mp4', mov: 'quicktime', qt: 'quicktime', webm: 'webm', mkv: 'matroska',
  jpg: 'jpeg', png: 'png', webp: 'webp', heic: 'heic', pdf: 'pdf',
};

const IMAGES: readonly MediaType[] = ['jpeg', 'png', 'webp', 'heic'];
const ALLOWED: Record<EvidenceKind, readonly MediaType[]> = {
  packing_video: ['mp4', 'quicktime', 'webm', 'matroska'],
  label_photo: IMAGES,
  delivery_proof_photo: IMAGES,
  product_photo: IMAGES,
  carrier_letter: ['pdf', ...IMAGES],
};

/** The types a kind accepts: `allowedTypesFor('packing_video')` → `['mp4','quicktime','webm','matroska']`. */
export function allowedTypesFor(kind: EvidenceKind): readonly MediaType[] {
  return ALLOWED[kind];
}

export function familyOf(type: MediaType): MediaFamily {
  return FAMILY[type];
}

/**
 * Sniffs a file by content: `await sniffFile('/tmp/upload')` → `{ type: 'jpeg', family: 'image', mime: 'image/jpeg' }`.
 * PDF gets a second look because the spec lets `%PDF-` start anywhere in the first 1024 bytes.
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const ft = await fileTypeFromFile(path);
  const type = ft ? BY_EXT[ft.ext] : undefined;
  if (type) return { type, family: FAMILY[type], mime: ft?.mime };
  if (!ft && (await hasPdfHeader(path))) return { type: 'pdf', family: 'document', mime: 'application/pdf' };
  return { type: null, family: null, ...(ft ? { mime: ft.mime } : {}) };
}

async function hasPdfHeader(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).includes('%PDF-');
  } finally {
    await fh.close();
  }
}
