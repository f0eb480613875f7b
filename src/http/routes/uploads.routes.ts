import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { Upload } from '@tus/utils';
import type { NextFunction, Request, Response, Router } from 'express';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Caller } from '../../auth/caller.ts';
import type { EvidenceKind } from '../../domain/evidence-summary.ts';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import type { EvidenceService } from '../../evidence/evidence-service.ts';
import { hashFile } from '../../evidence/upload/hash-file.ts';
import type { HashedUpload } from '../../evidence/upload/hashing-disk-storage.ts';
import { maxBytesFor } from '../../evidence/upload/upload-limits.ts';
import type { UploadReceiverDeps } from '../../evidence/upload/upload-receiver.ts';
import { openUploadWindow, overQuota } from '../../evidence/upload/upload-window.ts';
import type { Clock } from '../../workflow/clock.ts';
import type { Answer, DisputeWorkflow } from '../../workflow/dispute-workflow.ts';
import { callerOf } from '../caller.ts';
import { problemOf, sendProblem, type Problem } from '../problem.ts';
import { listedRouter } from '../route-list.ts';
import { requireCapability } from '../scope.ts';
import { intentOf, metadataOf, type UploadIntent } from '../tus/upload-metadata.ts';
import { sendWebResponse, webRequestOf } from '../tus/web-bridge.ts';
import { disputeUploadDestination, registerUpload, type UploadDestination } from './evidence.routes.ts';
import { orderUploadDestination } from './orders.routes.ts';

export interface UploadsRouterDeps {
  service: EvidenceService;
  workflow: DisputeWorkflow;
  clock: Clock;
  /** The multipart receiver's own: temp folder, caps and timeouts, slots, a seller's stored bytes. */
  uploads: UploadReceiverDeps;
  /** An unfinished upload is refused (410) this long after its creation, and its bytes removed. */
  expiresAfterMs: number;
}

/** tus's default upload ids: 16 random bytes in hex. */
export const UploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a tus upload id');
/** The metadata key the server adds at creation: the API key the upload belongs to. */
const OWNER = 'uploadedBy';
const TUS_VERSION = '1.0.0';

/** What one request to tus carries into its hooks, and what the finishing hook leaves for the answer. */
interface TusCall {
  caller: Caller;
  refusal?: Problem;
}

/** tus's own refusals (text bodies) as our stable codes; anything else 4xx is REQUEST.REFUSED with its status. */
const TUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'REQUEST.INVALID',
  404: 'UPLOAD.NOT_FOUND',
  409: 'UPLOAD.OFFSET_MISMATCH',
  410: 'UPLOAD.EXPIRED',
  412: 'UPLOAD.TUS_VERSION',
  413: 'EVIDENCE.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

function tusProblem(status: number, text: string): Problem {
  const code = TUS_CODES[status];
  const e = new DomainError(code ?? 'REQUEST.REFUSED', text.trim() || `The upload request was refused (${status}).`);
  return code ? problemOf(e) : problemOf(e, status);
}

const invalidHeader = (name: string, detail: string, message: string) =>
  new DomainError('REQUEST.INVALID', message, { in: 'headers', errors: [{ pointer: `/headers/${name}`, detail }] });

/** A non-negative integer header (`Upload-Length`, `Upload-Offset`), required. */
function byteCount(req: Request, name: string): number {
  const v = req.get(name);
  if (v === undefined || !/^\d{1,15}$/.test(v)) throw invalidHeader(name.toLowerCase(), 'a non-negative integer, required', `Send ${name}: the number of bytes.`);
  return Number(v);
}

/** Every tus request names the protocol version (tus 1.0 §Tus-Resumable); refused before anything else is read. */
function requireTus(req: Request, res: Response, next: NextFunction): void {
  res.set('Tus-Resumable', TUS_VERSION);
  if (req.get('Tus-Resumable') !== TUS_VERSION) throw new DomainError('UPLOAD.TUS_VERSION', `Send Tus-Resumable: ${TUS_VERSION}.`, { version: TUS_VERSION });
  next();
}

