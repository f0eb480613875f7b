/**
 * The `details` each evidence check writes, one zod schema per check id: the single source
 * for the checks that write them (`result()` in `evidence/check.ts` parses through the
 * schema) and for the verdict rules that read them (`detailsOf`, never `details['x']`).
 *
 * Here in `domain/` rather than `evidence/` because both sides need it at run time and
 * `verdict/` may not import `evidence/` (the preview is pure; test/architecture.test.ts).
 * Schemas are strict: a check writing a name its schema does not know fails loudly (its row
 * becomes `CHECK.ERROR`), so a writer and a reader can no longer drift apart silently.
 * Details stay JSON values (no `undefined`, no dates, finite numbers): they cross worker
 * threads, sit in dispute snapshots and are stored with the report.
 *
 * Adding a check: its file in `evidence/checks/`, its line in `checks/registry.ts`, its
 * schema here.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const px = z.number().int().positive();

/** One earlier use of the same (or a near-identical) file, as the store answers `findReuse`. */
export const ReuseHitSchema = z.strictObject({
  /** Null when the earlier file belongs only to an order (no dispute filed yet). */
  disputeId: z.string().nullable(),
  orderId: z.string().nullable().optional(),
  evidenceId: z.string(),
  /** The earlier file's SHA-256; equal to ours means the very same bytes. */
  sha256: z.string().optional(),
  /** dHash Hamming distance between the two pictures (0 to 64); 0 when sha256 matches. */
  distance: z.number().int().min(0).max(64),
});
export type ReuseHit = z.infer<typeof ReuseHitSchema>;

/** What the shared video scan read (`video.sku`, `video.label`). */
const videoScanRead = {
  framesRead: count,
  /** Frames whose lines of print went to OCR (only frames with print on paper, at most 2). */
  ocrFrames: count,
  passes: z.array(z.enum(['keyframes', 'sampled'])),
  /** Reads that matched nothing, as `"<s>s <source>: <text>"`. */
  otherReads: z.array(z.string()),
};

/** Camera/software facts `original` saw; photos and videos name different ones. */
const provenanceSeen = {
  make: z.string().nullable(),
  model: z.string().nullable(),
  software: z.string().nullable(),
  /** Photos: xmp:CreatorTool and xmpMM:History agents. */
  xmpAgents: z.array(z.string()).optional(),
  /** Videos: container and stream tags. */
  androidVersion: z.string().nullable().optional(),
  encoder: z.string().nullable().optional(),
  handler: z.string().nullable().optional(),
};

