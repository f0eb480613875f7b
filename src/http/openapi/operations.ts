import { z } from 'zod';
import { ClientEventSchema, ExpectedVersionSchema } from '../../workflow/client-event.schema.ts';
import { OpenDisputeSchema } from '../../workflow/open-dispute.command.ts';
import { PageQuerySchema } from '../list-cursor.ts';
import { ListQuerySchema } from '../dispute-list.query.ts';
import { EvidenceIdSchema, ProofNameSchema, UploadFieldsSchema } from '../routes/evidence.routes.ts';
import { DisputeIdSchema } from '../routes/read.ts';
import { eventSenders, rolesWith, type OperationSpec } from './operation.ts';
import { FILE_DISPUTE_EXAMPLE } from './examples.ts';
import { pageOf } from './views.schema.ts';
import { ORDER_OPERATIONS } from './order-operations.ts';
import { UPLOAD_OPERATIONS } from './upload-operations.ts';
import { WEBHOOK_OPERATIONS } from './webhook-operations.ts';
import { CONSOLE_OPERATIONS } from './console-operations.ts';

/**
 * `POST /api/disputes/{id}/events` takes the event and, beside it, the `version` the caller saw;
 * the route reads them apart (ClientEventSchema, ExpectedVersionSchema). This is the same
 * objects joined, each event keeping its own checks (safeExtend keeps refinements).
 */
export const EventBodySchema = z.union(ClientEventSchema.options.map((event) => event.safeExtend(ExpectedVersionSchema.shape)));

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const disputeParam = { id: DisputeIdSchema };
const evidenceParam = { id: EvidenceIdSchema };
const readers = rolesWith('disputes.read');


