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
import type { Answer, DisputeWorkflow, Idempotency } from '../../workflow/dispute-workflow.ts';
import { callerOf } from '../caller.ts';
import { answerWith, idempotencyOf, sendAnswer } from '../idempotency.ts';
import { decodeCursor, pageOf, PageQuerySchema } from '../list-cursor.ts';
import { problemOf, sendProblem } from '../problem.ts';
import { actorOf, type Caller } from '../../auth/caller.ts';
import { sees } from '../../auth/permissions.ts';
import type { HashedUpload } from '../../evidence/upload/hashing-disk-storage.ts';
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

/** Where an upload goes: the policy that sizes and checks it, the seller whose quota it counts against, and the form that reads its fields. */
export interface UploadDestination<S extends z.ZodType<{ kind: EvidenceKind }>> {
  policy: Policy;
  /** null: an order not registered yet, whose seller the form names (no quota to check). */
  sellerId: string | null;
  form: UploadForm<S>;
}

/**
 * A dispute as an upload's destination, checked before any byte is stored and again when a
 * resumable upload finishes: it exists and the caller sees it (404 DISPUTE.NOT_FOUND for another
 * seller's), it still takes evidence (409 DISPUTE.CLOSED), under the policy it is pinned to.
 */
export async function disputeUploadDestination(workflow: DisputeWorkflow, id: string, caller: Caller): Promise<UploadDestination<typeof UploadFieldsSchema>> {
  const { row, snapshot } = await workflow.load(id);
  if (!sees(caller, row.sellerId)) throw new DomainError('DISPUTE.NOT_FOUND', `No dispute ${id}.`);
  if (snapshot.status !== 'active') throw new DomainError('DISPUTE.CLOSED', `Dispute ${id} is resolved; it takes no more evidence.`);
  return {
    policy: workflow.policies.byVersion(snapshot.context.policyVersion)!,
    sellerId: row.sellerId,
    form: { schema: UploadFieldsSchema, target: ({ kind: _kind, ...fields }) => ({ owner: { disputeId: id }, fields }) },
  };
}

/**
 * Every evidence upload, multipart or tus, once it is a temp file and its fields: parses the
 * fields with the destination's form, hands the file to `svc.accept` for the owner the form
 * names (sniffed type, size and pixels; stored at its content address; row and check job in
 * one unit of work) and returns the answer: 202 with the evidence, or the refusal. The temp
 * file is gone afterwards, whatever happened.
 */
export async function registerUpload<S extends z.ZodType<{ kind: EvidenceKind }>>(
  svc: EvidenceService,
  file: HashedUpload,
  rawFields: Record<string, unknown>,
  to: UploadDestination<S>,
  by: { caller: Caller; idempotency?: (fields: z.output<S>) => Idempotency | undefined },
): Promise<Answer> {
  try {
    const fields = parse(to.form.schema, rawFields);
    const target = to.form.target(fields);
    return await svc.accept(target.owner, to.policy, fields.kind, file, target.fields, {
      idempotency: by.idempotency?.(fields),
      actor: actorOf(by.caller),
      present: answerWith((o) => ({ status: 202, body: evidenceView(o.evidence!) })),
    });
  } finally {
    await unlink(file.path).catch(() => {}); // refused before it was stored: drop the temp file
  }
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
   * The multipart receiving path for evidence uploads, to a dispute or to an order: streams the
   * body through the upload receiver (caps, timeouts, kind before file, the seller's quota)
   * under the destination's policy, then registers the file like every upload
   * (`registerUpload`) and answers 202 (or the refusal).
   */
  async function receiveEvidence<S extends z.ZodType<{ kind: EvidenceKind }>>(req: Request, res: Response, to: UploadDestination<S>): Promise<void> {
    if (!req.is('multipart/form-data')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send evidence as multipart/form-data with a `file` part.');
    const caller = callerOf(res);
    const upload = await receive(req, res, { policy: to.policy, sellerId: to.sellerId, keyId: caller.keyId });
    const file = upload.file;
    if (!file) throw new DomainError('REQUEST.INVALID', 'The form has no `file` part.', { errors: [{ pointer: '/file', detail: 'required' }] });
    const a = await registerUpload(svc, file, upload.fields, to, {
      caller,
      // Idempotency for uploads: the same key with the same bytes and fields replays the first 202.
      idempotency: (fields) => idempotencyOf(req, createHash('sha256').update(`${file.sha256}\n${JSON.stringify(fields)}`).digest('hex')),
    });
    if (a.status === 202) res.location(`/api/evidence/${(a.body as { id: string }).id}`);
    sendAnswer(res, a);
  }

  const onDispute = listedRouter();
  // Expected failures are thrown as DomainErrors; the app's error handler answers problem+json.
  const reads = requireCapability('disputes.read');
  onDispute.post('/:id/evidence', requireCapability('evidence.upload'), async (req, res) => {
    await receiveEvidence(req, res, await disputeUploadDestination(workflow, disputeId(req), callerOf(res)));
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
