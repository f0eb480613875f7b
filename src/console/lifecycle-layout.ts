/**
 * Coordinates for the lifecycle graph, so the browser only draws: each layer is a row, states
 * side by side in it, a group is the box around its states, and each edge is an SVG path with
 * a place for its label. Edges that skip a row run down a lane at the side (a straight line
 * would cross the states between); a pair of opposite edges bends apart so both stay visible.
 *
 *   const drawing = lifecycleLayout(lifecycleGraph(disputeMachine.root));
 *   drawing.boxes.find((b) => b.key === 'resolved'); // { x, y, width, height, … }
 */
import type { LifecycleEdge, LifecycleGraph, LifecycleState } from './lifecycle-graph.ts';

// Sizes in SVG user units; the SVG scales to its container (360 px sidebar to desktop).
const BOX_W = 210;
const BOX_H = 44;
// Wide enough for a same-row edge label between two states (one event name, ≤ 110 units at 10 px).
const COL_GAP = 120;
const ROW_GAP = 74;
/** Room at each side for the lanes of row-skipping edges and their labels (one event name a line, ≤ 100 units). */
const LANE = 150;
const GROUP_PAD = 14;
/** Room above a group's states for its name and its own transitions' caption. */
const GROUP_HEAD = 26;
const BEND = 22;

export interface Box extends LifecycleState {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnEdge extends LifecycleEdge {
  /** SVG path data from the source box's border to the target box's border. */
  path: string;
  /** One event name a line; `end`: the text ends at x (labels left of their line: self-loops, a group's edges). */
  label: { x: number; y: number; lines: string[]; anchor: 'middle' | 'end' };
}

export interface LifecycleDrawing {
  width: number;
  height: number;
  boxes: Box[];
  edges: DrawnEdge[];
}

interface Point {
  x: number;
  y: number;
}

const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Where the segment from `b`'s centre toward `p` leaves the box. */
function border(b: Box, p: Point): Point {
  const c = centre(b);
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const s = Math.min(dx === 0 ? Infinity : b.width / 2 / Math.abs(dx), dy === 0 ? Infinity : b.height / 2 / Math.abs(dy));
  return { x: c.x + dx * s, y: c.y + dy * s };
}

const linesOf = (e: LifecycleEdge): string[] => [...new Set(e.events.map((t) => t.event))];
const r = (n: number): number => Math.round(n * 10) / 10;

function leafBoxes(states: readonly LifecycleState[]): { boxes: Box[]; width: number; rows: number } {
  const leaves = states.filter((s) => s.kind !== 'group');
  const rows = Math.max(...leaves.map((s) => s.layer)) + 1;
  const perRow = Array.from({ length: rows }, (_, i) => leaves.filter((s) => s.layer === i));
  const widest = Math.max(...perRow.map((row) => row.length));
  const inner = widest * BOX_W + (widest - 1) * COL_GAP;
  const width = inner + 2 * LANE;
  const groupRows = new Set(states.filter((s) => s.kind === 'group').map((g) => g.layer));
  const boxes = perRow.flatMap((row, i) => {
    const rowWidth = row.length * BOX_W + (row.length - 1) * COL_GAP;
    const left = LANE + (inner - rowWidth) / 2;
    // Rows below a group's start leave room for its heading; rows after it for its bottom edge.
    const y = GROUP_PAD + GROUP_HEAD * [...groupRows].filter((g) => g <= i).length + i * (BOX_H + ROW_GAP);
    return row.map((s, j): Box => ({ ...s, x: left + j * (BOX_W + COL_GAP), y, width: BOX_W, height: BOX_H }));
  });
  return { boxes, width, rows };
}

function groupBox(g: LifecycleState, members: readonly Box[]): Box {
  const x = Math.min(...members.map((b) => b.x)) - GROUP_PAD;
  const y = Math.min(...members.map((b) => b.y)) - GROUP_PAD - GROUP_HEAD;
  const right = Math.max(...members.map((b) => b.x + b.width)) + GROUP_PAD;
  const bottom = Math.max(...members.map((b) => b.y + b.height)) + GROUP_PAD;
  return { ...g, x, y, width: right - x, height: bottom - y };
}

function drawEdge(e: LifecycleEdge, at: Map<string, Box>, reversed: boolean, width: number): DrawnEdge {
  const a = at.get(e.from)!;
  const b = at.get(e.to)!;
  const lines = linesOf(e);
  if (a === b) {
    // Stays in the state: a small loop on the top right corner (inside a group's heading, above a state).
    const x = a.x + a.width - 36;
    const down = a.kind === 'group' ? 1 : -1;
    return { ...e, path: `M ${r(x)} ${r(a.y)} c 6 ${down * 22} 30 ${down * 22} 26 0`, label: { x: r(x - 4), y: r(a.y + (down > 0 ? 17 : -8)), lines: [lines.join(' / ')], anchor: 'end' } };
  }
  const ca = centre(a);
  const cb = centre(b);
  const skipsRows = a.kind !== 'group' && Math.abs(b.layer - a.layer) > 1;
  if (skipsRows) {
    const left = ca.x < width / 2;
    const lane = left ? LANE / 2 : width - LANE / 2;
    const sx = left ? a.x : a.x + a.width;
    const tx = left ? b.x : b.x + b.width;
    return { ...e, path: `M ${r(sx)} ${r(ca.y)} C ${r(lane)} ${r(ca.y)} ${r(lane)} ${r(cb.y)} ${r(tx)} ${r(cb.y)}`, label: { x: r(lane), y: r((ca.y + cb.y) / 2), lines, anchor: 'middle' } };
  }
  if (a.kind === 'group') {
    // Out of the group's bottom, straight down into the left half of the target (its centre takes the states' edges).
    const x = cb.x - b.width / 4;
    const top = a.y + a.height;
    return { ...e, path: `M ${r(x)} ${r(top)} L ${r(x)} ${r(b.y)}`, label: { x: r(x - 6), y: r((top + b.y) / 2), lines, anchor: 'end' } };
  }
  const from = border(a, cb);
  const to = border(b, ca);
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  if (!reversed) return { ...e, path: `M ${r(from.x)} ${r(from.y)} L ${r(to.x)} ${r(to.y)}`, label: { x: r(mid.x), y: r(mid.y - 6), lines, anchor: 'middle' } };
  // Bend to the right of the direction of travel, so the opposite edge bends the other way.
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ctl = { x: mid.x - ((to.y - from.y) / len) * BEND * 2, y: mid.y + ((to.x - from.x) / len) * BEND * 2 };
  const top = { x: (mid.x + ctl.x) / 2, y: (mid.y + ctl.y) / 2 };
  return { ...e, path: `M ${r(from.x)} ${r(from.y)} Q ${r(ctl.x)} ${r(ctl.y)} ${r(to.x)} ${r(to.y)}`, label: { x: r(top.x), y: r(top.y), lines, anchor: 'middle' } };
}

/** Places every state of `g` and routes every edge. */
export function lifecycleLayout(g: LifecycleGraph): LifecycleDrawing {
  const { boxes: leaves, width } = leafBoxes(g.states);
  const groups = g.states.filter((s) => s.kind === 'group').map((s) => groupBox(s, leaves.filter((b) => b.group === s.key)));
  const boxes = [...groups, ...leaves];
  const at = new Map(boxes.map((b) => [b.key, b]));
  const pairs = new Set(g.edges.map((e) => `${e.from}→${e.to}`));
  const edges = g.edges.map((e) => drawEdge(e, at, e.from !== e.to && pairs.has(`${e.to}→${e.from}`), width));
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + GROUP_PAD;
  return { width, height, boxes, edges };
}
