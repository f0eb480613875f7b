/**
 * Builders for verdict tests: real machine snapshots (initialTransition / transition from
 * xstate), orders, and evidence summaries as the evidence pipeline reports them.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { disputeMachine, type DisputeEvent, type DisputeStatus } from '../../machines/dispute.machine.ts';
import type { EvidenceSummary } from '../../src/domain/evidence-summary.ts';
import type { DisputeReason } from '../../src/domain/reasons.ts';
import type { Order } from '../../src/domain/order.schema.ts';
import { policyByVersion } from '../../src/policy/policies.ts';
import { HOUR_MS, type Policy } from '../../src/policy/policy.schema.ts';
import type { DisputeView } from '../../src/verdict/preview.ts';

export const MIN_MS = 60_000;
export { HOUR_MS };

function loadPolicy(): Policy {
  const p = policyByVersion('2024-05.1');
  if (!p) throw new Error('policy 2024-05.1 missing');
  return p;
}
export const policy: Policy = loadPolicy();

/** The pinned clock: every scenario's dispute is filed here. */
export const OPENED_AT = Date.parse('2024-06-03T10:00:00Z');
export const SHIPPED_AT = OPENED_AT - 10 * 24 * HOUR_MS;
export const iso = (ms: number): string => new Date(ms).toISOString();

import { timingOf } from '../../src/workflow/timing.ts';
export { timingOf };

type ShipmentPatch = Partial<Omit<Order['shipment'], 'line'>> & { line?: Partial<Order['shipment']['line']> };
export type OrderPatch = Partial<Omit<Order, 'shipment'>> & { shipment?: ShipmentPatch };

/** A $40.00 home-goods order, seller-fulfilled, delivered on an offline line that returns signature photos. */
export function makeOrder(patch: OrderPatch = {}): Order {
  const { shipment, ...rest } = patch;
  const base: Order = {
    orderId: 'o-1',
    amount: { value: '40.00', currency: 'USD' },
    category: 'home',
    items: [{ sku: 'SKU-123', quantity: 1 }],
    shipment: {
      trackingNumber: 'LP00123456789',
      carrier: 'Cainiao',
      line: { name: 'Standard', official: false, signaturePhoto: true },
      status: 'delivered',
      shippedAt: iso(SHIPPED_AT),
      lastUpdateAt: iso(OPENED_AT - 2 * 24 * HOUR_MS),
      deliveredAt: iso(OPENED_AT - 2 * 24 * HOUR_MS),
      fulfilledBy: 'seller',
    },
  };
  return { ...base, ...rest, shipment: { ...base.shipment, ...shipment, line: { ...base.shipment.line, ...shipment?.line } } };
}

export type Snapshot = SnapshotFrom<typeof disputeMachine>;

export function startDispute(reason: DisputeReason, order: Order = makeOrder(), openedAt = OPENED_AT): Snapshot {
  const [snapshot] = initialTransition(disputeMachine, { disputeId: 'd-1', reason, openedAt, policyVersion: policy.version, timing: timingOf(policy), order });
  return snapshot;
}

export function run(snapshot: Snapshot, events: readonly DisputeEvent[]): Snapshot {
  return events.reduce((s, e) => transition(disputeMachine, s, e)[0], snapshot);
}

export function statusOf(snapshot: Snapshot): DisputeStatus {
  const v: unknown = snapshot.value;
  if (v === 'resolved') return 'resolved';
  if (typeof v === 'object' && v !== null && 'open' in v) return (v as { open: DisputeStatus }).open;
  throw new Error(`unexpected state ${JSON.stringify(v)}`);
}

export function viewOf(snapshot: Snapshot): DisputeView {
  return { status: statusOf(snapshot), context: snapshot.context };
}

