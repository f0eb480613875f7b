import { DEADLINES, DISPUTE_STATUSES } from '../../../machines/dispute.machine.ts';
import { DISPUTE_REASONS } from '../../domain/reasons.ts';
import { PREVIEW_FAVOURS } from '../../verdict/preview.schema.ts';
import { EVIDENCE_KINDS } from '../../domain/evidence-summary.ts';
import { inputSchema, type JsonSchema } from './json-schema.ts';
import { MoneySchema } from '../../domain/money.ts';

/**
 * JSON Schemas of what the API answers (the views in src/http/*.view.ts and the routes). The
 * views are plain functions, not zod schemas, so these are written by hand; the OpenAPI test
 * validates real answers against them, so they cannot drift silently. They name every member a
 * view has and leave nested records (order, report, rule findings) open where the engine owns them.
 */
const time: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const pageOf = (item: string, description: string): JsonSchema => ({
  type: 'object',
  description,
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: { ...nullable({ type: 'string' }), description: 'Send back as `cursor` for the next page; null on the last page.' },
  },
});

export const VIEW_SCHEMAS: Record<string, JsonSchema> = {
  Money: inputSchema(MoneySchema),
  Dispute: {
    type: 'object',
    description: 'A dispute (`GET /api/disputes/{id}`). Times are ISO 8601 UTC.',
    required: ['id', 'sellerId', 'reason', 'status', 'policyVersion', 'version', 'deadlines', 'allowedEvents', 'outcome', 'order', 'evidence'],
    properties: {
      id: { type: 'string', pattern: '^dsp_[0-9a-f]{32}$' },
      externalId: { type: 'string' },
      sellerId: { type: 'string' },
      reason: { type: 'string' },
      claim: nullable({ type: 'string' }),
      status: { enum: [...DISPUTE_STATUSES] },
      openedAt: time,
      policyVersion: { type: 'string' },
      version: { type: 'integer', minimum: 1, description: 'Send as `version` with an event for optimistic concurrency.' },
      deadlines: { type: 'object', additionalProperties: time, description: 'Deadlines in force, by name (first_response, solution…).' },
      allowedEvents: { type: 'array', items: { type: 'string' }, description: 'The client events the dispute accepts now.' },
      outcome: nullable({
        type: 'object',
        required: ['favours', 'remedy', 'decidedBy', 'basis'],
        properties: {
          favours: { enum: ['buyer', 'seller', 'split'] },
          remedy: { enum: ['full_refund', 'partial_refund', 'resend', 'none'] },
          amount: ref('Money'),
          decidedBy: { enum: ['agreement', 'auto_judgment', 'arbitration', 'withdrawal', 'seller_accepted'] },
          basis: { type: 'string' },
          at: time,
        },
      }),
      proposal: nullable({ type: 'object' }),
      respondedAt: nullable(time),
      escalatedBy: nullable({ enum: ['buyer', 'seller'] }),
      arbitrationEvidenceClosed: { type: 'boolean' },
      order: { type: 'object', description: 'The order as filed (see the request body of `POST /api/disputes`), category under the policy\'s name.' },
      evidence: { type: 'array', items: { type: 'object', required: ['id', 'kind'], properties: { id: { type: 'string' }, kind: { enum: [...EVIDENCE_KINDS] } } } },
      createdAt: time,
      updatedAt: time,
    },
  },
  DisputeSummary: {
    type: 'object',
    description: 'A dispute as lists (the agent queue) show it: what an agent triages on. Null where a dispute filed before these fields could not be filled in.',
    required: ['id', 'sellerId', 'status', 'reason', 'amount', 'favours', 'missing', 'needsReview', 'version', 'nextDueAt', 'nextDeadline'],
    properties: {
      id: { type: 'string' },
      externalId: { type: 'string' },
      sellerId: { type: 'string' },
      status: { enum: [...DISPUTE_STATUSES] },
      reason: nullable({ enum: [...DISPUTE_REASONS] }),
      amount: { ...nullable(ref('Money')), description: 'The order\'s amount.' },
      favours: { ...nullable({ enum: [...PREVIEW_FAVOURS] }), description: 'The side the latest verdict preview favours.' },
      missing: {
        type: 'array',
        maxItems: EVIDENCE_KINDS.length,
        description: 'Evidence the latest preview still asks for, one per kind, with the instant it is due by.',
        items: { type: 'object', required: ['kind', 'dueBy'], additionalProperties: false, properties: { kind: { enum: [...EVIDENCE_KINDS] }, dueBy: time } },
      },
      needsReview: { type: 'integer', minimum: 0, description: 'Evidence items waiting for a person\'s review (0 once resolved).' },
      version: { type: 'integer' },
      nextDueAt: nullable(time),
      nextDeadline: { ...nullable({ enum: [...DEADLINES] }), description: 'Which deadline `nextDueAt` is.' },
      openedAt: time,
      updatedAt: time,
    },
  },
  AuditEntry: {
    type: 'object',
    description: 'One entry of the append-only, hash-chained audit log: `hash` = SHA-256 over `prevHash` and the entry.',
    required: ['disputeId', 'seq', 'type', 'payload', 'actor', 'at', 'prevHash', 'hash'],
    properties: {
      disputeId: { type: 'string' },
      seq: { type: 'integer', minimum: 1 },
      type: { type: 'string' },
      payload: {},
      actor: { type: 'string', description: '`key:<id>` of the API key that asked, or `system` for deadlines and checks.' },
      at: time,
      prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  },
  ChainVerdict: {
    description: 'Every hash of the audit log recomputed from its entries.',
    oneOf: [
      { type: 'object', required: ['ok', 'entries'], properties: { ok: { const: true }, entries: { type: 'integer' }, head: { type: 'string' } } },
      {
        type: 'object',
        required: ['ok', 'entries', 'brokenAt', 'reason'],
        properties: { ok: { const: false }, entries: { type: 'integer' }, brokenAt: { type: 'integer' }, reason: { enum: ['seq_gap', 'prev_hash_mismatch', 'hash_mismatch'] } },
      },
    ],
  },
  VerdictPreview: {
    type: 'object',
    description: 'Who would win now under the rules, why (rule ids), what is missing by when and what would flip it.',
    required: ['disputeId', 'status', 'policyVersion', 'at', 'favours', 'confidence', 'reasons', 'missing', 'flips', 'preArbitration'],
    properties: {
      disputeId: { type: 'string' },
      status: { enum: [...DISPUTE_STATUSES] },
      policyVersion: { type: 'string' },
      at: time,
      favours: { enum: ['buyer', 'seller', 'split', 'undecided'] },
      remedy: { type: 'string' },
      amount: ref('Money'),
      liable: { enum: ['seller', 'logistics_guarantee', 'platform_warehouse', 'none'] },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
      reasons: { type: 'array', items: { type: 'object', required: ['rule'], properties: { rule: { type: 'string' } } } },
      missing: { type: 'array', items: { type: 'object', required: ['kind', 'dueBy'], properties: { kind: { type: 'string' }, dueBy: time } } },
      flips: { type: 'array', items: { type: 'object' } },
      preArbitration: nullable({ type: 'object', required: ['seq', 'at', 'preview'], properties: { seq: { type: 'integer' }, at: time, preview: { type: 'object' } } }),
    },
  },
  PreviewEntry: {
    type: 'object',
    description: 'One entry of the preview timeline: each change, and the one taken on entering arbitration.',
    required: ['seq', 'kind', 'at', 'preview'],
    properties: { seq: { type: 'integer' }, kind: { enum: ['change', 'pre_arbitration'] }, at: time, preview: { type: 'object' } },
  },
  Evidence: {
    type: 'object',
    description: 'An uploaded file and its checks.',
    required: ['id', 'disputeId', 'kind', 'sha256', 'bytes', 'status', 'uploadedAt', 'links'],
    properties: {
      id: { type: 'string', pattern: '^evd_[0-9a-f]{32}$' },
      disputeId: { type: 'string' },
      kind: { enum: [...EVIDENCE_KINDS] },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      bytes: { type: 'integer' },
      mediaType: nullable({ type: 'string' }),
      status: { enum: ['checking', 'accepted', 'rejected', 'needs_review'] },
      fields: { type: 'object' },
      uploadedAt: time,
      checkedAt: nullable(time),
      report: nullable({ type: 'object', description: 'The checks\' report (each check, its verdict and details).' }),
      links: { type: 'object', properties: { self: { type: 'string' }, file: { type: 'string' }, proofs: { type: 'string' } } },
    },
  },
  Health: { type: 'object', required: ['ok'], properties: { ok: { const: true } } },
};
