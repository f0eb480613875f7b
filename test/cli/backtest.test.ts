import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { backtestCommand } from '../../src/cli/backtest.command.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { applied } from '../helpers/outcome.ts';
import { manualClock } from '../../src/workflow/clock.ts';
import { DisputeWorkflow, type ClientEventBody } from '../../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../src/workflow/open-dispute.command.ts';
import { disputeBody } from '../helpers/order.ts';
import { captureIo } from './helpers.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const AS_OF = new Date(T0 + 40 * HOUR).toISOString();
const tmp = mkdtempSync(join(tmpdir(), 'backtest-'));
const policyFile = join(tmp, 'policy-12h.json');
after(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The store, made by the real workflow under the shipped policy (first response 24 h):
 *  - late-13h:   responds at 13 h, offers a partial refund at 20 h, the buyer accepts at 30 h → split by agreement;
 *  - quick-5h:   responds at 5 h, offers a resend at 10 h, the buyer accepts at 20 h → buyer (resend) by agreement;
 *  - silent:     never responds → auto-judged for the buyer at 24 h (the timer fired);
 *  - pending-14h: responds at 14 h and is still awaiting a solution at 40 h (as of).
 */
before(async () => {
  const store = new SqliteStore(join(tmp, 'disputes.sqlite'));
  const clock = manualClock(T0);
  const wf = new DisputeWorkflow(store, clock);
  const at = (h: number) => clock.set(T0 + h * HOUR);
  const file = async (externalId: string) => {
    at(0);
    return (await applied(wf.execute({ type: 'open', dispute: OpenDisputeSchema.parse(disputeBody({ externalId, openedAt: new Date(T0).toISOString() })) }))).row.id;
  };
  const send = (disputeId: string, event: ClientEventBody) => applied(wf.execute({ type: 'send', disputeId, event }));
  const late = await file('late-13h');
  const quick = await file('quick-5h');
  const silent = await file('silent');
  const pending = await file('pending-14h');
  at(5);
  await send(quick, { type: 'SELLER_RESPONDED' });
  at(10);
  await send(quick, { type: 'SOLUTION_PROPOSED', solution: 'resend' });
  at(13);
  await send(late, { type: 'SELLER_RESPONDED', message: 'Looking into it' });
  at(14);
  await send(pending, { type: 'SELLER_RESPONDED' });
  at(20);
  await send(late, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value: '20.00', currency: 'USD' } });
  await send(quick, { type: 'BUYER_ACCEPTED' });
  at(24);
  const timer = await wf.execute({ type: 'fire_deadlines', disputeId: silent });
  assert.equal(timer.ok && timer.fired, 1);
  at(30);
  await send(late, { type: 'BUYER_ACCEPTED' });
  await store.close();

  const policy = JSON.parse(readFileSync('src/policy/v2024-05.1.json', 'utf8')) as { version: string; effectiveFrom: string; deadlines: Record<string, number> };
  policy.version = '2027-01.1';
  policy.effectiveFrom = '2027-01-01T00:00:00Z'; // after every dispute was filed: the backtest forces it anyway
  policy.deadlines.firstResponseHours = 12;
  writeFileSync(policyFile, JSON.stringify(policy, null, 2));
});

interface Side {
  policyVersion: string;
  status: string;
  outcome: { favours: string; remedy: string; decidedBy: string; basis: string; at: string } | null;
  preview: { favours: string; decidedBy: string[] } | null;
}
interface Doc {
  policy: { version: string };
  summary: { disputes: number; outcomeChanged: number; statusChanged: number; previewChanged: number; failed: number };
  disputes: Array<{
    externalId: string;
    original: Side;
    replayed: Side;
    changed: { status: boolean; outcome: boolean; preview: boolean };
    why: string[];
    refused: Array<{ event: string; offset: string; code: string }>;
    timingChanges: Array<{ deadline: string; fromHours: number; toHours: number }>;
    rules: { appeared: string[]; disappeared: string[] };
  }>;
}

async function run(argv: string[]) {
  const io = captureIo();
  const code = await backtestCommand(argv, io, {});
  return { code, ...io };
}