/** Every operation the service answers; the OpenAPI test fails when a route is missing here. */
export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post', path: '/api/disputes', tag: 'Disputes', summary: 'File or import a dispute',
    description: 'Files a dispute (or imports one with `openedAt`; one whose deadline has passed is judged at once). `openedAt` may be at most 5 minutes ahead of the service\'s clock and not before `shippedAt`; money is a decimal string in an ISO 4217 currency with that currency\'s minor units; ids and names are trimmed, NFC-normalised and printable. A key scoped to a seller files for that seller only.',
    access: rolesWith('disputes.open'), idempotent: true,
    body: { kind: 'json', schema: OpenDisputeSchema, examples: { readme: { summary: 'A parcel that never arrived (README)', value: FILE_DISPUTE_EXAMPLE } } },
    success: { status: 201, description: 'The dispute, with `Location`.', schema: ref('Dispute') },
    errors: ['DISPUTE.ALREADY_EXISTS', 'AUTH.FORBIDDEN'],
  },
  {
    method: 'get', path: '/api/disputes', tag: 'Disputes', summary: 'List disputes',
    description: 'The agent queue: each dispute with its reason, amount, the side the preview favours, what is missing and how much evidence waits for review. By id, or most urgent first (`order=urgency`, and always with `dueBefore`, `needsReview` or `favours`); filters combine (all must hold). Keyset-paged: send `nextCursor` back with the same query. A seller-scoped key lists its own seller\'s disputes only.',
    access: readers, query: ListQuerySchema,
    success: { status: 200, description: 'A page of disputes.', schema: pageOf('DisputeSummary', 'A page of disputes') },
    errors: [],
  },
  {
    method: 'get', path: '/api/disputes/{id}', tag: 'Disputes', summary: 'Read a dispute',
    description: 'Status, deadlines, `allowedEvents`, outcome, `version`, `policyVersion` and evidence.',
    access: readers, params: disputeParam,
    success: { status: 200, description: 'The dispute.', schema: ref('Dispute') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'post', path: '/api/disputes/{id}/events', tag: 'Disputes', summary: 'Send an event',
    description: 'Moves the dispute. Each role sends the events of the party it speaks for (agent: the seller\'s; integration: the buyer\'s and TRACKING_UPDATED; arbitrator: ARBITRATION_DECIDED); ESCALATED\'s `by` is filled in from the key\'s role. `version` (optional) is the version the caller saw: 409 DISPUTE.VERSION_CONFLICT when the dispute moved on. A partial refund is in the order\'s currency, more than 0 and less than the order; other solutions take no amount. DEADLINE_PASSED and EVIDENCE_REPORTED are internal (400).',
    access: eventSenders(), idempotent: true, params: disputeParam,
    body: {
      kind: 'json', schema: EventBodySchema,
      examples: {
        partialRefund: { summary: 'Propose a partial refund (README)', value: { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '20.00', currency: 'USD' }, version: 3 } },
        escalate: { summary: 'Escalate to arbitration', value: { type: 'ESCALATED', by: 'seller' } },
      },
    },
    success: { status: 200, description: 'The dispute after the event.', schema: ref('Dispute') },
    errors: ['DISPUTE.NOT_FOUND', 'DISPUTE.EVENT_NOT_ALLOWED', 'DISPUTE.VERSION_CONFLICT', 'DISPUTE.AMOUNT_INVALID', 'AUTH.FORBIDDEN_EVENT'],
  },
  {
    method: 'get', path: '/api/disputes/{id}/events', tag: 'Audit log', summary: 'Read the audit log',
    description: 'Append-only and hash-chained (`prevHash`, `hash`), in pages of `limit` (1–500, default 100).',
    access: readers, params: disputeParam, query: PageQuerySchema,
    success: { status: 200, description: 'A page of log entries.', schema: pageOf('AuditEntry', 'A page of the audit log') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/api/disputes/{id}/events/verify', tag: 'Audit log', summary: 'Verify the audit log',
    description: 'Recomputes every hash from the entries: `{ ok, entries, head }` or `{ ok: false, brokenAt, reason }`.',
    access: readers, params: disputeParam,
    success: { status: 200, description: 'The chain\'s verdict.', schema: ref('ChainVerdict') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/api/disputes/{id}/verdict-preview', tag: 'Verdict preview', summary: 'Preview the verdict',
    description: 'Who would win now, why (rule ids), `missing` evidence with due dates, `flips`, and the preview recorded on entering arbitration.',
    access: readers, params: disputeParam,
    success: { status: 200, description: 'The preview.', schema: ref('VerdictPreview') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/api/disputes/{id}/previews', tag: 'Verdict preview', summary: 'The preview\'s timeline',
    access: readers, params: disputeParam, query: PageQuerySchema,
    success: { status: 200, description: 'A page of previews.', schema: pageOf('PreviewEntry', 'A page of the preview timeline') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'post', path: '/api/disputes/{id}/evidence', tag: 'Evidence', summary: 'Upload evidence',
    description: 'multipart/form-data: `kind` first (the upload is cut at the kind\'s own byte limit), then `file`; optional `capturedAt`, `signerName`, `signedAt`. Answers 202 with the id and SHA-256; the checks run in the background (poll `GET /api/evidence/{id}`). The same Idempotency-Key with the same bytes and fields replays the first 202.',
    access: rolesWith('evidence.upload'), idempotent: true, params: disputeParam,
    body: { kind: 'multipart', fields: UploadFieldsSchema, file: 'file' },
    success: { status: 202, description: 'Accepted; checks are running.', schema: ref('Evidence') },
    errors: ['DISPUTE.NOT_FOUND', 'DISPUTE.CLOSED', 'EVIDENCE.TYPE_NOT_ALLOWED', 'EVIDENCE.TOO_LARGE', 'EVIDENCE.EMPTY', 'EVIDENCE.IMAGE_TOO_LARGE', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  },
  {
    method: 'get', path: '/api/disputes/{id}/evidence', tag: 'Evidence', summary: 'List a dispute\'s evidence',
    access: readers, params: disputeParam, query: PageQuerySchema,
    success: { status: 200, description: 'A page of evidence.', schema: pageOf('Evidence', 'A page of evidence') },
    errors: ['DISPUTE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/api/evidence/{id}', tag: 'Evidence', summary: 'Read evidence and its report',
    description: 'Status `checking | accepted | rejected | needs_review` and the checks\' report.',
    access: readers, params: evidenceParam,
    success: { status: 200, description: 'The evidence.', schema: ref('Evidence') },
    errors: ['EVIDENCE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/api/evidence/{id}/file', tag: 'Evidence', summary: 'Download the file',
    description: 'The uploaded bytes; a single byte range (`Range: bytes=0-99`) answers 206, an unsatisfiable one 416.',
    access: readers, params: evidenceParam,
    success: { status: 200, description: 'The file (206 for a range).', contentType: 'application/octet-stream', schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    errors: ['EVIDENCE.NOT_FOUND', 'EVIDENCE.RANGE_NOT_SATISFIABLE'],
  },
  {
    method: 'get', path: '/api/evidence/{id}/proof/{name}', tag: 'Evidence', summary: 'A proof thumbnail',
    description: 'A frame or crop the checks kept as proof (named in the report).',
    access: readers, params: { ...evidenceParam, name: ProofNameSchema },
    success: { status: 200, description: 'A JPEG or PNG image.', contentType: 'image/*', schema: { type: 'string', contentMediaType: 'image/*' } },
    errors: ['EVIDENCE.NOT_FOUND'],
  },
  {
    method: 'get', path: '/healthz', tag: 'Service', summary: 'Liveness', access: 'public',
    success: { status: 200, description: 'The process answers.', schema: ref('Health') },
    errors: [],
  },
  {
    method: 'get', path: '/readyz', tag: 'Service', summary: 'Readiness', description: 'The store answers, migrations are applied, the job runner and timer poller run; with the check queue depth and uploads in flight. 503 when any part is not ready.', access: 'public',
    success: { status: 200, description: 'Ready (503 with the same body when not).', schema: { type: 'object', required: ['ready'], properties: { ready: { type: 'boolean' } } } },
    errors: [],
  },
  {
    method: 'post', path: '/integrations/{helpdesk}/webhook', tag: 'Helpdesks', summary: 'A helpdesk\'s ticket webhook (Zendesk, Chatwoot, Freshdesk)',
    description: 'Not behind API keys: Zendesk signs with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of timestamp + body) and `X-Zendesk-Webhook-Signature-Timestamp`; Chatwoot with `X-Chatwoot-Signature: sha256=…` over `timestamp.body` and `X-Chatwoot-Timestamp`; Freshdesk with a secret token (`?token=` or `X-Freshdesk-Webhook-Token`). Stale (over 5 min) or replayed deliveries are refused. Answers 202 at once; the ticket opens or links a dispute after, and a private note goes back to the ticket. Field mapping in the README.',
    access: 'public', params: { helpdesk: z.enum(['zendesk', 'chatwoot', 'freshdesk']) },
    success: { status: 202, description: 'Accepted; the work runs as a durable job.', schema: { type: 'object', properties: { accepted: { type: 'boolean' } } } },
    errors: ['INTEGRATION.NOT_CONFIGURED', 'INTEGRATION.BAD_SIGNATURE', 'INTEGRATION.BAD_TOKEN', 'INTEGRATION.STALE', 'INTEGRATION.REPLAYED', 'REQUEST.MALFORMED_JSON', 'REQUEST.TOO_LARGE'],
  },
  {
    method: 'get', path: '/openapi.json', tag: 'Service', summary: 'This document', access: 'public',
    success: { status: 200, description: 'OpenAPI 3.1.', schema: { type: 'object' } },
    errors: [],
  },
  {
    method: 'get', path: '/docs', tag: 'Service', summary: 'The API reference (Swagger UI, served from node_modules)', access: 'public',
    success: { status: 200, description: 'HTML.', contentType: 'text/html', schema: { type: 'string' } },
    errors: [],
  },
  ...ORDER_OPERATIONS,
  ...UPLOAD_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...CONSOLE_OPERATIONS,
];
