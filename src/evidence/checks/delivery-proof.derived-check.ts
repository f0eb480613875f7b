/**
 * `delivery.proof` — 000: the carrier's signed-delivery proof must show signer name, time
 * and a legible photo, or the buyer wins by default. Derived from the photo's own checks
 * plus the signer fields entered with it, so it runs after them (not in the registry).
 * What the carrier printed on the photo (`photo.legible`'s `signerRead`, `signedAtRead`)
 * fills a field the upload left empty; a print that contradicts a given field is a `warn`
 * naming both, for a person to settle.
 */
import { detailsOf } from '../../domain/check-details.ts';
import type { CheckResult } from '../../domain/evidence-summary.ts';
import type { EvidenceFields } from '../../store/evidence.repository.port.ts';
import { result } from '../check.ts';

/**
 * A printed time within this of the given one agrees: carriers print minutes (no seconds) and
 * stamp the photo when it is taken, which may be a few minutes from the scan that signs.
 */
const SAME_TIME_MS = 10 * 60_000;

/** Names compared as letters only: `J. Garcia` and `J GARCIA` are the same signer. */
const nameKey = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');

export function deliveryProofCheck(checks: readonly CheckResult[], fields: EvidenceFields): CheckResult {
  const legible = checks.find((c) => c.id === 'photo.legible');
  const read = legible ? detailsOf({ checks: [legible] }, 'photo.legible') : undefined;
  const signerRead = read && 'signerRead' in read ? read.signerRead : undefined;
  const signedAtRead = read && 'signedAtRead' in read && read.signedAtRead ? Date.parse(read.signedAtRead) : undefined;
  const signerName = fields.signerName ?? signerRead;
  const signedAt = fields.signedAt ?? signedAtRead;
  const details = {
    signerName: signerName ?? null,
    signedAt: signedAt ?? null,
    legible: legible?.status ?? null,
    ...(signerRead ? { signerRead, signerFrom: fields.signerName ? ('form' as const) : ('photo' as const) } : {}),
    ...(signedAtRead !== undefined ? { signedAtRead, signedAtFrom: fields.signedAt !== undefined ? ('form' as const) : ('photo' as const) } : {}),
  };
  if (legible?.status !== 'pass') {
    return result('delivery.proof', 'fail', 'DELIVERY_PROOF.ILLEGIBLE', 'The delivery-proof photo is not legible, so it cannot prove the signed delivery.', { details });
  }
  const missing = [!signerName && 'signer name', signedAt === undefined && 'signing time'].filter((x): x is string => !!x);
  if (missing.length) {
    return result('delivery.proof', 'fail', 'DELIVERY_PROOF.INCOMPLETE', `The delivery proof lacks the ${missing.join(' and ')}; send them with the photo.`, { details });
  }
  const conflicts = [
    fields.signerName && signerRead && nameKey(fields.signerName) !== nameKey(signerRead) && `the signer given is ${fields.signerName} but the photo reads ${signerRead}`,
    fields.signedAt !== undefined && signedAtRead !== undefined && Math.abs(fields.signedAt - signedAtRead) > SAME_TIME_MS &&
      `the time given is ${new Date(fields.signedAt).toISOString()} but the photo reads ${new Date(signedAtRead).toISOString()}`,
  ].filter((x): x is string => !!x);
  if (conflicts.length) {
    return result('delivery.proof', 'warn', 'DELIVERY_PROOF.CONTRADICTED', `The delivery proof contradicts itself: ${conflicts.join('; ')}. A person will compare them.`, { details });
  }
  const source = details.signerFrom === 'photo' || details.signedAtFrom === 'photo' ? ' (read from the photo)' : '';
  return result('delivery.proof', 'pass', 'DELIVERY_PROOF.OK', `Signed by ${signerName} at ${new Date(signedAt!).toISOString()}${source}, legible photo.`, { details });
}
