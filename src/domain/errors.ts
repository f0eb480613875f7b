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
  | 'INTEGRATION.NOT_CONFIGURED'
  | 'INTEGRATION.BAD_SIGNATURE'
  | 'INTEGRATION.BAD_TOKEN'
  | 'INTEGRATION.STALE'
  | 'INTEGRATION.REPLAYED';

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
