import type { Response } from 'express';
import type { z } from 'zod';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

/** RFC 9457 problem details with our stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  [extra: string]: unknown;
}

export const STATUS: Record<ErrorCode, number> = {
  'DISPUTE.NOT_FOUND': 404,
  'DISPUTE.ALREADY_EXISTS': 409,
  'DISPUTE.EVENT_NOT_ALLOWED': 409,
  'DISPUTE.VERSION_CONFLICT': 409,
  'DISPUTE.AMOUNT_INVALID': 422,
  'DISPUTE.CLOSED': 409,
  'EVIDENCE.NOT_FOUND': 404,
  'EVIDENCE.TYPE_NOT_ALLOWED': 415,
  'EVIDENCE.TOO_LARGE': 413,
  'EVIDENCE.EMPTY': 400,
  'EVIDENCE.IMAGE_TOO_LARGE': 422,
  'EVIDENCE.RANGE_NOT_SATISFIABLE': 416,
  'EVIDENCE.FILE_REMOVED': 410,
  'EVIDENCE.QUOTA_EXCEEDED': 413,
  'UPLOAD.KIND_AFTER_FILE': 400,
  'UPLOAD.TOO_MANY_PER_CALLER': 429,
  'UPLOAD.SERVER_BUSY': 503,
  /** A tus upload that is not there, or belongs to another key. */
  'UPLOAD.NOT_FOUND': 404,
  /** A tus PATCH whose Upload-Offset is not the upload's offset (HEAD tells it). */
  'UPLOAD.OFFSET_MISMATCH': 409,
  /** An unfinished tus upload past its expiry; its bytes are gone. */
  'UPLOAD.EXPIRED': 410,
  /** A tus request without `Tus-Resumable: 1.0.0`. */
  'UPLOAD.TUS_VERSION': 412,
  'EVIDENCE.NOT_IN_REVIEW': 409,
  'EVIDENCE.NOT_ON_DISPUTE': 409,
  'ORDER.NOT_FOUND': 404,
  'ORDER.SELLER_MISMATCH': 409,
  'REQUEST.INVALID': 400,
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.UNSUPPORTED_CHARSET': 415,
  'REQUEST.UNSUPPORTED_ENCODING': 415,
  'REQUEST.MALFORMED_BODY': 400,
  'REQUEST.BAD_PATH': 400,
  'REQUEST.TOO_DEEP': 400,
  'REQUEST.TOO_MANY_KEYS': 400,
  /** The fallback for a 4xx a library raised that has no code of its own: the error's own status. */
  'REQUEST.REFUSED': 400,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'ROUTE.NOT_FOUND': 404,
  'JOB.LEASE_LOST': 409,
  'AUTH.MISSING': 401,
  'AUTH.INVALID': 401,
  'AUTH.FORBIDDEN': 403,
  'AUTH.FORBIDDEN_EVENT': 403,
  'AUTH.FORBIDDEN_ORIGIN': 403,
  'RATE.LIMITED': 429,
  'WEBHOOK.ENDPOINT_NOT_FOUND': 404,
  'WEBHOOK.DELIVERY_NOT_FOUND': 404,
  'WEBHOOK.DELIVERY_PENDING': 409,
  'WEBHOOK.ENDPOINT_DISABLED': 409,
  'INTEGRATION.NOT_CONFIGURED': 404,
  'INTEGRATION.BAD_SIGNATURE': 401,
  'INTEGRATION.BAD_TOKEN': 401,
  'INTEGRATION.STALE': 401,
  'INTEGRATION.REPLAYED': 401,
};

/** The problem for `e`; `status` overrides the code's own only for the REQUEST.REFUSED fallback. */
export function problemOf(e: DomainError, status = STATUS[e.code]): Problem {
  // Extras first: they may never override the RFC 9457 members.
  return {
    ...e.extra,
    type: `https://dispute-evidence.dev/problems/${e.code.toLowerCase().replace('.', '/')}`,
    title: e.code,
    status,
    code: e.code,
    detail: e.message,
  };
}

/** A zod failure as REQUEST.INVALID with one JSON pointer per problem. */
export function invalidRequest(error: z.ZodError, where: 'body' | 'query' | 'params' | 'headers' = 'body'): DomainError {
  const errors = error.issues.map((i) => ({
    pointer: '/' + i.path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/'),
    detail: i.message,
  }));
  const first = errors[0];
  return new DomainError('REQUEST.INVALID', `The request ${where} is invalid${first ? `: ${first.pointer} ${first.detail}` : ''}.`, { in: where, errors });
}

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}
