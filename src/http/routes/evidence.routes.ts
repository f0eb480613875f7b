import type { Request, Response } from 'express';
import { listedRouter } from '../route-list.ts';
import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../domain/evidence-summary.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EvidenceService, UploadOwner } from '../../evidence/evidence-service.ts';
import type { ReceiveUpload } from '../../evidence/upload/upload-receiver.ts';
import type { Policy } from '../../policy/policy.schema.ts';
import type { EvidenceStorage } from '../../storage/evidence-storage.port.ts';
import type { EvidenceFields, EvidenceRow } from '../../store/evidence.repository.port.ts';
import type { DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { callerOf } from '../caller.ts';
import { answerWith, idempotencyOf, sendAnswer } from '../idempotency.ts';
import { decodeCursor, pageOf, PageQuerySchema } from '../list-cursor.ts';
import { problemOf, sendProblem } from '../problem.ts';
import { actorOf } from '../../auth/caller.ts';
import { requireCapability } from '../scope.ts';
import { parse } from '../validate.ts';
import { disputeId, read } from './read.ts';

export const isoMs = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
/** The form fields beside `file`. `kind` must come before `file` (the upload receiver refuses it otherwise). */
export const UploadFieldsSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  capturedAt: isoMs.optional(),
  signerName: z.string().min(1).max(200).optional(),
  signedAt: isoMs.optional(),
});
export const EvidenceIdSchema = z.string().regex(/^evd_[0-9a-f]{32}$/);
const EvidenceCursorSchema = z.strictObject({ uploadedAt: z.number().int(), id: EvidenceIdSchema });
export const ProofNameSchema = z.string().regex(/^[\w.-]{1,100}\.(jpg|png)$/);
const MIME: Record<string, string> = {
  mp4: 'video/mp4', quicktime: 'video/quicktime', webm: 'video/webm', matroska: 'video/x-matroska',
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', pdf: 'application/pdf',
};

/** How one upload route reads its form: the fields' schema, and the owner and stored fields they name. */
export interface UploadForm<S extends z.ZodType<{ kind: EvidenceKind }>> {
  schema: S;
  target: (fields: z.output<S>) => { owner: UploadOwner; fields: EvidenceFields };
}

export function evidenceView(e: EvidenceRow) {
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  return {
    id: e.id,
    disputeId: e.disputeId,
    orderId: e.orderId,
    kind: e.kind,
    sha256: e.sha256,
    bytes: e.bytes,
    mediaType: e.mediaType,
    status: e.status,
    fields: { ...e.fields, capturedAt: iso(e.fields.capturedAt), signedAt: iso(e.fields.signedAt), claimedUploadedAt: iso(e.fields.claimedUploadedAt) },
    uploadedAt: iso(e.uploadedAt),
    checkedAt: iso(e.checkedAt),
    fileRemovedAt: iso(e.fileRemovedAt),
    report: e.report,
    review: e.review ? { ...e.review, at: iso(e.review.at) } : null,
    links: { self: `/api/evidence/${e.id}`, file: `/api/evidence/${e.id}/file`, proofs: `/api/evidence/${e.id}/proof/` },
  };
}

/**
 * `POST /api/disputes/:id/evidence` (multipart: `kind`, then `file`, optional `capturedAt`,
 * `signerName`, `signedAt`) → 202 with id and SHA-256, checks in the background.
 * `GET /api/evidence/:id` (status and report), `/file` (range requests), `/proof/:name`.
 */
