import './quiet.ts';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CHECK_DETAILS, checkDetails, detailsOf, type CheckDetailsInput, type CheckId } from '../../src/domain/check-details.ts';
import type { EvidenceKind } from '../../src/domain/evidence-summary.ts';
import { result, type Check } from '../../src/evidence/check.ts';
import { ALL_CHECKS } from '../../src/evidence/checks/registry.ts';
import type { EvidenceReport } from '../../src/evidence/report.ts';
import { runChecks } from '../../src/evidence/run-checks.ts';
import { ctx, ensureFixtures } from './evidence-helpers.ts';

let fx: Awaited<ReturnType<typeof ensureFixtures>>;
before(async () => {
  fx = await ensureFixtures();
});

test('every registered check id has a details schema', () => {
  for (const c of ALL_CHECKS) assert.ok(c.id in CHECK_DETAILS, c.id);
  assert.ok('delivery.proof' in CHECK_DETAILS && 'checks' in CHECK_DETAILS, 'the derived check and the pool row too');
});

test('result() parses details through the check schema; a name the schema does not know throws, naming the check', () => {
  const details = { videoSeconds: 20, measuredFrom: 'stream', containerSeconds: 20, audioSeconds: null, minSeconds: 15, rotation: 0, variableFrameRate: false, width: 640, height: 360 } as const;
  assert.deepEqual(result('video.duration', 'pass', 'VIDEO.DURATION_OK', 'ok', { details }).details, details);
  // @ts-expect-error `seconds` is not a video.duration name (the old verdict read it)
  assert.throws(() => result('video.duration', 'pass', 'VIDEO.DURATION_OK', 'ok', { details: { seconds: 20 } }), /video\.duration details do not match/);
  // @ts-expect-error `disputeId` is written per hit, not at the top of reuse
  assert.throws(() => checkDetails('reuse', { phash: null, disputeId: 'd-1' }), /reuse details/);
  assert.throws(() => result('file.limits', 'pass', 'FILE.LIMITS_OK', 'ok', { details: { bytes: Number.POSITIVE_INFINITY } }), /file\.limits/, 'JSON numbers only');
});

test('a check writing a name its schema does not know reports CHECK.ERROR (a person looks), never a silent row', async () => {
  const drifted: Check<'video.duration'> = {
    id: 'video.duration',
    appliesTo: () => true,
    run: async () => result('video.duration', 'pass', 'VIDEO.DURATION_OK', 'ok', { details: { seconds: 20 } as unknown as CheckDetailsInput<'video.duration'> }),
  };
  const r = await runChecks(fx.video20, 'packing_video', ctx(), { checks: [drifted] });
  assert.deepEqual(r.checks.map((c) => [c.id, c.status, c.code]), [['video.duration', 'warn', 'CHECK.ERROR']]);
  assert.equal(r.status, 'needs_review');
});

test('detailsOf: parsed and typed by id; undefined when the check is absent or wrote another shape', () => {
  const rows = { checks: [{ id: 'video.duration', details: { error: 'moov atom not found' } }, { id: 'reuse', details: { phash: null, disputeId: 'd-9' } }] };
  const d = detailsOf(rows, 'video.duration');
  assert.ok(d && 'error' in d && d.error === 'moov atom not found');
  assert.equal(detailsOf(rows, 'reuse'), undefined, 'an unknown name is not read');
  assert.equal(detailsOf(rows, 'video.sku'), undefined);
});

/** Fixtures that reach every shape the checks write (unions included). */
const RUNS: Array<[keyof typeof fx, EvidenceKind]> = [
  ['video20', 'packing_video'],
  ['truncated', 'packing_video'],
  ['noLabel', 'packing_video'],
  ['cameraJpeg', 'label_photo'],
  ['editedJpeg', 'label_photo'],
  ['croppedJpeg', 'product_photo'],
  ['strippedScreenshotJpeg', 'product_photo'],
  ['deliveryBlurred', 'delivery_proof_photo'],
  ['bombPng', 'label_photo'],
  ['pdf', 'carrier_letter'],
  ['pdf', 'packing_video'],
];

test('real reports: every details row parses through its schema and survives JSON unchanged', async () => {
  const reports: Array<[string, EvidenceReport]> = [];
  for (const [file, kind] of RUNS) {
    reports.push([`${file} as ${kind}`, await runChecks(fx[file], kind, ctx({ disputeId: 'd-1', findReuse: () => [{ disputeId: 'd-2', evidenceId: 'e-2', sha256: 'f'.repeat(64), distance: 3 }] }))]);
  }
  let rows = 0;
  for (const [name, r] of reports) {
    for (const c of r.checks.filter((row) => row.details !== undefined)) {
      rows++;
      assert.notEqual(detailsOf(r, c.id as CheckId), undefined, `${name}: ${c.id} ${JSON.stringify(c.details)}`);
      assert.deepEqual(JSON.parse(JSON.stringify(c.details)), c.details, `${name}: ${c.id} is plain JSON`);
    }
  }
  const codes = new Set(reports.flatMap(([, r]) => r.checks.map((c) => c.code)));
  for (const code of ['VIDEO.DURATION_OK', 'VIDEO.UNREADABLE', 'ORIGINAL.EDITED', 'ORIGINAL.DIMENSIONS_CHANGED', 'ORIGINAL.SCREENSHOT_SUSPECTED', 'PHOTO.BLURRED', 'FILE.TOO_MANY_PIXELS', 'FILE.TYPE_NOT_ALLOWED', 'REUSE.NEAR_DUPLICATE']) {
    assert.ok(codes.has(code), `the runs reach ${code}: ${[...codes].join(', ')}`);
  }
  assert.ok(rows > 40, `${rows} rows checked`);
});
