/**
 * The dispute lifecycle as a graph, read from the machine's own definition (XState's public
 * `StateNode` API: `states`, `transitions`, `initial`, `type`), never drawn by hand: a state
 * or transition added to machines/dispute.machine.ts appears in the console's diagram.
 *
 *   const g = lifecycleGraph(disputeMachine.root);
 *   g.nodes.map((n) => n.key); // ['awaiting_seller_response', …, 'resolved']
 *   g.edges[0];                 // { from: 'awaiting_seller_response', to: 'awaiting_solution', events: [{ event: 'SELLER_RESPONDED', guard: 'beforeDeadlines' }] }
 */
import type { AnyStateNode } from 'xstate';

/** A state the dispute can be in (an atomic or final state), or a compound group of them. */
export interface LifecycleState {
  /** The state's key: the dispute's `status` for leaves (`awaiting_buyer`), the group's name (`open`). */
  key: string;
  /** The machine's id path (`dispute.open.awaiting_buyer`). */
  id: string;
  kind: 'state' | 'final' | 'group';
  /** The enclosing group's key, if any (the root is nobody's group). */
  group: string | null;
  /** Layer of a layered drawing: breadth-first distance from the initial state; final states last. */
  layer: number;
  initial: boolean;
}

/** One event (and the guard that must hold) that moves `from` to `to`. */
export interface LifecycleTrigger {
  event: string;
  guard: string | null;
}

/** All transitions from one state to another; `to === from` for transitions that stay (no target). */
export interface LifecycleEdge {
  from: string;
  to: string;
  events: LifecycleTrigger[];
}

export interface LifecycleGraph {
  states: LifecycleState[];
  edges: LifecycleEdge[];
}

/** A guard's name as the machine declares it (`setup({ guards })` names are strings or `{ type }`). */
function guardName(g: unknown): string | null {
  if (typeof g === 'string') return g;
  if (typeof g === 'object' && g !== null && 'type' in g && typeof g.type === 'string') return g.type;
  if (typeof g === 'function' && g.name) return g.name;
  return null;
}

/** Every state node under `root` (not the root itself), depth first in declaration order. */
function descendants(root: AnyStateNode): AnyStateNode[] {
  return Object.values(root.states).flatMap((s) => [s, ...descendants(s)]);
}

const isLeaf = (n: AnyStateNode): boolean => n.type === 'atomic' || n.type === 'final';

/** The leaf a transition into `n` ends in (following `initial` through groups). */
function entryLeaf(n: AnyStateNode): AnyStateNode {
  const first = n.type === 'compound' ? n.initial.target[0] : undefined;
  return first ? entryLeaf(first) : n;
}

/** Leaves under `n` (itself when it is one). */
const leavesOf = (n: AnyStateNode): AnyStateNode[] => (isLeaf(n) ? [n] : descendants(n).filter(isLeaf));

function edgesOf(nodes: readonly AnyStateNode[]): LifecycleEdge[] {
  const byPair = new Map<string, LifecycleEdge>();
  for (const source of nodes) {
    for (const [event, transitions] of source.transitions) {
      for (const t of transitions) {
        for (const target of t.target?.length ? t.target : [source]) {
          const pair = `${source.key}→${target.key}`;
          const edge = byPair.get(pair) ?? { from: source.key, to: target.key, events: [] };
          edge.events.push({ event, guard: guardName(t.guard) });
          byPair.set(pair, edge);
        }
      }
    }
  }
  return [...byPair.values()];
}

/** Breadth-first layers over the leaves: a group's transitions leave from each of its leaves. */
function layersOf(root: AnyStateNode, nodes: readonly AnyStateNode[]): Map<string, number> {
  const start = entryLeaf(root);
  const layer = new Map<string, number>([[start.key, 0]]);
  const queue = [start];
  while (queue.length) {
    const leaf = queue.shift()!;
    const sources = nodes.filter((n) => leavesOf(n).includes(leaf));
    for (const s of sources) {
      for (const transitions of s.transitions.values()) {
        for (const target of transitions.flatMap((t) => t.target ?? []).map(entryLeaf)) {
          if (layer.has(target.key) || target.type === 'final') continue;
          layer.set(target.key, layer.get(leaf.key)! + 1);
          queue.push(target);
        }
      }
    }
  }
  // Final states close the drawing, below everything that can reach them.
  const last = Math.max(...layer.values()) + 1;
  for (const n of nodes) if (isLeaf(n) && !layer.has(n.key)) layer.set(n.key, n.type === 'final' ? last : last - 1);
  return layer;
}

/** The lifecycle of `root` (a machine's `.root`) as states with layers and merged edges. */
export function lifecycleGraph(root: AnyStateNode): LifecycleGraph {
  const nodes = descendants(root);
  const layers = layersOf(root, nodes);
  const start = entryLeaf(root);
  const states = nodes.map((n): LifecycleState => {
    const parent = n.parent && n.parent !== root ? n.parent.key : null;
    const layer = isLeaf(n) ? layers.get(n.key)! : Math.min(...leavesOf(n).map((l) => layers.get(l.key)!));
    return { key: n.key, id: n.id, kind: n.type === 'final' ? 'final' : isLeaf(n) ? 'state' : 'group', group: parent, layer, initial: n === start };
  });
  return { states, edges: edgesOf(nodes) };
}
