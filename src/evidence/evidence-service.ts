import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, EvidenceKind, EvidenceSummary } from '../domain/evidence-summary.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import type { DisputeRepository } from '../store/dispute.repository.port.ts';
import type { EvidenceFields, EvidenceRepository, EvidenceRow } from '../store/evidence.repository.port.ts';
import type { Clock } from '../workflow/clock.ts';
import type { DisputeWorkflow } from '../workflow/dispute-workflow.ts';
import type { CheckContext, ReuseHit } from './check.ts';
import type { CheckPool } from './check-pool.ts';
import { deliveryProofCheck } from './checks/delivery-proof.derived-check.ts';
import { hammingDistance } from './phash.ts';
import type { EvidenceReport } from './report.ts';
import { reportStatus } from './report.ts';
import { gateUpload } from './upload/upload-gate.ts';
import type { HashedUpload } from './upload/hashing-disk-storage.ts';

export interface EvidenceServiceDeps {
  store: DisputeRepository;
  evidence: EvidenceRepository;
  workflow: DisputeWorkflow;
  pool: CheckPool;
  uploadsDir: string;
  clock: Clock;
  log: Logger;
}

/**
 * Evidence from upload to verdict: gate the temp file (type, size, pixels), move it to its
 * content address, register it and tell the dispute (one transaction), check it off the
 * request thread, then store the report and tell the dispute again. A crash before the
 * register step leaves only a temp file (cleared at start); after it, `resume()` re-queues
 * evidence whose checks never finished.
 */
export class EvidenceService {
  constructor(private readonly d: EvidenceServiceDeps) {}

  get tmpDir(): string {
    return join(this.d.uploadsDir, 'tmp');
  }

  filePath(sha256: string): string {
    return join(this.d.uploadsDir, 'objects', sha256.slice(0, 2), sha256);
  }

  proofDir(evidenceId: string): string {
    return join(this.d.uploadsDir, 'proofs', evidenceId);
  }

  /** Creates the folders and drops temp files an interrupted process left behind. */
  async prepare(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(join(this.d.uploadsDir, 'objects'), { recursive: true });
  }

  /**
   * Accepts one uploaded temp file for a dispute; throws a DomainError (and deletes the file)
   * when it is refused. `alsoInTransaction` runs inside the registering transaction (the HTTP
   * layer stores its idempotent answer there).
   */
  async accept(
    disputeId: string,
    kind: EvidenceKind,
    upload: HashedUpload,
    fields: EvidenceFields,
    alsoInTransaction: (row: EvidenceRow) => void = () => {},
  ): Promise<EvidenceRow> {
    try {
      const { snapshot } = this.d.workflow.load(disputeId);
      if (snapshot.status !== 'active') throw new DomainError('DISPUTE.CLOSED', `Dispute ${disputeId} is resolved; it takes no more evidence.`);
      const policy = this.d.workflow.policies.byVersion(snapshot.context.policyVersion)!;
      const mediaType = await gateUpload(upload, kind, policy);
      const target = this.filePath(upload.sha256);
      await mkdir(join(target, '..'), { recursive: true });
      await rename(upload.path, target); // same content, same address: a re-upload just replaces identical bytes
      const row: EvidenceRow = {
        id: `evd_${randomUUID().replaceAll('-', '')}`,
        disputeId,
        kind,
        sha256: upload.sha256,
        bytes: upload.size,
        mediaType,
        status: 'checking',
        fields,
        report: null,
        phash: null,
        uploadedAt: this.d.clock.now(),
        checkedAt: null,
      };
      this.d.store.transaction(() => {
        this.d.evidence.insert(row);
        this.d.workflow.sendInternal(disputeId, { type: 'EVIDENCE_REPORTED', evidence: summaryOf(row, []) }, 'system:evidence');
        alsoInTransaction(row);
      });
      void this.check(row);
      return row;
    } finally {
      await unlink(upload.path).catch(() => {}); // gone already when it was moved
    }
  }

