import type { Request, Response } from 'express';
import { DomainError } from '../../domain/errors.ts';
import type { UploadLimits } from './upload-limits.ts';
import type { UploadSlots } from './upload-slots.ts';

/** Who the upload caps count: the API key, or the remote address while the caller is anonymous. */
function callerKey(req: Request, keyId: string): string {
  return keyId === 'anonymous' ? `anonymous@${req.socket.remoteAddress ?? '?'}` : keyId;
}

/**
 * Opens the window one upload request streams in: takes one of the caller's and the process's
 * upload slots (429 / 503 with `Retry-After` when full) and cuts the request off when it sends
 * nothing for `idleMs` or still streams after `totalMs` (the socket closes; the reader cleans
 * up its temp file). Returns the close, which frees the slot and the timers (safe to call twice).
 * Multipart uploads and tus PATCHes both stream through one.
 *
 *   const close = openUploadWindow(req, res, { slots, limits }, callerOf(res).keyId);
 *   try { await readTheBody(); } finally { close(); }
 */
export function openUploadWindow(req: Request, res: Response, d: { slots: UploadSlots; limits: UploadLimits }, keyId: string): () => void {
  let release: () => void;
  try {
    release = d.slots.take(callerKey(req, keyId));
  } catch (err) {
    if (err instanceof DomainError) res.set('Retry-After', String(err.extra.retryAfter));
    throw err;
  }
  const idle = () => req.destroy();
  req.setTimeout(d.limits.idleMs, idle);
  const total = setTimeout(() => req.destroy(), d.limits.totalMs);
  return () => {
    clearTimeout(total);
    req.setTimeout(0);
    req.off('timeout', idle);
    release();
  };
}

/** The refusal of an upload that would take the seller past its storage quota. */
export function overQuota(used: number, quota: number): DomainError {
  return new DomainError('EVIDENCE.QUOTA_EXCEEDED', `This seller keeps ${used} bytes of evidence; the quota is ${quota}. Rejected files are removed after their retention period.`, { used, quota });
}