/**
 * Resumable evidence uploads, tus 1.0 (creation, termination, expiration) at `/api/uploads`,
 * behind the API's keys and rate limit:
 *
 * - `POST /` creates an upload. `Upload-Length` is required (no deferred length) and within the
 *   kind's byte limit and the seller's quota; `Upload-Metadata` names `disputeId` or `orderId`
 *   (one), `kind`, `filename` and the multipart form's optional fields; the destination must be
 *   the caller's to see — all checked before any byte is stored. 201 with `Location`. It takes
 *   no bytes itself (no creation-with-upload).
 * - `HEAD /:id` tells the offset; `PATCH /:id` appends at it (one upload slot of the caller's
 *   while it streams, idle and total timeouts as multipart; the body cannot pass the declared
 *   length); `DELETE /:id` drops it. An upload is the key's that created it: another key gets 404.
 * - The PATCH that completes it registers the evidence exactly like a multipart upload
 *   (`registerUpload`, the destination checked again) and answers 204 with `Evidence-Id` and
 *   `Location: /api/evidence/<id>`, or the refusal as problem+json. The tus files go either way.
 *
 * Uploads live in this process's temp folder, so one resumes on the process that began it
 * (after a restart, or behind a load balancer without affinity, the client starts over).
 */
export function uploadsRouter(d: UploadsRouterDeps): Router {
  const directory = join(d.uploads.tmpDir(), 'tus');
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: d.expiresAfterMs });
  const calls = new WeakMap<globalThis.Request, TusCall>();
  const callOf = (req: globalThis.Request): TusCall => calls.get(req)!;

  const tus = new Server({
    path: '/api/uploads',
    datastore,
    relativeLocation: true,
    allowedOrigins: () => false, // CORS is the origin guard's (app.ts), for the configured origins only
    onUploadCreate: async (req, upload) => ({ metadata: { ...upload.metadata, [OWNER]: callOf(req).caller.keyId } }),
    onUploadFinish: async (req, upload) => finish(callOf(req), upload),
  });

  const destinationOf = (intent: UploadIntent, caller: Caller) =>
    'disputeId' in intent ? disputeUploadDestination(d.workflow, intent.disputeId, caller) : orderUploadDestination(d.workflow, d.clock, intent.orderId, caller);

  /** Soft by a race, like multipart: two uploads may pass together; the next one is refused. */
  async function assertQuota(sellerId: string | null, adding: number): Promise<void> {
    if (sellerId === null) return;
    const used = await d.uploads.storedBytes(sellerId);
    if (used + adding > d.uploads.limits.sellerQuotaBytes) throw overQuota(used + adding, d.uploads.limits.sellerQuotaBytes);
  }

  async function registerAt<S extends z.ZodType<{ kind: EvidenceKind }>>(to: UploadDestination<S>, file: HashedUpload, fields: Record<string, string>, caller: Caller): Promise<Answer> {
    await assertQuota(to.sellerId, file.size);
    return registerUpload(d.service, file, fields, to, { caller });
  }

  /** The destination checked again (it may have closed, or the key lost sight of it), the quota too, then the one registration path. */
  async function register(file: HashedUpload, intent: UploadIntent, caller: Caller): Promise<Answer> {
    return 'disputeId' in intent
      ? registerAt(await disputeUploadDestination(d.workflow, intent.disputeId, caller), file, intent.fields, caller)
      : registerAt(await orderUploadDestination(d.workflow, d.clock, intent.orderId, caller), file, intent.fields, caller);
  }

  async function finish(call: TusCall, upload: Upload): Promise<{ headers: Record<string, string> }> {
    const path = upload.storage?.path ?? join(directory, upload.id);
    try {
      const { [OWNER]: _owner, ...metadata } = upload.metadata ?? {};
      // tus does not hash as it streams (the bytes came in several requests): hash the whole file once.
      const a = await register(await hashFile(path), intentOf(metadata), call.caller);
      if (a.status >= 400) throw refuse(call, a.body as Problem);
      const id = (a.body as { id: string }).id;
      return { headers: { 'Evidence-Id': id, Location: `/api/evidence/${id}` } };
    } catch (err) {
      if (err instanceof DomainError) throw refuse(call, problemOf(err));
      throw err;
    } finally {
      await unlink(path).catch(() => {}); // registered (moved to its address) or refused: the tus file goes
      await datastore.configstore.delete(upload.id).catch(() => {});
    }
  }

  /** Keeps the problem for the answer; tus gets its own error shape (it aborts the request with that status). */
  function refuse(call: TusCall, problem: Problem): { status_code: number; body: string } {
    call.refusal = problem;
    return { status_code: problem.status, body: JSON.stringify(problem) };
  }

  /** Hands the request to tus (with the caller for its hooks) and sends its answer: problems as problem+json. */
  async function relay(req: Request, res: Response, streams: boolean): Promise<void> {
    const caller = callerOf(res);
    const close = streams ? openUploadWindow(req, res, d.uploads, caller.keyId) : () => {};
    try {
      const request = webRequestOf(req);
      const call: TusCall = { caller };
      calls.set(request, call);
      const answer = await tus.handleWeb(request);
      if (call.refusal) return sendProblem(res, call.refusal);
      if (answer.status >= 500 && !req.complete) return void res.destroy(); // the client cut the connection: the bytes that came stay, HEAD tells the offset
      if (answer.status >= 500) throw new Error(`tus answered ${answer.status}: ${await answer.text()}`);
      if (answer.status >= 400) return sendProblem(res, tusProblem(answer.status, await answer.text()));
      await sendWebResponse(res, answer);
    } finally {
      close();
    }
  }

  /** HEAD/PATCH/DELETE: the upload exists and is this key's (404 otherwise, as if it did not exist). */
  async function owned(req: Request, res: Response, next: NextFunction): Promise<void> {
    const id = UploadIdSchema.safeParse(req.params.id);
    const upload = id.success ? await datastore.getUpload(id.data).catch(() => undefined) : undefined;
    if (!upload || upload.metadata?.[OWNER] !== callerOf(res).keyId) throw new DomainError('UPLOAD.NOT_FOUND', `No upload ${String(req.params.id)}.`);
    next();
  }

  const r = listedRouter();
  const uploader = requireCapability('evidence.upload');
  r.post('/', uploader, requireTus, async (req, res) => {
    if (req.get('Upload-Defer-Length') !== undefined) throw invalidHeader('upload-length', 'required; deferred length is not supported', 'Send Upload-Length: the file\'s size is needed to check its limit before any byte is stored.');
    const length = byteCount(req, 'Upload-Length');
    const intent = intentOf(metadataOf(req.get('Upload-Metadata')));
    const to = await destinationOf(intent, callerOf(res));
    const limit = maxBytesFor(intent.fields.kind as EvidenceKind, to.policy);
    if (length > limit) throw new DomainError('EVIDENCE.TOO_LARGE', `The file is larger than the ${limit} bytes allowed for this kind.`, { limit });
    if (length === 0) throw new DomainError('EVIDENCE.EMPTY', 'The file is empty.');
    await assertQuota(to.sellerId, length);
    // No creation-with-upload: tus re-reads the upload after a creation that completed it, and the
    // registered file has moved to its address by then. The bytes come with PATCH, in a slot.
    if (req.get('Content-Type') !== undefined && req.is('application/offset+octet-stream')) {
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The creation request takes no bytes here: PATCH them to the Location it answers.');
    }
    await relay(req, res, false);
  });
  r.head('/:id', uploader, requireTus, owned, (req, res) => relay(req, res, false));
  r.patch('/:id', uploader, requireTus, owned, async (req, res) => {
    byteCount(req, 'Upload-Offset');
    if (!req.is('application/offset+octet-stream')) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the bytes as application/offset+octet-stream.');
    await relay(req, res, true);
  });
  r.delete('/:id', uploader, requireTus, owned, (req, res) => relay(req, res, false));
  return r;
}
