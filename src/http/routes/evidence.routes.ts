import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EVIDENCE_KINDS } from '../../domain/evidence-summary.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EvidenceService } from '../../evidence/evidence-service.ts';
import { hashingDiskStorage, type HashedUpload } from '../../evidence/upload/hashing-disk-storage.ts';
import { maxBytesFor } from '../../evidence/upload/upload-limits.ts';
import type { EvidenceRepository, EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { idempotencyKey, priorAnswer, sendAnswer } from '../idempotency.ts';
import { problemOf, sendProblem } from '../problem.ts';
import type { DisputeRepository } from '../../store/dispute.repository.port.ts';
import { parse } from '../validate.ts';
import { disputeId, read } from './read.ts';

const isoMs = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
/** The form fields beside `file`. Send `kind` before `file` so the upload is cut at the kind's own limit. */
const UploadFieldsSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  capturedAt: isoMs.optional(),
  signerName: z.string().min(1).max(200).optional(),
  signedAt: isoMs.optional(),
});
const EvidenceIdSchema = z.string().regex(/^evd_[0-9a-f]{32}$/);
const ProofNameSchema = z.string().regex(/^[\w.-]{1,100}\.(jpg|png)$/);
const MIME: Record<string, string> = {
  mp4: 'video/mp4', quicktime: 'video/quicktime', webm: 'video/webm', matroska: 'video/x-matroska',
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', pdf: 'application/pdf',
};

function evidenceView(e: EvidenceRow) {
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  return {
    id: e.id,
    disputeId: e.disputeId,
    kind: e.kind,
    sha256: e.sha256,
    bytes: e.bytes,
    mediaType: e.mediaType,
    status: e.status,
    fields: { ...e.fields, capturedAt: iso(e.fields.capturedAt), signedAt: iso(e.fields.signedAt) },
    uploadedAt: iso(e.uploadedAt),
    checkedAt: iso(e.checkedAt),
    report: e.report,
    links: { self: `/api/evidence/${e.id}`, file: `/api/evidence/${e.id}/file`, proofs: `/api/evidence/${e.id}/proof/` },
  };
}

/** Runs multer on the request, mapping its errors (and our storage's) to DomainErrors. */
function receive(upload: ReturnType<ReturnType<typeof multer>['single']>, req: Request, res: Response): Promise<void> {
  return new Promise((ok, fail) =>
    upload(req, res, (err: unknown) => {
      if (!err) return ok();
      if (err instanceof DomainError) return fail(err);
      if (err instanceof multer.MulterError) {
        return fail(new DomainError('REQUEST.INVALID', `Upload refused: ${err.message}.`, { errors: [{ pointer: `/${err.field ?? ''}`, detail: err.code }] }));
      }
      fail(new DomainError('REQUEST.INVALID', `The multipart body could not be read: ${err instanceof Error ? err.message : String(err)}.`));
    }),
  );
}

/**
 * `POST /api/disputes/:id/evidence` (multipart: `kind`, then `file`, optional `capturedAt`,
 * `signerName`, `signedAt`) → 202 with id and SHA-256, checks in the background.
 * `GET /api/evidence/:id` (status and report), `/file` (range requests), `/proof/:name`.
 */
export function evidenceRouters(svc: EvidenceService, evidence: EvidenceRepository, workflow: DisputeWorkflow, store: DisputeRepository) {
  const limit = (req: Request) => {
    const kind = UploadFieldsSchema.shape.kind.safeParse((req.body as Record<string, unknown> | undefined)?.kind);
    const { snapshot } = workflow.load(disputeId(req));
    return maxBytesFor(kind.success ? kind.data : undefined, workflow.policies.byVersion(snapshot.context.policyVersion)!);
  };
  const upload = multer({
    storage: hashingDiskStorage(svc.tmpDir, limit),
    limits: { files: 1, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 50 },
  }).single('file');

  const onDispute = Router();
  // Expected failures are thrown as DomainErrors; the app's error handler answers problem+json.
  onDispute.post('/:id/evidence', async (req, res) => {
    const id = disputeId(req);
    if (workflow.load(id).snapshot.status !== 'active') throw new DomainError('DISPUTE.CLOSED', `Dispute ${id} is resolved; it takes no more evidence.`);
    if (!req.is('multipart/form-data')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send evidence as multipart/form-data with a `file` part.');
    await receive(upload, req, res);
    const file = req.file as (Express.Multer.File & HashedUpload) | undefined;
    try {
      const fields = parse(UploadFieldsSchema, { ...req.body });
      if (!file) throw new DomainError('REQUEST.INVALID', 'The form has no `file` part.', { errors: [{ pointer: '/file', detail: 'required' }] });
      const { kind, ...rest } = fields;
      // Idempotency for uploads: the same key with the same bytes and fields replays the first 202.
      const key = idempotencyKey(req);
      const requestHash = createHash('sha256').update(`${file.sha256}\n${JSON.stringify(fields)}`).digest('hex');
      const prior = key && priorAnswer(store, key, requestHash);
      if (prior) return sendAnswer(res, prior);
      try {
        const row = await svc.accept(id, kind, { path: file.path, size: file.size, sha256: file.sha256 }, rest, (row) => {
          if (key) store.saveAnswer(key.scope, key.key, { requestHash, status: 202, body: evidenceView(row) }, row.uploadedAt);
        });
        res.status(202).location(`/api/evidence/${row.id}`).json(evidenceView(row));
      } catch (e) {
        // A concurrent retry with the same key registered first: our transaction rolled back whole.
        const raced = key && priorAnswer(store, key, requestHash);
        if (raced) return sendAnswer(res, raced);
        throw e;
      }
    } finally {
      if (file) await unlink(file.path).catch(() => {}); // refused before accept: drop the temp file
    }
  });
  onDispute.get('/:id/evidence', read((req) => {
    const id = disputeId(req);
    workflow.load(id);
    return { items: evidence.forDispute(id).map(evidenceView) };
  }));

  const byId = Router();
  const find = (req: Request): EvidenceRow => {
    const id = EvidenceIdSchema.safeParse(req.params.id);
    const row = id.success ? evidence.get(id.data) : undefined;
    if (!row) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${String(req.params.id)}.`);
    return row;
  };
  const sendFrom = (path: (req: Request) => { file: string; type: string }) => (req: Request, res: Response) => {
    const { file, type } = path(req);
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(file, { headers: { 'Content-Type': type }, acceptRanges: true, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) sendProblem(res, problemOf(new DomainError('EVIDENCE.NOT_FOUND', 'The file is not there.')));
    });
  };
  byId.get('/:id', read((req) => evidenceView(find(req))));
  byId.get('/:id/file', sendFrom((req) => {
    const row = find(req);
    return { file: svc.filePath(row.sha256), type: MIME[row.mediaType] ?? 'application/octet-stream' };
  }));
  byId.get('/:id/proof/:name', sendFrom((req) => {
    const row = find(req);
    const name = ProofNameSchema.safeParse(req.params.name);
    if (!name.success) throw new DomainError('EVIDENCE.NOT_FOUND', 'No such proof image.');
    return { file: join(svc.proofDir(row.id), name.data), type: name.data.endsWith('.png') ? 'image/png' : 'image/jpeg' };
  }));

  return { onDispute, byId };
}