export function evidenceRouters(svc: EvidenceService, workflow: DisputeWorkflow, storage: EvidenceStorage, receive: ReceiveUpload) {
  const { store } = workflow;

  /**
   * The one receiving path for evidence uploads, to a dispute or to an order: streams the
   * multipart body through the upload receiver (caps, timeouts, kind before file, the seller's
   * quota) under `policy`'s limits, parses the form with `form.schema`, hands the file to
   * `svc.accept` for the owner `form.target` names, answers 202 (or the refusal).
   */
  async function receiveEvidence<S extends z.ZodType<{ kind: EvidenceKind }>>(
    req: Request,
    res: Response,
    on: { policy: Policy; sellerId: string | null },
    form: UploadForm<S>,
  ): Promise<void> {
    if (!req.is('multipart/form-data')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send evidence as multipart/form-data with a `file` part.');
    const upload = await receive(req, res, { ...on, keyId: callerOf(res).keyId });
    const file = upload.file;
    try {
      const fields = parse(form.schema, upload.fields);
      if (!file) throw new DomainError('REQUEST.INVALID', 'The form has no `file` part.', { errors: [{ pointer: '/file', detail: 'required' }] });
      const target = form.target(fields);
      // Idempotency for uploads: the same key with the same bytes and fields replays the first 202.
      const idempotency = idempotencyOf(req, createHash('sha256').update(`${file.sha256}\n${JSON.stringify(fields)}`).digest('hex'));
      const a = await svc.accept(target.owner, on.policy, fields.kind, file, target.fields, {
        idempotency,
        actor: actorOf(callerOf(res)),
        present: answerWith((o) => ({ status: 202, body: evidenceView(o.evidence!) })),
      });
      if (a.status === 202) res.location(`/api/evidence/${(a.body as { id: string }).id}`);
      sendAnswer(res, a);
    } finally {
      if (file) await unlink(file.path).catch(() => {}); // refused before it was stored: drop the temp file
    }
  }

  const onDispute = listedRouter();
  // Expected failures are thrown as DomainErrors; the app's error handler answers problem+json.
  const reads = requireCapability('disputes.read');
  onDispute.post('/:id/evidence', requireCapability('evidence.upload'), async (req, res) => {
    const id = disputeId(req);
    const { row, snapshot } = await workflow.load(id);
    if (snapshot.status !== 'active') throw new DomainError('DISPUTE.CLOSED', `Dispute ${id} is resolved; it takes no more evidence.`);
    const policy = workflow.policies.byVersion(snapshot.context.policyVersion)!;
    await receiveEvidence(req, res, { policy, sellerId: row.sellerId }, {
      schema: UploadFieldsSchema,
      target: ({ kind: _kind, ...fields }) => ({ owner: { disputeId: id }, fields }),
    });
  });
  onDispute.get('/:id/evidence', reads, read(async (req) => {
    const q = parse(PageQuerySchema, req.query, 'query');
    const after = q.cursor ? decodeCursor(q.cursor, EvidenceCursorSchema) : undefined;
    const rows = await workflow.evidence(disputeId(req), { after, limit: q.limit + 1 });
    return pageOf(rows, q.limit, (e) => ({ uploadedAt: e.uploadedAt, id: e.id }), evidenceView);
  }));

  const byId = listedRouter();
  const find = async (req: Request): Promise<EvidenceRow> => {
    const id = EvidenceIdSchema.safeParse(req.params.id);
    const row = id.success ? await store.read((r) => r.evidence.get(id.data)) : undefined;
    if (!row) throw new DomainError('EVIDENCE.NOT_FOUND', `No evidence ${String(req.params.id)}.`);
    return row;
  };
  byId.get('/:id', reads, read(async (req) => evidenceView(await find(req))));
  // The file through the storage port, with single byte ranges (`Range: bytes=0-99`).
  byId.get('/:id/file', reads, async (req, res) => {
    const row = await find(req);
    if (row.fileRemovedAt) {
      throw new DomainError('EVIDENCE.FILE_REMOVED', `The file was removed on ${new Date(row.fileRemovedAt).toISOString()} under the retention policy; the evidence record stays.`);
    }
    const size = await storage.size(row.sha256).catch(() => {
      throw new DomainError('EVIDENCE.NOT_FOUND', 'The file is not there.');
    });
    const ranges = req.range(size);
    if (ranges === -1) {
      res.set('Content-Range', `bytes */${size}`);
      throw new DomainError('EVIDENCE.RANGE_NOT_SATISFIABLE', `The file has ${size} bytes.`);
    }
    const range = Array.isArray(ranges) && ranges.length === 1 && ranges.type === 'bytes' ? ranges[0] : undefined;
    const type = MIME[row.mediaType] ?? 'application/octet-stream';
    // Only pictures and videos show in the browser; anything else (a PDF letter) downloads, never renders in our origin.
    const disposition = /^(image|video)\//.test(type) ? 'inline' : `attachment; filename="${row.id}.${row.mediaType}"`;
    res.set({ 'Content-Type': type, 'Content-Disposition': disposition, 'X-Content-Type-Options': 'nosniff', 'Accept-Ranges': 'bytes' });
    if (range) res.status(206).set({ 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) });
    else res.set('Content-Length', String(size));
    await pipeline(storage.open(row.sha256, range), res);
  });
  byId.get('/:id/proof/:name', reads, async (req, res) => {
    const row = await find(req);
    const name = ProofNameSchema.safeParse(req.params.name);
    if (!name.success) throw new DomainError('EVIDENCE.NOT_FOUND', 'No such proof image.');
    res.set('X-Content-Type-Options', 'nosniff');
    const type = name.data.endsWith('.png') ? 'image/png' : 'image/jpeg';
    res.sendFile(join(svc.proofDir(row.id), name.data), { headers: { 'Content-Type': type }, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) sendProblem(res, problemOf(new DomainError('EVIDENCE.NOT_FOUND', 'No such proof image.')));
    });
  });

  return { onDispute, byId, receiveEvidence };
}
