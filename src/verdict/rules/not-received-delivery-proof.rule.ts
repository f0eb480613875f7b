import type { Rule } from '../rule.ts';
import { reason } from '../rule.ts';
import { failedCodes, photoProvesDelivery, unusableOfKind, usableOfKind } from '../evidence.ts';
import { STRENGTH } from '../weights.ts';

const MUST_SHOW = ['signer name', 'signing time', 'a legible photo of the signed delivery'];

/**
 * `not_received.delivery_proof` — 000: when tracking says delivered but the buyer files
 * not received, the platform trusts the carrier's signed-delivery proof (signer name, time,
 * photo); no proof, or a blurry / unreadable one, and the system sides with the buyer.
 * Proof is either an accepted `delivery_proof_photo` whose `photo.legible` check passed and
 * that carries signer name and time, or the carrier's own signer + time on a line that
 * returns signature photos (order.shipment.deliveryProof).
 */
export const notReceivedDeliveryProof: Rule = {
  id: 'not_received.delivery_proof',
  source: '000',
  evaluate({ ctx }) {
    const s = ctx.order.shipment;
    if (ctx.reason !== 'not_received' || s.status !== 'delivered') return undefined;
    const photos = usableOfKind(ctx.evidence, 'delivery_proof_photo');
    const proving = photos.filter(photoProvesDelivery);
    const carrier = s.line.signaturePhoto && !!s.deliveryProof?.signerName && !!s.deliveryProof.signedAt;
    const failed = [...photos.filter((p) => !photoProvesDelivery(p)), ...unusableOfKind(ctx.evidence, 'delivery_proof_photo')];
    const facts = {
      trackingStatus: s.status,
      signaturePhotoLine: s.line.signaturePhoto,
      carrierSigner: s.deliveryProof?.signerName ?? null,
      carrierSignedAt: s.deliveryProof?.signedAt ?? null,
      provingPhotos: proving.length,
      unprovingPhotos: failed.length,
      unprovingCodes: failed.flatMap(failedCodes).join(',') || null,
    };
    if (proving.length > 0 || carrier) {
      const first = proving[0];
      const text = first
        ? `Tracking says delivered and a legible signed-delivery photo names ${first.signerName} as signer.`
        : `Tracking says delivered and the carrier returned signer ${s.deliveryProof?.signerName} on a signature-photo line.`;
      return {
        reasons: [reason('not_received.delivery_proof', 'favours_seller', text, facts, proving.map((p) => p.id))],
        vote: { favours: 'seller', strength: first ? STRENGTH.deliveryProofPhoto : STRENGTH.carrierDeliveryRecord },
        flips: [{ change: 'the signed-delivery proof found illegible, edited or reused on review', wouldFavour: 'buyer' }],
      };
    }
    const text =
      failed.length > 0
        ? 'Tracking says delivered, but the signed-delivery proof is illegible or lacks signer name and time; the buyer is favoured by default.'
        : 'Tracking says delivered, but there is no signed-delivery proof; the buyer is favoured by default.';
    return {
      reasons: [reason('not_received.delivery_proof', 'favours_buyer', text, facts, failed.map((p) => p.id))],
      vote: { favours: 'buyer', strength: STRENGTH.noDeliveryProof },
      missing: [{ kind: 'delivery_proof_photo', mustShow: MUST_SHOW }],
      flips: [{ change: 'a legible signed-delivery photo with signer name and time', wouldFavour: 'seller' }],
    };
  },
};
