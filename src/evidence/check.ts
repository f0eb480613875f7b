/**
 * The vocabulary of evidence checks.
 *
 * - check: one question asked of one piece of evidence (`original`, `video.duration`…), a
 *   small object `{ id, appliesTo, run }` in `checks/`, registered in `checks/registry.ts`;
 *   what it may write in `details` is its schema in `domain/check-details.ts`.
 * - context: the order facts and services a check may use (policy, SKUs, tracking number,
 *   where to write proof thumbnails, how to look up earlier uses of the same picture).
 * - evidence file: the file under test with its facts memoised (hash, sniffed type, probe,
 *   decoded grey image, video scan), so two checks never decode the same thing twice.
 */
import type { Logger } from 'pino';
import { checkDetails, type CheckDetailsInput, type CheckId, type ReuseHit } from '../domain/check-details.ts';
import type { CheckResult, EvidenceKind } from '../domain/evidence-summary.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { EvidenceFile } from './evidence-file.ts';

/** One earlier use of the same (or a near-identical) file, as the store knows it (typed by `ReuseHitSchema`). */
export type { CheckId, ReuseHit };

/**
 * How `reuse` asks the store about earlier evidence. Return candidates on any dispute; the
 * check ignores hits on `ctx.disputeId` itself. `phash` is a 16-hex-digit dHash or undefined.
 * Use `hammingDistance` from `phash.ts` to compute `distance`.
 */
export type ReuseLookup = (sha256: string, phash: string | undefined) => ReuseHit[] | Promise<ReuseHit[]>;

export interface CheckContext {
  policy: Policy;
  /** The dispute this evidence belongs to (reuse on the same dispute is not reuse). */
  disputeId?: string;
  /** The order's SKUs, as the seller lists them (e.g. `SKU-AE-48213-BLK`). */
  skus?: readonly string[];
  /** The order's tracking number (e.g. `LP00712345678CN`). */
  trackingNumber?: string;
  /** When the order shipped (epoch ms), if the facts say: a packing video's capture should precede it. */
  shippedAt?: number;
  /** Directory to write proof thumbnails into; proofs name files relative to it. No thumbnails when absent. */
  proofDir?: string;
  findReuse?: ReuseLookup;
  /** Aborts the run (timeouts); media children are killed when it fires. */
  signal?: AbortSignal;
  log?: Logger;
}

export interface Check<Id extends CheckId = CheckId> {
  /** Stable public id, e.g. `video.duration`; its details schema is `CHECK_DETAILS[id]`. */
  id: Id;
  appliesTo(kind: EvidenceKind, ctx: CheckContext): boolean;
  run(file: EvidenceFile, ctx: CheckContext): Promise<CheckResult>;
  /**
   * Starts this check's costly work while the gates still run (on a video they wait 30-50 ms for
   * ffprobe), when that work bounds itself without them; a failed gate aborts it through the
   * file's signal. `run` then picks up the same work (the file memoises it).
   */
  startEarly?(file: EvidenceFile, ctx: CheckContext): void;
}

/**
 * Builds a result with the check's id filled in; `details` are typed by the id and parsed
 * through its schema (a name the schema does not know throws, and the run reports `CHECK.ERROR`).
 * `result('video.duration', 'pass', 'VIDEO.DURATION_OK', 'The video lasts 20 s.', { details: { videoSeconds: 20, … } })`.
 */
export function result<Id extends CheckId>(
  id: Id,
  status: CheckResult['status'],
  code: string,
  message: string,
  extra: Pick<CheckResult, 'proof' | 'basis'> & { details?: CheckDetailsInput<Id> } = {},
): CheckResult {
  const { details, ...rest } = extra;
  return { id, status, code, message, ...rest, ...(details === undefined ? {} : { details: checkDetails(id, details) }) };
}