export const CHECK_DETAILS = {
  /** Absent for an empty file. */
  'file.type': z.strictObject({
    sniffedType: z.string().optional(),
    /** What the bytes look like when we do not accept them (`null`: not even that). */
    mime: z.string().nullable().optional(),
    allowed: z.array(z.string()).optional(),
  }),
  'file.limits': z.strictObject({
    bytes: count.optional(),
    limit: count.optional(),
    /** Declared pixel size, when it is over `maxPixels`. */
    width: px.optional(),
    height: px.optional(),
    maxPixels: count.optional(),
  }),
  original: z.strictObject({
    ...provenanceSeen,
    /** The editor named in a tag (`ORIGINAL.EDITED`). */
    editor: z.string().optional(),
    userComment: z.string().optional(),
    /** `ORIGINAL.DIMENSIONS_CHANGED`: the size the camera wrote vs the picture's. */
    exifWidth: px.optional(),
    exifHeight: px.optional(),
    width: px.optional(),
    height: px.optional(),
    /** ISO instants from EXIF (`null`: the camera wrote none). */
    capturedAt: z.iso.datetime().nullable().optional(),
    modifiedAt: z.iso.datetime().optional(),
    /** Photos: the import/transfer tool named in Software or XMP (not an editor; explains a late ModifyDate). */
    importedBy: z.string().optional(),
    /** Weak signs seen (warn), first one is the row's code. */
    signs: z.array(z.enum(['ORIGINAL.DIMENSIONS_CHANGED', 'ORIGINAL.MODIFIED_AFTER_CAPTURE'])).optional(),
    /** Screenshot-by-content signals, for photos without camera metadata (screenshot-content.ts). */
    flatFraction: z.number().min(0).max(1).optional(),
    /** Share of pixels equal to their 4 neighbours (no sensor noise). */
    noiseFreeFraction: z.number().min(0).max(1).optional(),
    plainRowFraction: z.number().min(0).max(1).optional(),
    textRows: count.optional(),
    hardEdges: count.optional(),
    statusBar: z.boolean().optional(),
    screenSize: z.boolean().optional(),
    /** Which of the signals fired. */
    fired: z.array(z.enum(['flat', 'noiseFree', 'plainRows', 'textRows', 'hardEdges', 'statusBar', 'screenSize'])).optional(),
    suspected: z.boolean().optional(),
  }),
  'video.duration': z.union([
    z.strictObject({
      /** The picture's length in seconds, 2 decimals; `null` when nothing says. */
      videoSeconds: z.number().nonnegative().nullable(),
      measuredFrom: z.enum(['stream', 'frames', 'tag', 'container']).nullable(),
      containerSeconds: z.number().nonnegative().nullable(),
      audioSeconds: z.number().nonnegative().nullable(),
      minSeconds: z.number().positive(),
      rotation: z.number(),
      variableFrameRate: z.boolean(),
      width: count,
      height: count,
    }),
    /** ffprobe could not read the file. */
    z.strictObject({ error: z.string() }),
  ]),
  'video.limits': z.union([
    z.strictObject({
      width: count,
      height: count,
      maxPixels: count,
      /** The picture's length in seconds (2 decimals), `null` when nothing says. */
      videoSeconds: z.number().nonnegative().nullable(),
      maxSeconds: z.number().positive(),
    }),
    /** ffprobe could not read the file (`video.duration` says why). */
    z.strictObject({ error: z.string() }),
  ]),
  'video.sku': z.strictObject({ found: z.array(z.string()), missing: z.array(z.string()), ...videoScanRead }),
  'video.label': z.strictObject({ trackingNumber: z.string(), ...videoScanRead }),
  'photo.legible': z.union([
    /** `PHOTO.TOO_SMALL`: measured before anything is decoded further. */
    z.strictObject({ width: px, height: px, minShortSidePx: px }),
    z.strictObject({
      width: px,
      height: px,
      /** Of the regions that carry text or codes (`measuredOn: 'text_regions'`), else of the whole scene. */
      sharpness: z.number().nonnegative(),
      minSharpness: z.number().nonnegative(),
      measuredOn: z.enum(['text_regions', 'scene']).optional(),
      /** Paper-like regions with lines of ink on them. */
      textRegions: count.optional(),
      /** The whole picture's sharpness on a 1024 px copy, for the record (it decides nothing). */
      sceneSharpness: z.number().nonnegative().optional(),
      meanBrightness: z.number().min(0).max(255),
      contrast: z.number().nonnegative(),
      /** What could be read, as `"barcode: …"` / `"text: …"`. */
      reads: z.array(z.string()),
      /** Present when the order has a tracking number to look for. */
      trackingNumberRead: z.boolean().optional(),
      /** Delivery photos: the signer and time the carrier printed on it (read as UTC). */
      signerRead: z.string().optional(),
      signedAtRead: z.iso.datetime().optional(),
    }),
  ]),
  /** A label photo's tracking number against the order's (`label-match.check.ts`). */
  'label.match': z.strictObject({
    trackingNumber: z.string(),
    /** Tracking-number-like reads, as `"barcode: …"` / `"text: …"`. */
    read: z.array(z.string()),
  }),
  /** A carrier letter's PDF: what it carries besides pages (`pdf-safety.check.ts`). */
  'letter.pdf_safety': z.strictObject({
    findings: z.array(z.enum(['javascript', 'launch', 'embedded_file', 'xfa', 'prefix_bytes', 'trailing_bytes', 'encrypted'])),
    pages: count,
    objects: count,
    /** What the foreign bytes before/after the PDF look like (`html`, `zip`, `image`, `unknown`). */
    prefix: z.string().optional(),
    trailer: z.string().optional(),
  }),
  /** A red or blue seal on the letter (`letter-stamp.check.ts`); box in the analysed copy's pixels. */
  'letter.stamp': z.strictObject({
    source: z.enum(['pdf_page', 'image']),
    pageWidth: px,
    pageHeight: px,
    color: z.enum(['red', 'blue']).optional(),
    box: z.strictObject({ x: count, y: count, width: px, height: px }).optional(),
    analysedWidth: px.optional(),
    fill: z.number().min(0).max(1).optional(),
  }),
  reuse: z.strictObject({
    phash: z.string().regex(/^[0-9a-f]{16}$/).nullable(),
    maxDistance: count.optional(),
    /** The other disputes' evidence this file repeats (never this dispute's own). */
    hits: z.array(ReuseHitSchema).optional(),
  }),
  /** Derived from `photo.legible` (and the signer it read) and the form's signer fields (see `delivery-proof.derived-check.ts`). */
  'delivery.proof': z.strictObject({
    signerName: z.string().nullable(),
    signedAt: z.number().int().nullable(),
    legible: z.enum(['pass', 'fail', 'warn', 'skip']).nullable(),
    /** What the carrier printed on the photo, and whether the value above came from the form or the photo. */
    signerRead: z.string().optional(),
    signerFrom: z.enum(['form', 'photo']).optional(),
    signedAtRead: z.number().int().optional(),
    signedAtFrom: z.enum(['form', 'photo']).optional(),
  }),
  /** A packing video's own capture time against the order's ship time (epoch ms). */
  'capture.time': z.strictObject({
    capturedAt: z.number().int().nullable(),
    shippedAt: z.number().int(),
    maxHoursBefore: z.number().positive(),
  }),
  /** The pool's row for a whole file that never answered (`CHECK.TIMEOUT`): no details. */
  checks: z.strictObject({}),
} as const;

