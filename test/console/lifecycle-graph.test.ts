import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getNextTransitions } from 'xstate';
import { DISPUTE_STATUSES, disputeMachine } from '../../machines/dispute.machine.ts';
import { lifecycleGraph } from '../../src/console/lifecycle-graph.ts';
import { lifecycleLayout, type Box } from '../../src/console/lifecycle-layout.ts';

const graph = lifecycleGraph(disputeMachine.root);
const drawing = lifecycleLayout(graph);

/** A snapshot of the real machine sitting in `status` (its context is irrelevant to which transitions exist). */
function snapshotIn(status: string) {
  const value = status === 'resolved' ? 'resolved' : { open: status };
  return disputeMachine.resolveState({ value, context: {} as never });
}

test('every status a dispute can have is a state of the graph; the initial one is marked and `resolved` is final', () => {
  const leaves = graph.states.filter((s) => s.kind !== 'group').map((s) => s.key);
  assert.deepEqual([...leaves].sort(), [...DISPUTE_STATUSES].sort());
  assert.deepEqual(graph.states.filter((s) => s.initial).map((s) => s.key), ['awaiting_seller_response']);
  assert.equal(graph.states.find((s) => s.key === 'resolved')?.kind, 'final');
  assert.deepEqual(graph.states.filter((s) => s.kind === 'group').map((s) => s.key), ['open']);
});

test('every transition the machine takes from each state (its own and its group\'s, per XState) is an edge with its event', () => {
  let checked = 0;
  for (const status of DISPUTE_STATUSES) {
    const own = graph.states.find((s) => s.key === status)!;
    for (const t of getNextTransitions(snapshotIn(status))) {
      const sources = [status, own.group].filter((k): k is string => k !== null);
      const source = t.source.key;
      assert.ok(sources.includes(source), `${t.eventType} leaves from ${source}`);
      const targets = t.target?.length ? t.target.map((n) => n.key) : [source];
      for (const to of targets) {
        const edge = graph.edges.find((e) => e.from === source && e.to === to);
        assert.ok(edge, `an edge ${source} → ${to}`);
        assert.ok(edge.events.some((e) => e.event === t.eventType), `${source} → ${to} carries ${t.eventType}`);
        checked++;
      }
    }
  }
  // 21 transitions in the machine today: a check that compared nothing would pass vacuously.
  assert.ok(checked >= 20, `checked ${checked} transitions`);
  assert.deepEqual(
    graph.edges.find((e) => e.from === 'awaiting_seller_response' && e.to === 'resolved')?.events,
    [{ event: 'DEADLINE_PASSED', guard: 'firstResponseMissed' }, { event: 'DEADLINE_PASSED', guard: 'solutionMissed' }],
    'two guarded transitions on one event are kept apart, each with its guard',
  );
});

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the layout is layered top-down, states never overlap, groups hold their states, everything fits the drawing', () => {
  const leaves = drawing.boxes.filter((b) => b.kind !== 'group');
  for (const a of leaves) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= drawing.width && a.y + a.height <= drawing.height, `${a.key} inside`);
    for (const b of leaves) if (a !== b) assert.ok(!overlaps(a, b), `${a.key} and ${b.key} apart`);
    for (const b of leaves) if (a.layer < b.layer) assert.ok(a.y + a.height <= b.y, `${a.key} above ${b.key}`);
  }
  const open = drawing.boxes.find((b) => b.key === 'open')!;
  for (const s of leaves.filter((b) => b.group === 'open')) {
    assert.ok(s.x > open.x && s.y > open.y && s.x + s.width < open.x + open.width && s.y + s.height < open.y + open.height, `${s.key} in open`);
  }
  assert.ok(!overlaps(open, drawing.boxes.find((b) => b.key === 'resolved')!), 'resolved lies outside open');
  assert.equal(drawing.edges.length, graph.edges.length);
  for (const e of drawing.edges) {
    assert.match(e.path, /^M [\d.-]+ [\d.-]+ [LQCc] /, `${e.from} → ${e.to} has a path`);
    assert.ok(e.label.lines.length > 0 && e.label.x >= 0 && e.label.x <= drawing.width, `${e.from} → ${e.to} has a label inside`);
  }
});
