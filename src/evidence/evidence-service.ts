import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceKind } from '../domain/evidence-summary.ts';
import type { Logger } from '../logger.ts';
import type { Policy } from '../policy/policy.schema.ts';
import type { EvidenceStorage } from '../storage/evidence-storage.port.ts';
import type { Order } from '../domain/order.schema.ts';
import type { EvidenceFields, EvidenceOwner, EvidenceRow } from '../store/evidence.repository.port.ts';
import type { ClaimedJob } from '../store/store.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { Actor, Answer, Command, DisputeWorkflow, Idempotency, Outcome } from '../workflow/dispute-workflow.ts';
import type { CheckContext, ReuseHit } from './check.ts';
import type { CheckPool } from './check-pool.ts';
import { finalizeReport } from './evidence-summary.builder.ts';
import { hammingDistance } from './phash.ts';
import type { EvidenceReport } from './report.ts';
import { gateUpload } from './upload/upload-gate.ts';
import type { HashedUpload } from './upload/hashing-disk-storage.ts';

export interface EvidenceServiceDeps {
  workflow: DisputeWorkflow;
  storage: EvidenceStorage;
  pool: CheckPool;
  /** Where proof thumbnails go (`<proofsDir>/<evidenceId>/`). */
  proofsDir: string;
  clock: Clock;
  log: Logger;
}

/** After this many claims a check job stops retrying and asks a person instead (5: ~1 min of backoff). */
const MAX_CHECK_ATTEMPTS = 5;

/**
 * Evidence from upload to verdict: gate the temp file (type, size, pixels), store it at its
 * content address and register it in one unit of work (a refused registration removes the
 * stored file again), then check it as a durable job that any process may run; the report
 * enters the dispute through the command path, once.
 */
export class EvidenceService {
  /** Content addresses being registered by this process: a refused twin must not delete them. */
  private readonly registering = new Map<string, number>();

  constructor(private readonly d: EvidenceServiceDeps) {}

  get tmpDir(): string {
    return this.d.storage.tempDir;
  }

  proofDir(evidenceId: string): string {
    return join(this.d.proofsDir, evidenceId);
  }

  /**
   * Accepts one uploaded temp file for a dispute (or an order, before any dispute) and answers with `present(outcome)`, stored
   * under the idempotency key in the same unit of work. A refused upload throws a DomainError
   * (gate) or answers the refusal (registration); either way nothing stays stored. `policy` is
   * the one the dispute is pinned to, or the one in force for an order (the caller loaded it to size the upload).
   */
  async accept(
    owner: UploadOwner,
    policy: Policy,
    kind: EvidenceKind,
    upload: HashedUpload,
    fields: EvidenceFields,
    answer: { idempotency?: Idempotency; present: (o: Outcome) => Answer; actor?: Actor },
  ): Promise<Answer> {
    const mediaType = await gateUpload(upload, kind, policy);
    const sha256 = upload.sha256;
    this.registering.set(sha256, (this.registering.get(sha256) ?? 0) + 1);
    let outcome: Outcome | undefined;
    try {
      await this.d.storage.put(upload.path, sha256);
      const evidence = { id: `evd_${randomUUID().replaceAll('-', '')}`, kind, sha256, bytes: upload.size, mediaType, fields };
      const command: Command =
        'disputeId' in owner
          ? { type: 'register_evidence', evidence: { ...evidence, disputeId: owner.disputeId }, actor: answer.actor }
          : { type: 'register_order_evidence', orderId: owner.orderId, ...(owner.sellerId ? { sellerId: owner.sellerId } : {}), evidence };
      return await this.d.workflow.execute(
        command,
        { idempotency: answer.idempotency, present: (o) => answer.present((outcome = o)) },
      );
    } finally {
      const left = this.registering.get(sha256)! - 1;
      if (left) this.registering.set(sha256, left);
      else this.registering.delete(sha256);
      // Not registered (refused, replayed, or the unit of work failed): drop the object unless a row or a twin holds it.
      if (!outcome?.ok) await this.dropIfUnreferenced(sha256);
    }
  }

  private async dropIfUnreferenced(sha256: string): Promise<void> {
    if (this.registering.has(sha256)) return;
    const refs = await this.d.workflow.store.read((r) => r.evidence.countBySha256(sha256)).catch(() => 1);
    if (refs === 0) await this.d.storage.delete(sha256);
  }