export type CheckId = keyof typeof CHECK_DETAILS;
/** What check `Id` writes: `CheckDetailsInput<'video.duration'>`. */
export type CheckDetailsInput<Id extends CheckId> = z.input<(typeof CHECK_DETAILS)[Id]>;
/** What a reader gets back: `CheckDetails<'video.duration'>` → `{ videoSeconds: number | null, … } | { error: string }`. */
export type CheckDetails<Id extends CheckId> = z.output<(typeof CHECK_DETAILS)[Id]>;

const schemaOf = (id: CheckId): z.ZodType<Record<string, unknown>> => CHECK_DETAILS[id];

/**
 * Validates what a check is about to write; throws naming the check when it does not match.
 * `checkDetails('video.duration', { seconds: 3 })` throws: the schema knows `videoSeconds`.
 */
export function checkDetails<Id extends CheckId>(id: Id, details: CheckDetailsInput<Id>): Record<string, unknown> {
  const parsed = schemaOf(id).safeParse(details);
  if (!parsed.success) throw new Error(`${id} details do not match their schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A check row as a report (`CheckResult`) or a summary (`EvidenceSummary['checks']`) holds it. */
type CheckRow = { id: string; details?: Record<string, unknown> };

/**
 * The details check `id` wrote on this evidence, parsed; `undefined` when the check did not
 * run, wrote none, or wrote a shape this version does not know.
 * `detailsOf(summary, 'video.duration')?.videoSeconds` (after narrowing the error case).
 */
export function detailsOf<Id extends CheckId>(evidence: { checks: readonly CheckRow[] }, id: Id): CheckDetails<Id> | undefined {
  const details = evidence.checks.find((c) => c.id === id)?.details;
  if (details === undefined) return undefined;
  const parsed = CHECK_DETAILS[id].safeParse(details);
  return parsed.success ? (parsed.data as CheckDetails<Id>) : undefined;
}
