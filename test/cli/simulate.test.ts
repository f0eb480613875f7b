import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { simulateCommand } from '../../src/cli/simulate.command.ts';
import { captureIo } from './helpers.ts';
import { ensureFixtures } from '../fixtures/make-fixtures.ts';

const EXAMPLE = 'examples/scenario.not-received.json';
const tmp = mkdtempSync(join(tmpdir(), 'simulate-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Row {
  step: number | null;
  at: string;
  offset: string;
  event: string;
  detail?: string;
  result: 'applied' | 'refused';
  error?: { code: string };
  status: string;
  version: number;
  preview?: { favours: string; confidence: number; liable: string; decidedBy: string[]; rules: string[]; missing: Array<{ kind: string; dueBy: string }> };
}
interface Doc {
  ok: boolean;
  timeline: Row[];
  final: { status: string; outcome: { favours: string; remedy: string; decidedBy: string; basis: string; at: string } | null; preview: { decidedBy: string[] } };
  mismatches: Array<{ step: number; expected: string; got: string }>;
}

async function simulate(argv: string[]) {
  const io = captureIo();
  const code = await simulateCommand(argv, io);
  return { code, ...io };
}

function scenarioFile(name: string, over: Record<string, unknown>): string {
  const base = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify({ ...base, ...over }));
  return file;
}

