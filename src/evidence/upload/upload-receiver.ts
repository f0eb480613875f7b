import type { Request, Response } from 'express';
import multer from 'multer';
import { unlink } from 'node:fs/promises';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../domain/evidence-summary.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Policy } from '../../policy/policy.schema.ts';
import { hashingDiskStorage, type HashedUpload } from './hashing-disk-storage.ts';
import { maxBytesFor, type UploadLimits } from './upload-limits.ts';
import type { UploadSlots } from './upload-slots.ts';
import { openUploadWindow, overQuota } from './upload-window.ts';

/** What one multipart upload brought: the form's text fields and the file in temp, if any. */
export interface ReceivedUpload {
  fields: Record<string, unknown>;
  file?: HashedUpload;
}

export interface UploadReceiverDeps {
  /** This process's temp folder for uploads in flight. */
  tmpDir: () => string;
  limits: UploadLimits;
  slots: UploadSlots;
  /** Bytes of the seller's evidence on disk now. */
  storedBytes: (sellerId: string) => Promise<number>;
}

/** Who and what the upload is for. */
export interface UploadTarget {
  /** The policy that sizes each kind (the dispute's or order's own). */
  policy: Policy;
  /** The seller whose quota the file counts against (null: an order not registered yet, whose seller the form names; no quota to check). */
  sellerId: string | null;
  /** The calling API key's id (`callerOf(res).keyId`): whose upload slots it takes. */
  keyId: string;
}

const isKind = (v: unknown): v is EvidenceKind => typeof v === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(v);

/** The kind field, read when the file part starts: it must be there already and be one we know. */
function kindBeforeFile(req: Request): EvidenceKind {
  const kind = (req.body as Record<string, unknown> | undefined)?.kind;
  if (kind === undefined) {
    throw new DomainError('UPLOAD.KIND_AFTER_FILE', 'Send the `kind` field before the `file` part; the upload was refused before any of the file was stored.', {
      errors: [{ pointer: '/kind', detail: 'must come before file' }],
    });
  }
  if (!isKind(kind)) {
    throw new DomainError('REQUEST.INVALID', `Unknown evidence kind ${JSON.stringify(kind)}.`, { errors: [{ pointer: '/kind', detail: `one of ${EVIDENCE_KINDS.join(', ')}` }] });
  }
  return kind;
}

function asDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof multer.MulterError) {
    return new DomainError('REQUEST.INVALID', `Upload refused: ${err.message}.`, { errors: [{ pointer: `/${err.field ?? ''}`, detail: err.code }] });
  }
  return new DomainError('REQUEST.INVALID', `The multipart body could not be read: ${err instanceof Error ? err.message : String(err)}.`);
}

/**
 * The one place evidence uploads are received, so every upload route has the same limits:
 * a slot per caller and per process (429 / 503 with `Retry-After`), an idle and a total
 * timeout (the connection is closed; the slot and temp file are freed), `kind` before `file`
 * (a missing or unknown kind is refused before the file touches the disk), and the kind's
 * byte limit from the policy while it streams, and the seller's storage quota.
 *
 *   const receive = uploadReceiver({ tmpDir: () => svc.tmpDir, limits, slots, storedBytes });
 *   const { fields, file } = await receive(req, res, { policy, sellerId, keyId: callerOf(res).keyId });
 */
export function uploadReceiver(d: UploadReceiverDeps) {
  return async function receive(req: Request, res: Response, { policy, sellerId, keyId }: UploadTarget): Promise<ReceivedUpload> {
    // Soft by a race: two uploads may pass together; the next one is refused.
    const used = sellerId === null ? 0 : await d.storedBytes(sellerId);
    if (used >= d.limits.sellerQuotaBytes) throw overQuota(used, d.limits.sellerQuotaBytes);
    // An idle or overlong upload's socket closes; multer and the storage clean up.
    const close = openUploadWindow(req, res, d, keyId);
    // A refusal while the file streams (no kind yet, unknown kind, over the kind's limit)
    // answers at once: multer would first read the rest of the body (up to the client's whole
    // file) before calling back. The storage has removed the temp file by then; the response
    // closes the connection, which ends the upload.
    let refuse!: (err: DomainError) => void;
    const refused = new Promise<never>((_ok, fail) => (refuse = fail));
    const storage = hashingDiskStorage(d.tmpDir, (r) => maxBytesFor(kindBeforeFile(r), policy));
    const upload = multer({
      storage: {
        _handleFile: (r, f, cb) => storage._handleFile(r, f, (err, info) => (err instanceof DomainError && refuse(err), cb(err, info))),
        _removeFile: (r, f, cb) => storage._removeFile(r, f, cb),
      },
      limits: { files: 1, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 },
    }).single('file');
    try {
      const received = new Promise<void>((ok, fail) => upload(req, res, (err: unknown) => (err ? fail(asDomainError(err)) : ok())));
      received.catch(() => {}); // after an early refusal its own failure comes later, unheard
      await Promise.race([received, refused]).catch((err: unknown) => {
        if (err instanceof DomainError && !req.complete) res.set('Connection', 'close');
        throw err;
      });
    } finally {
      // Only now: multer calls back, or the storage refuses, after the temp file is removed.
      close();
    }
    const file = req.file as (Express.Multer.File & HashedUpload) | undefined;
    if (file && used + file.size > d.limits.sellerQuotaBytes) {
      await unlink(file.path).catch(() => {});
      throw overQuota(used + file.size, d.limits.sellerQuotaBytes);
    }
    return { fields: { ...(req.body as Record<string, unknown>) }, file };
  };
}
export type ReceiveUpload = ReturnType<typeof uploadReceiver>;
