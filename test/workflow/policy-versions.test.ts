import assert from 'node:assert/strict';
import { test } from 'node:test';
import { policyBook, policyByVersion } from '../../src/policy/policies.ts';
import { PolicySchema } from '../../src/policy/policy.schema.ts';
import { manualClock } from '../../src/workflow/clock.ts';
import { DisputeWorkflow } from '../../src/workflow/dispute-workflow.ts';
import { OpenDisputeSchema } from '../../src/workflow/open-dispute.command.ts';
import { disputeBody } from '../helpers/order.ts';
import { applied } from '../helpers/outcome.ts';
import { testStore } from '../helpers/test-store.ts';

const HOUR = 3_600_000;
const v1 = policyByVersion('2024-05.1')!;
const v2 = PolicySchema.parse({ ...v1, version: '2026-12.1', effectiveFrom: '2026-12-01T00:00:00Z', deadlines: { ...v1.deadlines, firstResponseHours: 12 } });

test('a dispute keeps the policy it was filed under; a new version never moves its deadlines', async () => {
  const clock = manualClock(Date.parse('2026-12-05T00:00:00Z'));
  const store = await testStore();
  const wf = new DisputeWorkflow(store, clock, { policies: policyBook([v1, v2]) });
  const open = (body: object) => applied(wf.execute({ type: 'open', dispute: OpenDisputeSchema.parse(body) }));
  const openedBefore = Date.parse('2026-11-30T23:00:00Z');
  const old = await open(disputeBody({ openedAt: new Date(openedBefore).toISOString() }));
  // Filed before v2 took effect and imported days later: judged under v1 (24 h), not v2.
  assert.equal(old.row.policyVersion, '2024-05.1');
  assert.equal(old.snapshot.context.outcome?.basis, 'deadline:first_response');

  clock.set(Date.parse('2026-11-30T23:30:00Z'));
  const pending = await open(disputeBody({ openedAt: new Date(openedBefore).toISOString() }));
  assert.equal(pending.snapshot.context.deadlines.first_response, openedBefore + 24 * HOUR);

  clock.set(Date.parse('2026-12-02T00:00:00Z'));
  const fresh = await open(disputeBody());
  assert.equal(fresh.row.policyVersion, '2026-12.1');
  assert.equal(fresh.snapshot.context.deadlines.first_response, clock.now() + 12 * HOUR);
  // The older dispute's deadline did not move when the new version came into force.
  assert.equal((await wf.load(pending.row.id)).snapshot.context.deadlines.first_response, openedBefore + 24 * HOUR);
  await store.close();
});

test('a policy file that breaks the schema is refused with the failing path', () => {
  const r = PolicySchema.safeParse({ ...v1, deadlines: { ...v1.deadlines, solutionHours: -1 } });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0]?.path, ['deadlines', 'solutionHours']);
});