  /** Re-queues evidence whose checks a restart interrupted. */
  resume(): number {
    const pending = this.d.evidence.checking();
    for (const row of pending) this.check(row);
    return pending.length;
  }

  /** Runs the checks in the pool; the report enters the dispute through the command path. */
  async check(row: EvidenceRow): Promise<void> {
    const { snapshot } = this.d.workflow.load(row.disputeId);
    await mkdir(this.proofDir(row.id), { recursive: true });
    const c = snapshot.context;
    const policy = this.d.workflow.policies.byVersion(c.policyVersion)!;
    const ctx: Omit<CheckContext, 'signal' | 'log'> = {
      policy,
      disputeId: row.disputeId,
      skus: c.order.items.map((i) => i.sku),
      trackingNumber: c.order.shipment.trackingNumber,
      proofDir: this.proofDir(row.id),
      findReuse: (sha256, phash) => this.findReuse(row.disputeId, sha256, phash, policy.evidence.reuseMaxHammingDistance),
    };
    return this.d.pool.run({ path: this.filePath(row.sha256), kind: row.kind, ctx }).then(
      (report) => this.record(row, report),
      (err: unknown) => this.d.log.error({ err, evidenceId: row.id }, 'evidence checks failed; left in checking for a restart to retry'),
    );
  }

  private findReuse(disputeId: string, sha256: string, phash: string | undefined, maxBits: number): ReuseHit[] {
    const same: ReuseHit[] = this.d.evidence.sameHashElsewhere(sha256, disputeId).map((e) => ({ disputeId: e.disputeId, evidenceId: e.id, sha256, distance: 0 }));
    if (!phash) return same;
    // A linear Hamming scan: fine for one seller's thousands of files; a BK-tree or pg's bit ops when it is not.
    const near = this.d.evidence
      .withPictureHashElsewhere(disputeId)
      .filter((e) => e.sha256 !== sha256)
      .map((e) => ({ disputeId: e.disputeId, evidenceId: e.id, sha256: e.sha256, distance: e.phash ? hammingDistance(phash, e.phash) : 64 }))
      .filter((h) => h.distance <= maxBits);
    return [...same, ...near];
  }

  private record(row: EvidenceRow, report: EvidenceReport): void {
    const checks = row.kind === 'delivery_proof_photo' ? [...report.checks, deliveryProofCheck(report.checks, row.fields)] : report.checks;
    const final: EvidenceReport = { ...report, checks, status: reportStatus(checks) };
    const done: EvidenceRow = { ...row, status: final.status, report: final, phash: final.phash ?? null, checkedAt: this.d.clock.now() };
    this.d.store.transaction(() => {
      this.d.evidence.saveReport(row.id, final.status, final, done.phash, done.checkedAt!);
      try {
        this.d.workflow.sendInternal(row.disputeId, { type: 'EVIDENCE_REPORTED', evidence: summaryOf(done, checks, final.capturedAt) }, 'system:evidence');
      } catch (e) {
        // A dispute resolved while its evidence was checked keeps the report, not the event.
        if (!(e instanceof DomainError && e.code === 'DISPUTE.EVENT_NOT_ALLOWED')) throw e;
      }
    });
    this.d.log.info({ evidenceId: row.id, status: final.status, elapsedMs: final.elapsedMs }, 'evidence report recorded');
  }
}

/** What the dispute keeps of a piece of evidence (the preview reasons with it). */
function summaryOf(row: EvidenceRow, checks: readonly CheckResult[], capturedAt?: number): EvidenceSummary {
  const at = capturedAt ?? row.fields.capturedAt;
  return {
    id: row.id,
    kind: row.kind,
    sha256: row.sha256,
    status: row.status,
    uploadedAt: row.uploadedAt,
    ...(at !== undefined ? { capturedAt: at } : {}),
    checks: checks.map((c) => ({ id: c.id, status: c.status, code: c.code, ...(c.details ? { details: c.details } : {}) })),
    ...(row.fields.signerName ? { signerName: row.fields.signerName } : {}),
    ...(row.fields.signedAt !== undefined ? { signedAt: row.fields.signedAt } : {}),
  };
}
