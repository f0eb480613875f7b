/**
 * How much the preview trusts each kind of fact, 0..1. These are OURS, not the
 * marketplace's: they only calibrate `confidence` and never move a deadline, an amount or
 * a side, so they live here rather than in the policy object. Chosen by judgment, not
 * measured yet: re-fit them against arbitration outcomes (`cli backtest`) when there are any.
 */
export const STRENGTH = {
  /** 000: an accepted, legible signed-delivery photo with signer name and time. */
  deliveryProofPhoto: 0.9,
  /** 000: signer and time returned by the carrier on a signature-photo line. */
  carrierDeliveryRecord: 0.8,
  /** 000: no or unreadable proof: the system sides with the buyer by default. */
  noDeliveryProof: 0.9,
  /** 002: no tracking update for the stalled window. */
  trackingStalled: 0.8,
  /** Carrier reports the parcel lost. */
  trackingLost: 0.9,
  /** Carrier reports the parcel returned to sender: the buyer has not got it. */
  trackingReturned: 0.7,
  /** 000: accepted packing video ≥ min seconds showing SKU and label. */
  packingVideoProves: 0.8,
  /** Ours: a packing video shows what shipped, not that it is genuine. */
  packingVideoVsCounterfeit: 0.5,
  /** 000: the seller cannot contest a condition claim without a packing video. */
  noPackingVideo: 0.8,
} as const;

/** Red flags: each multiplies the seller's confidence by (1 − p), or adds p to the buyer's case. */
export const PENALTY = {
  signatureLineMissing: 0.15,
  packingVideoLateOrMissing: 0.15,
  /** Screenshot or edited evidence: worse than none, it suggests an attempt to mislead. */
  evidenceNotOriginal: 0.25,
  evidenceReused: 0.35,
} as const;
