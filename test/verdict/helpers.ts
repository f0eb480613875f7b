/**
 * Builders for verdict tests: real machine snapshots (initialTransition / transition from
 * xstate), orders, and evidence summaries from real files through the real checks
 * (real-evidence.ts), never written by hand.
 */
import { checkUploads as checkRealUploads, SKU, summaryOf, TRACKING, type Upload } from './real-evidence.ts';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { disputeMachine, type DisputeEvent, type DisputeStatus } from '../../machines/dispute.machine.ts';
import type { EvidenceSummary } from '../../src/domain/evidence-summary.ts';
import type { DisputeReason } from '../../src/domain/reasons.ts';
import type { Order } from '../../src/domain/order.schema.ts';
import { policyByVersion } from '../../src/policy/policies.ts';
import { HOUR_MS, type Policy } from '../../src/policy/policy.schema.ts';
import type { DisputeView } from '../../src/verdict/preview.ts';

export const MIN_MS = 60_000;
export { SKU, TRACKING };
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

/**
 * A $40.00 home-goods order, seller-fulfilled, delivered on an offline line that returns
 * signature photos; its SKU and tracking number are the ones the fixture videos and photos show.
 */
export function makeOrder(patch: OrderPatch = {}): Order {
  const { shipment, ...rest } = patch;
  const base: Order = {
    orderId: 'o-1',
    amount: { value: '40.00', currency: 'USD' },
    category: 'home',
    items: [{ sku: SKU, quantity: 1 }],
    shipment: {
      trackingNumber: TRACKING,
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

/** Another parcel's tracking number: the packing video's label then reads as a mismatch. */
export const OTHER_TRACKING = 'LP00799999999CN';

/**
 * Every evidence file the verdict tests upload, by name: a fixture checked as a kind for the
 * order `makeOrder()` builds (fixture SKU and tracking number) unless it says otherwise.
 */
export const UPLOADS = {
  /** 20 s, SKU and label read, camera tags: accepted. */
  video: { file: 'video20', kind: 'packing_video' },
  video15: { file: 'video15', kind: 'packing_video' },
  /** VIDEO.TOO_SHORT: rejected. */
  video14_9: { file: 'video14_9', kind: 'packing_video' },
  /** The label but no SKU: VIDEO.SKU_UNREADABLE, a perceived fail: needs review. */
  noSku: { file: 'noSku', kind: 'packing_video' },
  /** The SKU but no label: VIDEO.LABEL_UNREADABLE, perceived: needs review. */
  noLabel: { file: 'skuOnly', kind: 'packing_video' },
  /** Checked for an order with another tracking number: VIDEO.LABEL_MISMATCH, measured: rejected. */
  otherLabel: { file: 'video20', kind: 'packing_video', trackingNumber: OTHER_TRACKING },
  /** CapCut in the software tag: ORIGINAL.EDITED, rejected. */
  editedVideo: { file: 'editedVideo', kind: 'packing_video' },
  /** The same bytes already uploaded on dispute d-77: REUSE.SAME_FILE, rejected. */
  reusedVideo: { file: 'video20', kind: 'packing_video', earlier: [{ file: 'video20', kind: 'packing_video', disputeId: 'd-77' }] },
  /** An ffmpeg re-encode of it is on dispute d-78: REUSE.NEAR_DUPLICATE, perceived: needs review. */
  nearDuplicateVideo: { file: 'video20', kind: 'packing_video', earlier: [{ file: 'reencoded', kind: 'packing_video', disputeId: 'd-78' }] },
  /** A sharp camera photo whose barcode reads: accepted when signer and time come with it. */
  proof: { file: 'deliverySharp', kind: 'delivery_proof_photo' },
  /** PHOTO.BLURRED (and so DELIVERY_PROOF.ILLEGIBLE): rejected. */
  blurredProof: { file: 'deliveryBlurred', kind: 'delivery_proof_photo' },
  /** ORIGINAL.SCREENSHOT (and an overexposed UI: PHOTO.EXPOSURE): rejected. */
  screenshotProof: { file: 'screenshotPng', kind: 'delivery_proof_photo' },
  /** No camera metadata: ORIGINAL.UNVERIFIABLE (warn), needs review. */
  unverifiableProof: { file: 'strippedPhotoJpeg', kind: 'delivery_proof_photo' },
} as const satisfies Record<string, Upload>;
export type UploadName = keyof typeof UPLOADS;
type VideoUpload = { [K in UploadName]: (typeof UPLOADS)[K]['kind'] extends 'packing_video' ? K : never }[UploadName];
type ProofUpload = Exclude<UploadName, VideoUpload>;
const isVideoUpload = (name: UploadName): name is VideoUpload => UPLOADS[name].kind === 'packing_video';

/** Checks every named upload once in this process; call from a `before` hook. */
export function checkUploads(names: readonly UploadName[] = Object.keys(UPLOADS) as UploadName[]): Promise<void> {
  return checkRealUploads(names.map((n) => UPLOADS[n]), policy);
}

export interface VideoOpts {
  upload?: VideoUpload;
  id?: string;
  uploadedAt?: number;
}

/** A packing video's summary from its real checks (default: the accepted 20 s video). */
export function video(o: VideoOpts = {}): EvidenceSummary {
  return summaryOf(UPLOADS[o.upload ?? 'video'], { id: o.id ?? 'ev-video', uploadedAt: o.uploadedAt ?? OPENED_AT + HOUR_MS });
}

export interface ProofOpts {
  upload?: ProofUpload;
  id?: string;
  /** The form's signer fields (`null`: not sent); they feed the derived `delivery.proof` check. */
  signer?: string | null;
  signedAt?: number | null;
}

/** A signed-delivery photo's summary from its real checks plus `delivery.proof` (default: legible, J. Smith, 48 h before filing). */
export function proofPhoto(o: ProofOpts = {}): EvidenceSummary {
  const signer = o.signer === undefined ? 'J. Smith' : o.signer;
  const signedAt = o.signedAt === undefined ? OPENED_AT - 2 * 24 * HOUR_MS : o.signedAt;
  const fields = { ...(signer !== null ? { signerName: signer } : {}), ...(signedAt !== null ? { signedAt } : {}) };
  return summaryOf(UPLOADS[o.upload ?? 'proof'], { id: o.id ?? 'ev-proof', uploadedAt: OPENED_AT + HOUR_MS, fields });
}

/** Any named upload's summary, with the defaults of `video` and `proofPhoto`. */
export function uploaded(name: UploadName, id?: string): EvidenceSummary {
  return isVideoUpload(name) ? video({ upload: name, id }) : proofPhoto({ upload: name, id });
}
