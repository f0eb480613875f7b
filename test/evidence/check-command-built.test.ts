/**
 * The `dispute check` that ships: `npm run build` (which `npm test` runs first) makes
 * dist/src/cli/check.command.js one bundled file (scripts/bundle-check.mjs). It must report as
 * the source does for each kind of file whose checks reach outside the bundle: a packing video
 * (ffmpeg, the frame reader thread, zxing's wasm), a label photo (exiftool's process, sharp), a
 * delivery photo whose signer is printed on it (tesseract), a carrier letter PDF (mupdf).
 * Run alone (`node --import tsx test/run.ts test/evidence/check-command-built.test.ts`), it
 * checks whatever `npm run build` last made.
 */
import './quiet.ts';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import type { EvidenceKind } from '../../src/domain/evidence-summary.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import { ensureLegibilityFixtures } from '../fixtures/make-legibility-fixtures.ts';
import { ensureFixtures, policy, SKU, TRACKING } from './evidence-helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/dispute.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/src/cli/check.command.js', import.meta.url));

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
let legible: Awaited<ReturnType<typeof ensureLegibilityFixtures>>;
before(async () => {
  [fx, legible] = await Promise.all([ensureFixtures(), ensureLegibilityFixtures()]);
});

/** What must agree between the two: the verdict, each check's outcome and the file's hashes. */
const outcome = (r: EvidenceReport) => ({ status: r.status, sha256: r.sha256, phash: r.phash, checks: r.checks.map((c) => `${c.id} ${c.status} ${c.code}`) });

async function sameAsSource(file: string, kind: EvidenceKind, targets: { skus?: string[]; trackingNumber?: string } = {}) {
  const args = [...(targets.skus ?? []).flatMap((s) => ['--sku', s]), ...(targets.trackingNumber ? ['--tracking', targets.trackingNumber] : [])];
  const r = spawnSync(process.execPath, [BIN, 'check', file, '--kind', kind, '--policy', policy.version, ...args, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const built = JSON.parse(r.stdout) as EvidenceReport;
  const source = await runChecks(file, kind, { policy, ...targets });
  assert.deepEqual(outcome(built), outcome(source));
  return built;
}

test('the built check command is one file: it imports no module of ours', () => {
  const imports = [...readFileSync(BUILT, 'utf8').matchAll(/^import .* from ["'](.+)["'];?$/gm)].map((m) => m[1]);
  assert.ok(imports.length > 0);
  assert.deepEqual(imports.filter((s) => s!.startsWith('.')), []);
});

test('built: a packing video reads its SKU and label barcodes as the source does', async () => {
  const r = await sameAsSource(fx.video20, 'packing_video', { skus: [SKU], trackingNumber: TRACKING });
  assert.equal(r.status, 'accepted');
});

test('built: a camera label photo (exiftool, sharp, zxing) as the source does', async () => {
  const r = await sameAsSource(fx.cameraJpeg, 'label_photo', { trackingNumber: TRACKING });
  assert.ok(r.checks.some((c) => c.id === 'original' && c.status === 'pass'));
});

test('built: a delivery photo whose signer is printed on it (tesseract) as the source does', async () => {
  const r = await sameAsSource(legible.deliverySigned, 'delivery_proof_photo');
  assert.equal(r.checks.find((c) => c.id === 'photo.legible')?.status, 'pass');
});

test('built: a carrier letter PDF (mupdf) and one with OpenAction JavaScript as the source does', async () => {
  await sameAsSource(legible.letterPdf, 'carrier_letter');
  const unsafe = await sameAsSource(legible.letterOpenActionJs, 'carrier_letter');
  assert.equal(unsafe.status, 'rejected');
});
