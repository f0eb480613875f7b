import type { ErrorCode } from '../../domain/errors.ts';
import { UploadIdSchema } from '../routes/uploads.routes.ts';
import { DisputeUploadMetadataSchema, OrderUploadMetadataSchema } from '../tus/upload-metadata.ts';
import { inputSchema } from './json-schema.ts';
import { rolesWith, type HeaderSpec, type OperationSpec } from './operation.ts';

const uploaders = rolesWith('evidence.upload');
const uploadParam = { id: UploadIdSchema };
const bytes = (description: string): HeaderSpec => ({ description, schema: { type: 'string', pattern: '^[0-9]{1,15}$' } });
const TUS_RESUMABLE: HeaderSpec = { required: true, description: 'The tus protocol version: `1.0.0` (412 UPLOAD.TUS_VERSION otherwise).', schema: { const: '1.0.0' } };
const UPLOAD_OFFSET = bytes('Bytes of the upload received so far.');

/** Where the evidence goes: checked at creation and again when the finishing PATCH registers it. */
const DESTINATION_CODES: readonly ErrorCode[] = ['DISPUTE.NOT_FOUND', 'DISPUTE.CLOSED', 'ORDER.NOT_FOUND', 'EVIDENCE.QUOTA_EXCEEDED', 'EVIDENCE.EMPTY', 'AUTH.FORBIDDEN'];
/** What the finishing PATCH may refuse when it registers the evidence, as a multipart upload would. */
const REGISTRATION_CODES: readonly ErrorCode[] = [...DESTINATION_CODES, 'EVIDENCE.TYPE_NOT_ALLOWED', 'EVIDENCE.IMAGE_TOO_LARGE', 'ORDER.SELLER_MISMATCH', 'REQUEST.REFUSED'];

/** The decoded `Upload-Metadata` pairs, one object per destination (documentation of the header; the route reads it with these schemas). */
const METADATA_DESCRIPTION = [
  'Comma-separated `key base64(value)` pairs (tus 1.0). Exactly one of `disputeId` and `orderId`; `kind` and `filename` always;',
  'the optional fields the multipart form of that destination accepts. Decoded, one of these objects:',
  '```json',
  JSON.stringify({ dispute: inputSchema(DisputeUploadMetadataSchema), order: inputSchema(OrderUploadMetadataSchema) }),
  '```',
].join('\n');

/** Resumable evidence uploads, tus 1.0 (creation, termination, expiration). */
export const UPLOAD_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post', path: '/api/uploads', tag: 'Evidence', summary: 'Start a resumable upload (tus creation)',
    description: 'Checks everything it can before any byte is stored: the metadata, `Upload-Length` (required; no deferred length) within the kind\'s byte limit and the seller\'s quota, the dispute or order visible to the key and still taking evidence. 201 with `Location: /api/uploads/{id}`; the upload is this key\'s alone and expires 1 h after creation (`Upload-Expires`). It takes no bytes (no creation-with-upload: 415); PATCH them.',
    access: uploaders,
    headers: {
      'Tus-Resumable': TUS_RESUMABLE,
      'Upload-Length': { ...bytes('The file\'s size in bytes.'), required: true },
      'Upload-Metadata': { required: true, description: METADATA_DESCRIPTION, schema: { type: 'string' } },
    },
    success: {
      status: 201, description: 'Created: PATCH the bytes to `Location`.',
      headers: { Location: { description: '`/api/uploads/{id}`', schema: { type: 'string' } }, 'Upload-Expires': { description: 'When an unfinished upload is dropped (RFC 7231 date).', schema: { type: 'string' } } },
    },
    errors: ['UPLOAD.TUS_VERSION', 'REQUEST.INVALID', 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'EVIDENCE.TOO_LARGE', ...DESTINATION_CODES],
  },
  {
    method: 'head', path: '/api/uploads/{id}', tag: 'Evidence', summary: 'Offset of a resumable upload',
    description: 'How many bytes arrived (`Upload-Offset`): resume with a PATCH from there. Another key\'s upload, a finished or a dropped one is 404.',
    access: uploaders, params: uploadParam,
    headers: { 'Tus-Resumable': TUS_RESUMABLE },
    success: {
      status: 200, description: 'The upload\'s state, in headers (no body).',
      headers: { 'Upload-Offset': UPLOAD_OFFSET, 'Upload-Length': bytes('The declared size.'), 'Upload-Metadata': { description: 'As created, plus `uploadedBy` (the key).', schema: { type: 'string' } } },
    },
    errors: ['UPLOAD.TUS_VERSION', 'UPLOAD.NOT_FOUND', 'UPLOAD.EXPIRED'],
  },
  {
    method: 'patch', path: '/api/uploads/{id}', tag: 'Evidence', summary: 'Send bytes of a resumable upload',
    description: 'Appends the body at `Upload-Offset` (409 UPLOAD.OFFSET_MISMATCH unless it is the upload\'s offset; HEAD tells it). A body cannot pass the declared length. While it streams it holds one of the key\'s upload slots (as a multipart upload does) and is cut off when idle or overlong; a cut connection keeps the bytes that arrived. The PATCH that completes the file registers it exactly like a multipart upload (type sniffed from content, SHA-256, stored at its address, checked in the background): 204 with `Evidence-Id` and `Location: /api/evidence/{evidenceId}`, or the refusal; the upload is gone either way.',
    access: uploaders, params: uploadParam,
    headers: { 'Tus-Resumable': TUS_RESUMABLE, 'Upload-Offset': { ...UPLOAD_OFFSET, required: true, description: 'Where these bytes start.' } },
    body: { kind: 'binary', contentType: 'application/offset+octet-stream' },
    success: {
      status: 204, description: 'Received (and, when complete, registered).',
      headers: {
        'Upload-Offset': UPLOAD_OFFSET,
        'Evidence-Id': { description: 'Only when the PATCH completed the upload: the evidence it registered (checks run in the background).', schema: { type: 'string', pattern: '^evd_[0-9a-f]{32}$' } },
        Location: { description: 'Only when complete: `/api/evidence/{evidenceId}`.', schema: { type: 'string' } },
      },
    },
    errors: ['UPLOAD.TUS_VERSION', 'UPLOAD.NOT_FOUND', 'UPLOAD.EXPIRED', 'UPLOAD.OFFSET_MISMATCH', 'REQUEST.INVALID', 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'EVIDENCE.TOO_LARGE', 'UPLOAD.TOO_MANY_PER_CALLER', 'UPLOAD.SERVER_BUSY', ...REGISTRATION_CODES],
  },
  {
    method: 'delete', path: '/api/uploads/{id}', tag: 'Evidence', summary: 'Drop a resumable upload (tus termination)',
    description: 'Removes an unfinished upload and its bytes.',
    access: uploaders, params: uploadParam,
    headers: { 'Tus-Resumable': TUS_RESUMABLE },
    success: { status: 204, description: 'Dropped.' },
    errors: ['UPLOAD.TUS_VERSION', 'UPLOAD.NOT_FOUND', 'REQUEST.INVALID'],
  },
];