/** Reports evidence into the dispute through the machine, at `at`. */
export function withEvidence(snapshot: Snapshot, evidence: readonly EvidenceSummary[], at = OPENED_AT + HOUR_MS): Snapshot {
  return run(snapshot, evidence.map((e) => ({ type: 'EVIDENCE_REPORTED' as const, evidence: e, at })));
}

type Check = EvidenceSummary['checks'][number];
const pass = (id: string, code: string, details?: Record<string, unknown>): Check => ({ id, status: 'pass', code, ...(details ? { details } : {}) });
const fail = (id: string, code: string, details?: Record<string, unknown>): Check => ({ id, status: 'fail', code, ...(details ? { details } : {}) });

export interface VideoOpts {
  id?: string;
  seconds?: number;
  sku?: boolean;
  label?: boolean;
  edited?: boolean;
  reusedFrom?: string;
  status?: EvidenceSummary['status'];
  uploadedAt?: number;
}

/**
 * A packing video summary. `video.duration` passes when seconds ≥ policy.evidence.minVideoSeconds,
 * as the evidence pipeline decides; any failing check makes it `rejected` unless `status` says otherwise.
 */
export function video(o: VideoOpts = {}): EvidenceSummary {
  const seconds = o.seconds ?? 20;
  const checks: Check[] = [
    pass('file.type', 'FILE.OK'),
    o.edited ? fail('original', 'ORIGINAL.EDITED') : pass('original', 'ORIGINAL.OK'),
    seconds >= policy.evidence.minVideoSeconds ? pass('video.duration', 'VIDEO.DURATION_OK', { seconds }) : fail('video.duration', 'VIDEO.TOO_SHORT', { seconds }),
    o.sku === false ? fail('video.sku', 'VIDEO.SKU_UNREADABLE') : pass('video.sku', 'VIDEO.SKU_OK'),
    o.label === false ? fail('video.label', 'VIDEO.LABEL_UNREADABLE') : pass('video.label', 'VIDEO.LABEL_OK'),
    o.reusedFrom ? fail('reuse', 'REUSE.DUPLICATE', { disputeId: o.reusedFrom }) : pass('reuse', 'REUSE.NONE'),
  ];
  const anyFail = checks.some((c) => c.status === 'fail' && c.id !== 'reuse');
  return {
    id: o.id ?? 'ev-video',
    kind: 'packing_video',
    sha256: 'a'.repeat(64),
    status: o.status ?? (anyFail ? 'rejected' : 'accepted'),
    uploadedAt: o.uploadedAt ?? OPENED_AT + HOUR_MS,
    checks,
  };
}

export interface ProofOpts {
  id?: string;
  legible?: boolean;
  signer?: string | null;
  signedAt?: number | null;
  screenshot?: boolean;
  status?: EvidenceSummary['status'];
}

/** A signed-delivery photo summary; blurred (`legible: false`) or screenshot ones are rejected. */
export function proofPhoto(o: ProofOpts = {}): EvidenceSummary {
  const checks: Check[] = [
    pass('file.type', 'FILE.OK'),
    o.screenshot ? fail('original', 'ORIGINAL.SCREENSHOT') : pass('original', 'ORIGINAL.OK'),
    o.legible === false ? fail('photo.legible', 'PHOTO.BLURRED') : pass('photo.legible', 'PHOTO.LEGIBLE'),
    pass('reuse', 'REUSE.NONE'),
  ];
  const signer = o.signer === undefined ? 'J. Smith' : o.signer;
  const signedAt = o.signedAt === undefined ? OPENED_AT - 2 * 24 * HOUR_MS : o.signedAt;
  return {
    id: o.id ?? 'ev-proof',
    kind: 'delivery_proof_photo',
    sha256: 'b'.repeat(64),
    status: o.status ?? (checks.some((c) => c.status === 'fail') ? 'rejected' : 'accepted'),
    uploadedAt: OPENED_AT + HOUR_MS,
    checks,
    ...(signer !== null ? { signerName: signer } : {}),
    ...(signedAt !== null ? { signedAt } : {}),
  };
}