  /** The `evidence.check` job: run the checks in the pool, then record the report through the command path. */
  async checkJob(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { evidenceId } = job.payload as { evidenceId: string };
    const { store } = this.d.workflow;
    const row = await store.read((r) => r.evidence.get(evidenceId));
    if (!row || row.status !== 'checking') {
      await store.transaction((tx) => tx.jobs.complete(job.id, job.attempt, this.d.clock.now()));
      return;
    }
    const { policy, facts } = await this.factsFor(row);
    const owner = { disputeId: row.disputeId, orderId: row.orderId };
    let report: EvidenceReport;
    if (job.attempt > MAX_CHECK_ATTEMPTS) {
      report = gaveUp(row.kind, row.sha256, policy.version, job.attempt - 1);
    } else {
      await mkdir(this.proofDir(row.id), { recursive: true });
      report = await this.d.pool.run({
        path: await this.d.storage.localPath(row.sha256),
        kind: row.kind,
        ctx: {
          policy,
          ...(row.disputeId ? { disputeId: row.disputeId } : {}),
          ...(facts ? orderContext(facts) : {}),
          proofDir: this.proofDir(row.id),
          findReuse: (sha256, phash) => this.findReuse(owner, sha256, phash, policy.evidence.reuseMaxHammingDistance),
        },
      });
    }
    if (signal.aborted) return; // another process holds the job now; its report will be the one recorded
    const outcome = await this.d.workflow.execute({
      type: 'record_report',
      evidenceId,
      job: { id: job.id, attempt: job.attempt },
      report: finalizeReport(report, row.kind, row.fields),
      checkedFor: row.disputeId,
    });
    if (!outcome.ok) this.d.log.warn({ evidenceId, code: outcome.error.code }, 'evidence report not recorded');
    else this.d.log.info({ evidenceId, status: outcome.evidence?.status, elapsedMs: report.elapsedMs }, 'evidence report recorded');
  }

  /**
   * The policy and order facts a file is checked against: its dispute's (pinned policy), or,
   * before any dispute, its order's registered facts (none when known only from the upload)
   * under the policy in force when the file arrived.
   */
  private async factsFor(row: EvidenceRow): Promise<{ policy: Policy; facts: Order | null }> {
    const { workflow } = this.d;
    if (row.disputeId) {
      const { context } = (await workflow.load(row.disputeId)).snapshot;
      return { policy: workflow.policies.byVersion(context.policyVersion)!, facts: context.order };
    }
    const order = await workflow.store.read((r) => r.orders.get(row.orderId!));
    return { policy: workflow.policies.inForce(row.uploadedAt), facts: order?.facts ?? null };
  }

  private async findReuse(owner: EvidenceOwner, sha256: string, phash: string | undefined, maxBits: number): Promise<ReuseHit[]> {
    const { store } = this.d.workflow;
    const same: ReuseHit[] = (await store.read((r) => r.evidence.sameHashElsewhere(sha256, owner))).map((e) => ({
      disputeId: e.disputeId,
      orderId: e.orderId,
      evidenceId: e.id,
      sha256,
      distance: 0,
    }));
    if (!phash) return same;
    // A linear Hamming scan: fine for one seller's thousands of files; a BK-tree or pg's bit ops when it is not.
    const near = (await store.read((r) => r.evidence.withPictureHashElsewhere(owner)))
      .filter((e) => e.sha256 !== sha256)
      .map((e) => ({ disputeId: e.disputeId, orderId: e.orderId, evidenceId: e.id, sha256: e.sha256, distance: e.phash ? hammingDistance(phash, e.phash) : 64 }))
      .filter((h) => h.distance <= maxBits);
    return [...same, ...near];
  }
}

/** Who an upload is for: a dispute, or an order before any dispute (`sellerId` creates an unregistered one). */
export type UploadOwner = { disputeId: string } | { orderId: string; sellerId?: string };

/** The order facts the checks read: SKUs and label to find in a video, the ship time a capture should precede. */
function orderContext(o: Order): Pick<CheckContext, 'skus' | 'trackingNumber' | 'shippedAt'> {
  const shippedAt = o.shipment.shippedAt === undefined ? undefined : Date.parse(o.shipment.shippedAt);
  return { skus: o.items.map((i) => i.sku), trackingNumber: o.shipment.trackingNumber, ...(shippedAt !== undefined ? { shippedAt } : {}) };
}

/** The report for a file whose checks failed to run `failures` times: a person decides. */
function gaveUp(kind: EvidenceKind, sha256: string, policyVersion: string, failures: number): EvidenceReport {
  return {
    status: 'needs_review',
    kind,
    sha256,
    sniffedType: null,
    bytes: 0,
    checks: [{ id: 'checks', status: 'warn', code: 'CHECK.FAILED', message: `The checks could not run (${failures} attempts); a person will look at this file.` }],
    policyVersion,
    elapsedMs: 0,
  };
}
