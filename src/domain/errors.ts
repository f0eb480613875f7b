/**
 * The one error class for expected failures. `code` is stable and public (clients switch on
 * it); the HTTP layer maps codes to statuses. Unexpected failures stay plain Errors.
 */
export type ErrorCode =
  | 'DISPUTE.NOT_FOUND'
  | 'DISPUTE.ALREADY_EXISTS'
  | 'DISPUTE.EVENT_NOT_ALLOWED'
  | 'DISPUTE.VERSION_CONFLICT'
  | 'DISPUTE.AMOUNT_INVALID'
  | 'DISPUTE.CLOSED'
  | 'EVIDENCE.NOT_FOUND'
  | 'EVIDENCE.TYPE_NOT_ALLOWED'
  | 'EVIDENCE.TOO_LARGE'
  | 'EVIDENCE.EMPTY'
  | 'EVIDENCE.IMAGE_TOO_LARGE'
  | 'EVIDENCE.RANGE_NOT_SATISFIABLE'
  | 'EVIDENCE.FILE_REMOVED'
  | 'EVIDENCE.QUOTA_EXCEEDED'
  | 'UPLOAD.KIND_AFTER_FILE'
  | 'UPLOAD.TOO_MANY_PER_CALLER'
  | 'UPLOAD.SERVER_BUSY'
  | 'REQUEST.INVALID'
  | 'REQUEST.MALFORMED_JSON'
  | 'REQUEST.TOO_LARGE'
  | 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST.UNSUPPORTED_CHARSET'
  | 'REQUEST.UNSUPPORTED_ENCODING'
  | 'REQUEST.MALFORMED_BODY'
  | 'REQUEST.BAD_PATH'
  | 'REQUEST.TOO_DEEP'
  | 'REQUEST.TOO_MANY_KEYS'
  | 'REQUEST.REFUSED'
  | 'IDEMPOTENCY.KEY_REUSED'
  | 'ROUTE.NOT_FOUND'
  | 'JOB.LEASE_LOST'
  | 'AUTH.MISSING'
  | 'AUTH.INVALID'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.FORBIDDEN_EVENT'
  | 'AUTH.FORBIDDEN_ORIGIN'
  | 'RATE.LIMITED'
  | 'WEBHOOK.ENDPOINT_NOT_FOUND'
  | 'WEBHOOK.DELIVERY_NOT_FOUND'
  | 'WEBHOOK.DELIVERY_PENDING'
  | 'WEBHOOK.ENDPOINT_DISABLED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
