// Job graph layout: the nodes and edges of GET /api/jobs/{id} placed by dagre
// (layered "Sugiyama" layout, left to right). Pure: no DOM; unit-tested.
import dagre from '@dagrejs/dagre';
import { formatMsat } from './jobs.js';
import { shortNpub } from './nostr.js';

export const NODE_W = 196;
export const NODE_H = 50;

/**
 * Edges as the layout should rank them: the API points responses at their
 * request (feedback_for, result_for, zap_for); for a left-to-right reading
 * (user → request → DVM → its feedback and results → zaps) those are reversed.
 */
const REVERSED = new Set(['feedback_for', 'result_for', 'zap_for']);

/** Title and subtitle of a node box. `nameOf(pubkey)` names actors. */
export function nodeText(n, { nameOf = null, kindLabelOf = null } = {}) {
  const name = (pk) => (nameOf ? nameOf(pk) : shortNpub(pk));
  const amount = typeof n.amount_msat === 'number' ? formatMsat(n.amount_msat) : typeof n.bolt11_msat === 'number' ? formatMsat(n.bolt11_msat) : null;
  switch (n.type) {
    case 'request':
      return {
        title: `${n.missing ? 'request (not seen)' : 'request'}${n.status ? ' · ' + n.status : ''}`,
        sub: `${kindLabelOf ? kindLabelOf(n.kind) : 'kind ' + n.kind}${n.level ? ` · level ${n.level > 0 ? '+' : ''}${n.level}` : ''}`,
      };
    case 'feedback':
      return { title: `feedback · ${n.status ?? '?'}${amount ? ' · ' + amount : ''}`, sub: n.message ? n.message : name(n.pubkey) };
    case 'result':
      return { title: `result · kind ${n.kind}${amount ? ' · ' + amount : ''}`, sub: name(n.pubkey) };
    case 'zap':
      return { title: `zap receipt${amount ? ' · ' + amount : ''}`, sub: 'claimed by the LNURL server' };
    case 'dvm':
      return { title: (n.roles || []).includes('user') ? 'DVM (also requester)' : 'DVM', sub: name(n.pubkey ?? n.id) };
    case 'user':
      return { title: 'user', sub: name(n.pubkey ?? n.id) };
    default:
      return { title: n.type ?? 'node', sub: n.id?.slice(0, 8) + '…' };
  }
}

/**
 * Lay out a job graph. Returns { nodes: [{...node, x, y, w, h}], edges:
 * [{...edge, points: [{x,y}…]}], width, height } with x/y the top-left corner
 * of each box. Edges whose ends are unknown are dropped.
 */
export function layoutJobGraph(nodes = [], edges = [], opts = {}) {
  const { rankdir = 'LR', nodesep = 14, ranksep = 60 } = opts;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep, ranksep, marginx: 12, marginy: 12, ranker: opts.ranker || 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set();
  for (const n of nodes) {
    if (!n?.id || ids.has(n.id)) continue;
    ids.add(n.id);
    g.setNode(n.id, { width: NODE_W, height: NODE_H });
  }
  const kept = [];
  edges.forEach((e, i) => {
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) return;
    const [v, w] = REVERSED.has(e.type) ? [e.to, e.from] : [e.from, e.to];
    // authored / addressed_to shape the picture less than the job's own links.
    g.setEdge(v, w, { weight: e.type === 'authored' ? 1 : 2, minlen: 1 }, String(i));
    kept.push({ e, v, w, name: String(i) });
  });
  dagre.layout(g);
  const placed = [];
  const seen = new Set();
  for (const n of nodes) {
    if (!n?.id || seen.has(n.id)) continue;
    seen.add(n.id);
    const p = g.node(n.id);
    placed.push({ ...n, x: p.x - NODE_W / 2, y: p.y - NODE_H / 2, w: NODE_W, h: NODE_H });
  }
  const outEdges = kept.map(({ e, v, w, name }) => {
    const pts = (g.edge({ v, w, name })?.points || []).map((p) => ({ x: p.x, y: p.y }));
    // Arrows point the API's way (response → request): reverse the drawn path for reversed edges.
    return { ...e, points: v === e.from ? pts : pts.reverse() };
  });
  const gl = g.graph();
  return { nodes: placed, edges: outEdges, width: Math.ceil(gl.width || 0), height: Math.ceil(gl.height || 0) };
}

/** Narrower than this (CSS px), the graph starts at full size and scrolls: labels stay readable on a phone. */
export const NARROW_PX = 640;

/**
 * The zoom a graph opens at: on a wide box, fit the width but never below 60 %
 * (big graphs scroll instead); on a narrow box (a phone), 100 %, so 11-12 px
 * labels are not shrunk below legibility.
 */
export function initialScale(boxWidth, layoutWidth) {
  if (!(boxWidth > 0) || !(layoutWidth > 0)) return 1;
  if (boxWidth < NARROW_PX) return 1;
  return Math.max(0.6, Math.min(1, boxWidth / layoutWidth));
}

/**
 * A two-finger pinch: the new scale (the scale when the fingers touched down,
 * times how far apart they are now relative to then, within [min, max]) and the
 * scroll offsets that keep the graph point under the fingers' midpoint in place.
 * `mid` is the midpoint relative to the scrolling box; `scroll` its offsets at
 * the current `scale`.
 */
export function pinchZoom({ startScale, startDist, dist, scale, mid, scroll, min = 0.2, max = 2 }) {
  const next = Math.min(max, Math.max(min, startScale * (startDist > 0 ? dist / startDist : 1)));
  const at = { x: (scroll.left + mid.x) / scale, y: (scroll.top + mid.y) / scale };
  return { scale: next, left: Math.max(0, at.x * next - mid.x), top: Math.max(0, at.y * next - mid.y) };
}

/** SVG path data through layout points (straight segments, rounded by the stroke). */
export function edgePath(points) {
  if (!points?.length) return '';
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** Where a node opens: events in the inspector, actors on their DVM or user page. */
export function nodeHref(n, isDvm = () => false) {
  if (n.type === 'dvm') return `/dvms/${n.pubkey ?? n.id}`;
  if (n.type === 'user') return isDvm(n.pubkey ?? n.id) ? `/dvms/${n.pubkey ?? n.id}` : `/users/${n.pubkey ?? n.id}`;
  return `/events/${n.id}`;
}