test('the example scenario: preview turns to the seller on delivery proof, the 48 h deadline judges for the buyer, a late offer is refused as expected', async () => {
  const { code, stdout, stderr } = await simulate([EXAMPLE, '--json']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  assert.equal(doc.ok, true);
  assert.deepEqual(doc.mismatches, []);

  assert.equal(doc.final.status, 'resolved');
  assert.deepEqual(
    doc.final.outcome && { favours: doc.final.outcome.favours, remedy: doc.final.outcome.remedy, decidedBy: doc.final.outcome.decidedBy, basis: doc.final.outcome.basis },
    { favours: 'buyer', remedy: 'full_refund', decidedBy: 'auto_judgment', basis: 'deadline:solution' },
  );
  assert.equal(doc.final.outcome?.at, '2026-11-22T08:00:00.000Z');
  assert.deepEqual(doc.final.preview.decidedBy, ['deadline.solution']);

  assert.deepEqual(
    doc.timeline.map((r) => [r.step, r.offset, r.event, r.result, r.status, r.version]),
    [
      [null, '+0h', 'DISPUTE_FILED', 'applied', 'awaiting_seller_response', 1],
      [0, '+13h', 'SELLER_RESPONDED', 'applied', 'awaiting_solution', 2],
      [1, '+20h', 'EVIDENCE_REPORTED', 'applied', 'awaiting_solution', 3],
      [null, '+48h', 'DEADLINE_PASSED', 'applied', 'resolved', 4],
      [2, '+49h', 'SOLUTION_PROPOSED', 'refused', 'resolved', 4],
    ],
  );
  const [filed, responded, evidence, deadline, late] = doc.timeline;
  // Filed: delivered without signer proof favours the buyer and asks for a delivery-proof photo by the 48 h solution deadline.
  assert.equal(filed?.preview?.favours, 'buyer');
  assert.deepEqual(filed?.preview?.decidedBy, ['not_received.delivery_proof']);
  assert.ok(filed?.preview?.rules.includes('packing_video.required'));
  assert.deepEqual(filed?.preview?.missing, [{ kind: 'delivery_proof_photo', dueBy: '2026-11-22T08:00:00.000Z', rule: 'not_received.delivery_proof' }]);
  assert.deepEqual(responded?.preview, filed?.preview);
  // The accepted, legible, signed photo turns the preview to the seller.
  assert.equal(evidence?.detail, 'delivery_proof_photo accepted');
  assert.equal(evidence?.preview?.favours, 'seller');
  assert.equal(evidence?.preview?.liable, 'none');
  assert.deepEqual(evidence?.preview?.missing, []);
  // The deadline fires at its own instant, by the clock, and decides.
  assert.equal(deadline?.detail, 'solution');
  assert.equal(deadline?.at, '2026-11-22T08:00:00.000Z');
  assert.equal(deadline?.preview?.favours, 'buyer');
  assert.equal(deadline?.preview?.confidence, 1);
  assert.deepEqual(deadline?.preview?.decidedBy, ['deadline.solution']);
  assert.equal(late?.error?.code, 'DISPUTE.EVENT_NOT_ALLOWED');
});

test('the table shows the timeline, the preview per step and the outcome', async () => {
  const { code, stdout } = await simulate([EXAMPLE]);
  assert.equal(code, 0);
  assert.match(stdout, /clock\s+\+48h\s+2026-11-22 08:00\s+DEADLINE_PASSED solution\s+applied\s+resolved\s+4/);
  assert.match(stdout, /2\s+\+49h .*SOLUTION_PROPOSED resend\s+refused DISPUTE\.EVENT_NOT_ALLOWED \(expected\)/);
  assert.match(stdout, /preview: seller none conf 0\.77 · liable none · decided by not_received\.delivery_proof/);
  assert.match(stdout, /outcome: buyer full_refund 64\.90 USD by auto_judgment \(deadline:solution\)/);
  assert.match(stdout, /every step went as expected/);
});

test('an unexpected refusal exits 1: a first response at 30 h meets a dispute auto-judged at 24 h', async () => {
  const file = scenarioFile('late.json', { steps: [{ at: '+30h', event: { type: 'SELLER_RESPONDED' } }], until: undefined });
  const { code, stdout } = await simulate([file, '--json']);
  assert.equal(code, 1);
  const doc = JSON.parse(stdout) as Doc;
  assert.equal(doc.ok, false);
  assert.deepEqual(doc.mismatches.map((m) => [m.step, m.expected, m.got]), [[0, 'applied', 'refused']]);
  const fired = doc.timeline.find((r) => r.event === 'DEADLINE_PASSED');
  assert.equal(fired?.detail, 'first_response');
  assert.equal(fired?.offset, '+24h');
  assert.equal(doc.final.outcome?.basis, 'deadline:first_response');
  assert.equal(doc.final.outcome?.decidedBy, 'auto_judgment');
});

test('--policy forces another policy: with a 12 h first response the example\'s 13 h response is refused', async () => {
  const policy = JSON.parse(readFileSync('src/policy/v2024-05.1.json', 'utf8')) as { version: string; effectiveFrom: string; deadlines: Record<string, number> };
  policy.version = '2027-01.1';
  policy.effectiveFrom = '2027-01-01T00:00:00Z'; // after the dispute was filed: forced anyway
  policy.deadlines.firstResponseHours = 12;
  const file = join(tmp, 'policy-12h.json');
  writeFileSync(file, JSON.stringify(policy));
  const { code, stdout } = await simulate([EXAMPLE, '--json', '--policy', file]);
  assert.equal(code, 1);
  const doc = JSON.parse(stdout) as Doc & { policyVersion: string };
  assert.equal(doc.policyVersion, '2027-01.1');
  assert.equal(doc.final.outcome?.basis, 'deadline:first_response');
  assert.equal(doc.final.outcome?.at, '2026-11-20T20:00:00.000Z');
  assert.deepEqual(doc.mismatches.map((m) => [m.step, m.got]), [[0, 'refused'], [1, 'refused']]);
});

test('an invalid scenario exits 2 and names the paths', async () => {
  const file = scenarioFile('bad.json', {
    steps: [
      { at: '+1h', event: { type: 'SELLER_RESPONDED', bogus: 1 } },
      { at: '26 hours', event: { type: 'BUYER_ACCEPTED' } },
      { at: '+2h', event: { type: 'SOLUTION_PROPOSED', solution: 'partial_refund' } },
      { at: '+3h', event: { type: 'BUYER_ACCEPTED' }, evidence: { kind: 'label_photo', status: 'accepted' } },
    ],
  });
  const { code, stdout, stderr } = await simulate([file]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /bad\.json: invalid/);
  assert.match(stderr, /steps\.0\.event: .*bogus/);
  assert.match(stderr, /steps\.1\.at: /);
  assert.match(stderr, /steps\.2\.event\.amount: partial_refund needs an amount/);
  assert.match(stderr, /steps\.3: a step has exactly one of/);

  const json = await simulate([file, '--json']);
  assert.equal(json.code, 2);
  const doc = JSON.parse(json.stdout) as { ok: boolean; problems: Array<{ path: string }> };
  assert.equal(doc.ok, false);
  assert.ok(doc.problems.some((p) => p.path === 'steps.2.event.amount'));
});

test('steps out of time order, an unknown policy version, a missing file and bad usage exit 2', async () => {
  const order = scenarioFile('order.json', { steps: [{ at: '+5h', event: { type: 'SELLER_RESPONDED' } }, { at: '+2h', event: { type: 'BUYER_WITHDREW' } }] });
  const r1 = await simulate([order]);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /steps\.1\.at: step time \+2h is before the previous step's/);

  const policy = scenarioFile('policy.json', { policy: '1999-01.1' });
  const r2 = await simulate([policy]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /policy: policy 1999-01\.1 is not a shipped policy version/);

  const r3 = await simulate([join(tmp, 'nope.json')]);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /ENOENT/);

  assert.equal((await simulate([])).code, 2);
  assert.equal((await simulate([EXAMPLE, '--nope'])).code, 2);
});

test('an evidenceFile step runs the real checks', async () => {
  const { deliverySharp } = await ensureFixtures();
  const file = scenarioFile('file.json', {
    steps: [{ at: '+2h', evidenceFile: deliverySharp, kind: 'delivery_proof_photo', signerName: 'J. GARCIA', signedAt: '2026-11-12T15:20:00Z' }],
    until: undefined,
  });
  const { code, stdout } = await simulate([file, '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  const row = doc.timeline.find((r) => r.step === 0);
  assert.equal(row?.event, 'EVIDENCE_REPORTED');
  assert.equal(row?.detail, 'delivery_proof_photo accepted');
  assert.equal(row?.preview?.favours, 'seller');
});