test('a 12 h first response changes the outcome of the seller who answered at 13 h, and says why', async () => {
  const { code, stdout, stderr } = await run(['--policy', policyFile, '--data-dir', tmp, '--as-of', AS_OF, '--json']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as Doc;
  assert.equal(doc.policy.version, '2027-01.1');
  assert.deepEqual(doc.summary, { disputes: 4, outcomeChanged: 2, statusChanged: 1, previewChanged: 2, failed: 0 });
  const by = (id: string) => {
    const d = doc.disputes.find((x) => x.externalId === id);
    assert.ok(d, id);
    return d;
  };

  const late = by('late-13h');
  assert.deepEqual(late.timingChanges, [{ deadline: 'first_response', fromHours: 24, toHours: 12 }]);
  assert.equal(late.original.policyVersion, '2024-05.1');
  assert.equal(late.replayed.policyVersion, '2027-01.1');
  assert.deepEqual([late.original.outcome?.favours, late.original.outcome?.decidedBy], ['split', 'agreement']);
  assert.deepEqual(
    [late.replayed.outcome?.favours, late.replayed.outcome?.remedy, late.replayed.outcome?.basis, late.replayed.outcome?.at],
    ['buyer', 'full_refund', 'deadline:first_response', new Date(T0 + 12 * HOUR).toISOString()],
  );
  assert.deepEqual(late.changed, { status: false, outcome: true, preview: true });
  assert.deepEqual(
    late.refused.map((r) => [r.event, r.offset, r.code]),
    [
      ['SELLER_RESPONDED', '+13h', 'DISPUTE.EVENT_NOT_ALLOWED'],
      ['SOLUTION_PROPOSED', '+20h', 'DISPUTE.EVENT_NOT_ALLOWED'],
      ['BUYER_ACCEPTED', '+30h', 'DISPUTE.EVENT_NOT_ALLOWED'],
    ],
  );
  assert.match(late.why[0] ?? '', /^first_response deadline 24 h → 12 h: SELLER_RESPONDED at \+13h is now too late .*now auto-judged for buyer \(full_refund, deadline:first_response\) at \+12h — was agreement for split/);
  assert.ok(late.why.includes('first_response deadline 24 h → 12 h: did not fire, now fires at +12h'), late.why.join('\n'));
  assert.ok(late.rules.appeared.includes('deadline.first_response'));
  assert.equal(late.replayed.preview?.favours, 'buyer');
  assert.deepEqual(late.replayed.preview?.decidedBy, ['deadline.first_response']);

  const quick = by('quick-5h');
  assert.deepEqual(quick.changed, { status: false, outcome: false, preview: false });
  assert.deepEqual(quick.refused, []);
  assert.deepEqual(quick.why, []);
  assert.equal(quick.replayed.outcome?.decidedBy, 'agreement');

  // Same judgment, twelve hours earlier: DEADLINE_PASSED at 24 h was not replayed, the new 12 h one fired.
  const silent = by('silent');
  assert.deepEqual(silent.changed, { status: false, outcome: false, preview: false });
  assert.equal(silent.original.outcome?.at, new Date(T0 + 24 * HOUR).toISOString());
  assert.equal(silent.replayed.outcome?.at, new Date(T0 + 12 * HOUR).toISOString());
  assert.ok(silent.why.includes('same outcome, decided at +12h instead of +24h'), silent.why.join('\n'));

  const pending = by('pending-14h');
  assert.deepEqual([pending.original.status, pending.original.outcome], ['awaiting_solution', null]);
  assert.deepEqual([pending.replayed.status, pending.replayed.outcome?.basis], ['resolved', 'deadline:first_response']);
  assert.deepEqual(pending.changed, { status: true, outcome: true, preview: true });
  assert.match(pending.why[0] ?? '', /SELLER_RESPONDED at \+14h is now too late .* — was still awaiting_solution/);
});

test('the report marks what changed and explains it', async () => {
  const { code, stdout } = await run(['--policy', policyFile, '--data-dir', tmp, '--as-of', AS_OF]);
  assert.equal(code, 0);
  assert.match(stdout, /backtest under policy 2027-01\.1 \(forced for every dispute; effectiveFrom 2027-01-01T00:00:00Z ignored\)/);
  assert.match(stdout, /4 dispute\(s\): 2 outcome\(s\) change, 1 status\(es\) change, 2 preview\(s\) change/);
  assert.match(stdout, /\* dsp_\w+ \(late-13h\)/);
  assert.match(stdout, /now: resolved: buyer full_refund 64\.90 USD by auto_judgment \(deadline:first_response\)/);
  assert.match(stdout, / {2}dsp_\w+ \(quick-5h\)[^\n]*\n {4}was: [^\n]*\n {4}now: unchanged/);
});

test('the backtest does not touch the stored disputes', async () => {
  const store = new SqliteStore(join(tmp, 'disputes.sqlite'));
  try {
    const rows = await store.read((r) => r.disputes.list({ limit: 10 }));
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.policyVersion === '2024-05.1'));
  } finally {
    await store.close();
  }
});

test('usage errors exit 2: no --policy, a policy that is not one, no store', async () => {
  assert.equal((await run(['--data-dir', tmp])).code, 2);
  const bad = join(tmp, 'bad-policy.json');
  writeFileSync(bad, JSON.stringify({ version: 'X' }));
  const r = await run(['--policy', bad, '--data-dir', tmp]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /version: /);
  const none = await run(['--policy', policyFile, '--data-dir', join(tmp, 'empty')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no store at/);
  assert.equal((await run(['--policy', policyFile, '--as-of', 'tomorrow'])).code, 2);
});
