import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { initialTransition, transition } from 'xstate';
import { DEADLINES, DISPUTE_STATUSES, disputeMachine, type DisputeEvent } from '../../machines/dispute.machine.ts';
import { statusOf } from '../../src/workflow/dispute-workflow.ts';
import { machineInput } from '../helpers/machine-input.ts';

const EARLY = 1; // before every deadline
const LATE = 1e15; // after every deadline
const usd = (value: string) => ({ value, currency: 'USD' });

// Every event the machine knows, with payloads that exercise each branch.
const events: DisputeEvent[] = [
  { type: 'SELLER_RESPONDED', at: EARLY },
  { type: 'SOLUTION_PROPOSED', solution: 'refund', at: EARLY },
  { type: 'SOLUTION_PROPOSED', solution: 'resend', at: EARLY },
  { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: usd('20.00'), at: EARLY },
  { type: 'SELLER_ACCEPTED_CLAIM', at: EARLY },
  { type: 'BUYER_ACCEPTED', at: EARLY },
  { type: 'BUYER_REJECTED', at: EARLY },
  { type: 'ESCALATED', by: 'buyer', at: EARLY },
  { type: 'ESCALATED', by: 'seller', at: EARLY },
  { type: 'BUYER_WITHDREW', at: EARLY },
  { type: 'ARBITRATION_DECIDED', favour: 'seller', remedy: 'none', at: EARLY },
  { type: 'ARBITRATION_DECIDED', favour: 'split', remedy: 'partial_refund', amount: usd('30.00'), at: EARLY },
  ...DEADLINES.map((deadline) => ({ type: 'DEADLINE_PASSED' as const, deadline, at: LATE })),
];
const traversal = {
  input: machineInput(0),
  events,
  // A vertex is the status plus what makes outcomes differ; context timestamps are left out.
  serializeState: (s: ReturnType<typeof initialTransition<typeof disputeMachine>>[0]) =>
    JSON.stringify([s.value, s.context.outcome?.basis, s.context.outcome?.favours, s.context.proposal?.solution, s.context.arbitrationEvidenceClosed]),
};

test('shortest paths generated from the machine reach every status', () => {
  const paths = getShortestPaths(disputeMachine, traversal);
  const reached = new Set(paths.map((p) => statusOf(p.state)));
  assert.deepEqual([...reached].sort(), [...DISPUTE_STATUSES].sort());
});

test('every simple path that ends resolved has an outcome consistent with how it got there', () => {
  const paths = getSimplePaths(disputeMachine, traversal).filter((p) => p.state.status === 'done');
  assert.ok(paths.length > 20, `expected many resolved paths, got ${paths.length}`);
  for (const { state, steps } of paths) {
    const o = state.context.outcome;
    const last = steps.at(-1)!.event;
    assert.ok(o, 'a resolved dispute has an outcome');
    assert.deepEqual(state.context.deadlines, {}, 'no deadline survives resolution');
    if (o.favours === 'seller') assert.equal(o.remedy, 'none');
    if (o.favours === 'buyer') assert.ok(o.remedy === 'full_refund' || o.remedy === 'resend');
    if (o.favours === 'split') assert.equal(o.remedy, 'partial_refund');
    if (o.remedy === 'full_refund') assert.deepEqual(o.amount, state.context.order.amount);
    if (o.remedy === 'partial_refund') assert.ok(o.amount && Number(o.amount.value) < Number(state.context.order.amount.value));
    switch (o.decidedBy) {
      case 'auto_judgment':
        assert.equal(last.type, 'DEADLINE_PASSED');
        if (o.basis === 'deadline:first_response' || o.basis === 'deadline:solution') {
          assert.deepEqual([o.favours, o.remedy], ['buyer', 'full_refund']);
          assert.ok(!steps.some((s) => s.event.type === 'SOLUTION_PROPOSED'), 'a seller who proposed in time is never judged for silence');
        } else assert.equal(o.basis, 'deadline:buyer_answer');
        break;
      case 'withdrawal':
        assert.equal(last.type, 'BUYER_WITHDREW');
        break;
      case 'seller_accepted':
        assert.equal(last.type, 'SELLER_ACCEPTED_CLAIM');
        assert.deepEqual([o.favours, o.remedy], ['buyer', 'full_refund']);
        break;
      case 'agreement':
        assert.equal(last.type, 'BUYER_ACCEPTED');
        break;
      case 'arbitration':
        assert.equal(last.type, 'ARBITRATION_DECIDED');
        assert.ok(steps.some((s) => s.event.type === 'ESCALATED' || (s.event.type === 'DEADLINE_PASSED' && s.event.deadline === 'negotiation')));
        break;
    }
  }
});

test('the deadlines are the policy numbers counted from filing: 24 h and 48 h', () => {
  const [s] = initialTransition(disputeMachine, machineInput(1_000));
  assert.equal(s.context.deadlines.first_response, 1_000 + 24 * 3_600_000);
  assert.equal(s.context.deadlines.solution, 1_000 + 48 * 3_600_000);
});

test('a seller answer one ms before the deadline counts; at the deadline it does not', () => {
  const [s] = initialTransition(disputeMachine, machineInput(0));
  const due = s.context.deadlines.first_response!;
  const [inTime] = transition(disputeMachine, s, { type: 'SELLER_RESPONDED', at: due - 1 });
  assert.equal(statusOf(inTime), 'awaiting_solution');
  const [late] = transition(disputeMachine, s, { type: 'SELLER_RESPONDED', at: due });
  assert.equal(late, s, 'refused: unchanged snapshot');
});

test('DEADLINE_PASSED before the deadline, or for a deadline not in force, changes nothing', () => {
  const [s] = initialTransition(disputeMachine, machineInput(0));
  const due = s.context.deadlines.first_response!;
  assert.equal(transition(disputeMachine, s, { type: 'DEADLINE_PASSED', deadline: 'first_response', at: due - 1 })[0], s);
  assert.equal(transition(disputeMachine, s, { type: 'DEADLINE_PASSED', deadline: 'negotiation', at: LATE })[0], s);
});

test('a partial refund must be positive, below the order amount and in its currency', () => {
  const [s] = initialTransition(disputeMachine, machineInput(0));
  const propose = (value: string, currency = 'USD') =>
    transition(disputeMachine, s, { type: 'SOLUTION_PROPOSED', solution: 'partial_refund', amount: { value, currency }, at: 1 })[0];
  assert.equal(propose('64.90'), s);
  assert.equal(propose('0.00'), s);
  assert.equal(propose('20.00', 'EUR'), s);
  assert.equal(statusOf(propose('64.89')), 'awaiting_buyer');
});
