/**
 * Evidence summaries as a dispute receives them: a real fixture file through the real checks
 * (`runChecks`), then `finalizeReport` + `summarize`, the path the evidence service and
 * `simulate` take. Each upload's checks run once per test process (memoised; ~0.3–3 s a
 * file), so call `checkUploads` in a `before` hook; summaries are then built synchronously.
 *
 * Reuse is real too: an upload may name `earlier` uploads on other disputes, and its
 * `findReuse` answers from their reports the way the store does (same SHA-256, or the dHash
 * Hamming distance).
 */
import '../evidence/quiet.ts';
import { after } from 'node:test';
import type { EvidenceKind, EvidenceSummary } from '../../src/domain/evidence-summary.ts';
import type { ReuseHit } from '../../src/evidence/check.ts';
import { finalizeReport, summarize } from '../../src/evidence/evidence-summary.builder.ts';
import { closeReaders } from '../../src/evidence/media/readers.ts';
import { hammingDistance } from '../../src/evidence/phash.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import type { Policy } from '../../src/policy/policy.schema.ts';
import type { EvidenceFields } from '../../src/store/evidence.repository.port.ts';
import { ensureFixtures, FIXTURES, SKU, TRACKING } from '../fixtures/make-fixtures.ts';

export { SKU, TRACKING };

// The OCR worker thread would keep the test process alive.
after(() => closeReaders());

/** One file uploaded as `kind` on `disputeId`, checked against the order's SKUs and tracking number. */
export interface Upload {
  file: keyof typeof FIXTURES;
  kind: EvidenceKind;
  /** The dispute it is uploaded on (default `d-1`, the dispute `startDispute` opens). */
  disputeId?: string;
  /** What the order lists (default: what the fixtures show, `SKU` and `TRACKING`). */
  skus?: readonly string[];
  trackingNumber?: string;
  /** Uploads already on other disputes: the store `findReuse` asks. */
  earlier?: readonly Upload[];
}

const reports = new Map<string, Promise<EvidenceReport>>();
const done = new Map<string, EvidenceReport>();
const keyOf = (u: Upload) => JSON.stringify(u);

function checked(u: Upload, policy: Policy): Promise<EvidenceReport> {
  const key = keyOf(u);
  let report = reports.get(key);
  if (!report) {
    report = run(u, policy).then((r) => {
      done.set(key, r);
      return r;
    });
    reports.set(key, report);
  }
  return report;
}

async function run(u: Upload, policy: Policy): Promise<EvidenceReport> {
  const disputeId = u.disputeId ?? 'd-1';
  const earlier = await Promise.all((u.earlier ?? []).map(async (e, i) => ({ disputeId: e.disputeId ?? 'd-1', evidenceId: `ev-earlier-${i}`, report: await checked(e, policy) })));
  const findReuse = (sha256: string, phash: string | undefined): ReuseHit[] =>
    earlier
      .filter((e) => e.disputeId !== disputeId)
      .map((e) => ({
        disputeId: e.disputeId,
        evidenceId: e.evidenceId,
        sha256: e.report.sha256,
        distance: e.report.sha256 === sha256 ? 0 : phash && e.report.phash ? hammingDistance(phash, e.report.phash) : 64,
      }));
  return runChecks(FIXTURES[u.file], u.kind, { policy, disputeId, skus: u.skus ?? [SKU], trackingNumber: u.trackingNumber ?? TRACKING, findReuse });
}

/** Runs the checks of every upload not yet checked in this process, two files at a time. */
export async function checkUploads(uploads: readonly Upload[], policy: Policy): Promise<void> {
  await ensureFixtures();
  const queue = [...uploads];
  const worker = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) await checked(u, policy);
  };
  await Promise.all([worker(), worker()]);
}

/** The raw report of a checked upload (as the pool returns it, before the derived checks). */
export function reportOf(u: Upload): EvidenceReport {
  const report = done.get(keyOf(u));
  if (!report) throw new Error(`${u.file} as ${u.kind} was not checked: add it to checkUploads in a before hook`);
  return report;
}

export interface SummaryOpts {
  id: string;
  uploadedAt: number;
  fields?: EvidenceFields;
}

/** What the dispute receives for a checked upload: the service's `finalizeReport` + `summarize`. */
export function summaryOf(u: Upload, o: SummaryOpts): EvidenceSummary {
  const fields = o.fields ?? {};
  const final = finalizeReport(reportOf(u), u.kind, fields);
  return summarize({ id: o.id, kind: u.kind, sha256: final.sha256, status: final.status, uploadedAt: o.uploadedAt, fields }, final);
}
