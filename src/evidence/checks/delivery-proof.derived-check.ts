/**
 * `delivery.proof` — 000: the carrier's signed-delivery proof must show signer name, time
 * and a legible photo, or the buyer wins by default. Derived from the photo's own checks
 * plus the signer fields entered with it, so it runs after them (not in the registry).
 */
import type { CheckResult } from '../../domain/evidence-summary.ts';
import type { EvidenceFields } from '../../store/evidence.repository.port.ts';
import { result } from '../check.ts';

export function deliveryProofCheck(checks: readonly CheckResult[], fields: EvidenceFields): CheckResult {
  const legible = checks.find((c) => c.id === 'photo.legible');
  const missing = [!fields.signerName && 'signer name', fields.signedAt === undefined && 'signing time'].filter((x): x is string => !!x);
  const details = { signerName: fields.signerName ?? null, signedAt: fields.signedAt ?? null, legible: legible?.status ?? null };
  if (legible?.status !== 'pass') {
    return result('delivery.proof', 'fail', 'DELIVERY_PROOF.ILLEGIBLE', 'The delivery-proof photo is not legible, so it cannot prove the signed delivery.', { details });
  }
  if (missing.length) {
    return result('delivery.proof', 'fail', 'DELIVERY_PROOF.INCOMPLETE', `The delivery proof lacks the ${missing.join(' and ')}; send them with the photo.`, { details });
  }
  return result('delivery.proof', 'pass', 'DELIVERY_PROOF.OK', `Signed by ${fields.signerName} at ${new Date(fields.signedAt!).toISOString()}, legible photo.`, { details });
}
