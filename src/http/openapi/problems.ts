import { ROLES } from '../../auth/caller.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import { STATUS } from '../problem.ts';
import type { JsonSchema } from './json-schema.ts';
import type { OperationSpec } from './operation.ts';

/** Every stable error code; `STATUS` is a Record over the ErrorCode union, so tsc keeps this complete. */
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];

/** RFC 9457 problem details with our stable `code`; `x-status` maps each code to its HTTP status. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (`application/problem+json`). Switch on `code`: it is stable; `title` is the code, `detail` is for people.',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    code: { enum: ERROR_CODES, 'x-status': STATUS },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'REQUEST.INVALID: one JSON pointer per problem.',
      items: { type: 'object', required: ['pointer', 'detail'], properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
    in: { enum: ['body', 'query', 'params', 'headers'] },
    allowedEvents: { type: 'array', items: { type: 'string' }, description: 'DISPUTE.EVENT_NOT_ALLOWED: what the dispute accepts now.' },
    currentVersion: { type: 'integer', description: 'DISPUTE.VERSION_CONFLICT: the version the dispute is at.' },
  },
  additionalProperties: true,
};

const JSON_BODY_CODES: readonly ErrorCode[] = [
  'REQUEST.INVALID', 'REQUEST.MALFORMED_JSON', 'REQUEST.MALFORMED_BODY', 'REQUEST.TOO_DEEP', 'REQUEST.TOO_MANY_KEYS', 'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'REQUEST.UNSUPPORTED_CHARSET', 'REQUEST.UNSUPPORTED_ENCODING', 'REQUEST.REFUSED',
];

/** The codes `op` can answer: its own plus those of every operation of its kind (key, body, writes). */
export function codesOf(op: OperationSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(['REQUEST.BAD_PATH', ...op.errors]);
  if (op.access !== 'public') {
    codes.add('AUTH.MISSING').add('AUTH.INVALID').add('RATE.LIMITED');
    if (op.access.length < ROLES.length && !codes.has('AUTH.FORBIDDEN_EVENT')) codes.add('AUTH.FORBIDDEN');
  }
  if (op.method !== 'get' && op.method !== 'head') codes.add('AUTH.FORBIDDEN_ORIGIN'); // safe methods pass the origin guard
  if (op.query || op.idempotent || op.body?.kind === 'multipart') codes.add('REQUEST.INVALID');
  if (op.idempotent) codes.add('IDEMPOTENCY.KEY_REUSED');
  if (op.body?.kind === 'json') JSON_BODY_CODES.forEach((c) => codes.add(c));
  return [...codes];
}

/** One problem+json response per status `op` can answer, naming its codes. */
export function problemResponses(op: OperationSpec): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codesOf(op)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [
      String(status),
      {
        description: codes.join(', '),
        'x-codes': codes,
        content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { code: { enum: codes } } }] } } },
      },
    ]),
  );
}
