import { DomainError, type ErrorCode } from '../domain/errors.ts';

/** body-parser's error `type`s and what a client is told for each. */
const BY_PARSER_TYPE: Record<string, { code: ErrorCode; detail: string }> = {
  'entity.parse.failed': { code: 'REQUEST.MALFORMED_JSON', detail: 'The body is not valid JSON.' },
  'entity.too.large': { code: 'REQUEST.TOO_LARGE', detail: 'The body is too large.' },
  'charset.unsupported': { code: 'REQUEST.UNSUPPORTED_CHARSET', detail: 'Send JSON as UTF-8 (no charset, or charset=utf-8).' },
  'encoding.unsupported': { code: 'REQUEST.UNSUPPORTED_ENCODING', detail: 'Content-Encoding must be identity, gzip, deflate or br.' },
  'request.aborted': { code: 'REQUEST.MALFORMED_BODY', detail: 'The body ended before it was complete.' },
  'request.size.invalid': { code: 'REQUEST.MALFORMED_BODY', detail: 'The body does not have the length Content-Length says.' },
};

/** zlib's error codes (`Z_DATA_ERROR`, `Z_BUF_ERROR`) and brotli's (`ERR__ERROR_FORMAT_PADDING_2`, `ERR_BROTLI_…`). */
const DECODER_CODE = /^(Z_|ERR__ERROR_|ERR_BROTLI)/;

function statusOf(err: object): number | undefined {
  const s = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' && s >= 400 && s < 500 ? s : undefined;
}

/**
 * The client's mistake behind an error that a library (body-parser, the router) raised with
 * a 4xx status, as a DomainError with a stable code; undefined for anything else (a 500).
 *  - body-parser's `type`s (charset, encoding, parse, size);
 *  - a body that does not decompress (truncated gzip, gzip or br on a plain body);
 *  - the router's URIError for a path with invalid percent-encoding (`/api/disputes/%ff%fe`);
 *  - any other 4xx: REQUEST.REFUSED with that status.
 */
export function requestErrorOf(err: unknown): { error: DomainError; status?: number } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = statusOf(err);
  if (status === undefined) return undefined;
  const type = (err as { type?: unknown }).type;
  const known = typeof type === 'string' ? BY_PARSER_TYPE[type] : undefined;
  if (known) return { error: new DomainError(known.code, known.detail) };
  const zlibCode = (err as { code?: unknown }).code;
  if (typeof zlibCode === 'string' && DECODER_CODE.test(zlibCode)) {
    return { error: new DomainError('REQUEST.MALFORMED_BODY', `The body could not be decoded as its Content-Encoding says (${zlibCode}).`) };
  }
  if (err instanceof URIError) return { error: new DomainError('REQUEST.BAD_PATH', 'The path has an invalid percent-encoding.') };
  return { error: new DomainError('REQUEST.REFUSED', `The request was refused (HTTP ${status}).`), status };
}
