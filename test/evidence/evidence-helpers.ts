/** Shared by the evidence tests: the policy, a context builder, temp dirs, one check run. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after } from 'node:test';
import { join } from 'node:path';
import type { CheckResult, EvidenceKind } from '../../src/domain/evidence-summary.ts';
import type { CheckContext } from '../../src/evidence/check.ts';
import { ALL_CHECKS } from '../../src/evidence/checks/registry.ts';
import { closeReaders } from '../../src/evidence/media/readers.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import { policyByVersion } from '../../src/policy/policies.ts';
import { SKU, TRACKING } from '../fixtures/make-fixtures.ts';

export { ensureFixtures, SKU, TRACKING } from '../fixtures/make-fixtures.ts';

// The OCR worker thread would keep the test process alive.
after(() => closeReaders());

const found = policyByVersion('2024-05.1');
if (!found) throw new Error('policy 2024-05.1 missing');
export const policy = found;

export function tempDir(prefix = 'evidence-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function ctx(extra: Partial<CheckContext> = {}): CheckContext {
  return { policy, skus: [SKU], trackingNumber: TRACKING, ...extra };
}

/** Runs the whole pipeline and returns the report plus one check's row. */
export async function check(path: string, kind: EvidenceKind, id: string, extra: Partial<CheckContext> = {}): Promise<{ report: EvidenceReport; row: CheckResult }> {
  const report = await runChecks(path, kind, ctx(extra));
  const row = report.checks.find((c) => c.id === id);
  if (!row) throw new Error(`no ${id} row in report: ${JSON.stringify(report.checks.map((c) => c.id))}`);
  return { report, row };
}

/** Only the named checks (faster tests of one check through the real pipeline). */
export async function only(path: string, kind: EvidenceKind, ids: string[], extra: Partial<CheckContext> = {}): Promise<EvidenceReport> {
  return runChecks(path, kind, ctx(extra), { checks: ALL_CHECKS.filter((c) => ids.includes(c.id)) });
}
