/**
 * Isomorphic: a deterministic layered (Sugiyama-style) drawing of the prerequisite graph, left to
 * right. Each concept sits one layer after its deepest prerequisite (longest path), so every edge
 * points forward; edges that skip layers pass through placeholder slots, which take part in the
 * crossing reduction (barycentre sweeps) and are then routed through the gaps between boxes.
 * The input is put in a canonical order first, so any shuffle of it yields the same drawing.
 */
import { findCycle } from './query';

export interface LayoutInput {
  id: string;
  prerequisites: string[];
}

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Horizontal space between two layers. */
  layerGap?: number;
  /** Vertical space between two boxes of a layer. */
  rowGap?: number;
  margin?: number;
}

/** A concept's place: its layer (column), its row within the layer, and its box's top-left corner. */
export interface PlacedNode {
  id: string;
  layer: number;
  row: number;
  x: number;
  y: number;
}

/** An edge from a prerequisite to the concept that needs it, drawn as an SVG path. */
export interface PlacedEdge {
  from: string;
  to: string;
  d: string;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

const DEFAULTS = { nodeWidth: 180, nodeHeight: 40, layerGap: 90, rowGap: 16, margin: 20 };

/** At most this many barycentre sweeps (each one down and one up)... */
const MAX_SWEEPS = 8;
/** ...stopping early after this many that find nothing better. */
const PATIENCE = 2;

/** Code-unit order: the same everywhere, unlike localeCompare. */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders the slots of each layer to reduce edge crossings: barycentre sweeps, down then up, with
 * ties broken by key, keeping the best ordering seen. `edges` join slots of adjacent layers
 * (upper layer first). Returns new arrays; the given order of each layer is the starting point.
 */
export function orderLayers(
  layers: readonly (readonly string[])[],
  edges: readonly [string, string][],
): string[][] {
  const keys = layers.flat().sort(byId);
  const index = new Map(keys.map((k, i) => [k, i]));
  const up: number[][] = keys.map(() => []);
  const down: number[][] = keys.map(() => []);
  for (const [from, to] of edges) {
    const [f, t] = [index.get(from), index.get(to)];
    if (f === undefined || t === undefined) continue;
    down[f].push(t);
    up[t].push(f);
  }
  const slots = layers.map((layer) => layer.map((k) => index.get(k)!));
  return orderSlots(slots, up, down).map((layer) => layer.map((i) => keys[i]));
}

/**
 * orderLayers on slot numbers 0..n-1, where a smaller number wins a tie. up[s] and down[s] list
 * the neighbours of slot s in the layer above and below.
 */
function orderSlots(
  layers: readonly number[][],
  up: readonly number[][],
  down: readonly number[][],
): number[][] {
  const size = up.length;
  const order = layers.map((layer) => [...layer]);
  const position = new Float64Array(size);
  const weight = new Float64Array(size);
  const place = (layer: number[]) => layer.forEach((s, i) => (position[s] = (i + 0.5) / layer.length));
  order.forEach(place);

  const sortLayer = (layer: number[], neighbours: readonly number[][]) => {
    for (const s of layer) {
      const near = neighbours[s];
      if (near.length === 0) weight[s] = position[s];
      else {
        let sum = 0;
        for (const n of near) sum += position[n];
        weight[s] = sum / near.length;
      }
    }
    layer.sort((a, b) => weight[a] - weight[b] || a - b);
    place(layer);
  };

  const column = new Int32Array(size);
  const tree = new Int32Array(Math.max(0, ...layers.map((l) => l.length)) + 1);
  /** Edge crossings between adjacent layers, counted as inversions with a Fenwick tree. */
  const crossings = (): number => {
    let total = 0;
    for (let i = 0; i + 1 < order.length; i++) {
      order[i + 1].forEach((s, j) => (column[s] = j + 1));
      tree.fill(0);
      let seen = 0;
      for (const s of order[i]) {
        const targets = down[s];
        // An edge seen earlier crosses this one if it ends further along the lower layer; edges
        // from the same slot never cross each other, so all are counted before any is added.
        for (const t of targets) {
          let atOrBefore = 0;
          for (let k = column[t]; k > 0; k -= k & -k) atOrBefore += tree[k];
          total += seen - atOrBefore;
        }
        for (const t of targets) {
          for (let k = column[t]; k < tree.length; k += k & -k) tree[k]++;
          seen++;
        }
      }
    }
    return total;
  };

  let best = order.map((layer) => [...layer]);
  let bestCrossings = crossings();
  let stale = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS && bestCrossings > 0; sweep++) {
    for (let i = 1; i < order.length; i++) sortLayer(order[i], up);
    for (let i = order.length - 2; i >= 0; i--) sortLayer(order[i], down);
    const now = crossings();
    if (now < bestCrossings) {
      bestCrossings = now;
      best = order.map((layer) => [...layer]);
    } else if (++stale === PATIENCE) break;
  }
  return best;
}

/** A number for a path string: at most one decimal, no trailing ".0". */
const num = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * Lays the graph out in layers from left to right. Unknown prerequisite ids are ignored; a cycle
 * throws an Error that names it.
 */
export function layeredLayout(input: readonly LayoutInput[], options: LayoutOptions = {}): GraphLayout {
  const nodeWidth = options.nodeWidth ?? DEFAULTS.nodeWidth;
  const nodeHeight = options.nodeHeight ?? DEFAULTS.nodeHeight;
  const layerGap = options.layerGap ?? DEFAULTS.layerGap;
  const rowGap = options.rowGap ?? DEFAULTS.rowGap;
  const margin = options.margin ?? DEFAULTS.margin;

  // Canonical graph: ids sorted, duplicate entries merged, prerequisites known, unique and sorted.
  const merged = new Map<string, Set<string>>();
  for (const node of input) {
    const set = merged.get(node.id) ?? new Set<string>();
    for (const p of node.prerequisites) set.add(p);
    merged.set(node.id, set);
  }
  const ids = [...merged.keys()].sort(byId);
  const graph = ids.map((id) => ({
    id,
    prerequisites: [...merged.get(id)!].filter((p) => merged.has(p)).sort(byId),
  }));
  const cycle = findCycle(graph);
  if (cycle) throw new Error(`Cannot lay out the prerequisite graph: it has a cycle (${cycle.join(' → ')}).`);

  // From here on a concept is its index in `ids`; placeholders get the numbers after them.
  const n = ids.length;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const needs = graph.map((node) => node.prerequisites.map((p) => indexOf.get(p)!));
  const leadsTo: number[][] = ids.map(() => []);
  needs.forEach((pre, i) => pre.forEach((p) => leadsTo[p].push(i)));

  // Longest-path layers, in Kahn order.
  const layerOf = new Int32Array(n);
  const waiting = needs.map((pre) => pre.length);
  const queue = ids.map((_, i) => i).filter((i) => waiting[i] === 0);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    for (const next of leadsTo[i]) {
      layerOf[next] = Math.max(layerOf[next], layerOf[i] + 1);
      if (--waiting[next] === 0) queue.push(next);
    }
  }
  let layerCount = 0;
  for (let i = 0; i < n; i++) layerCount = Math.max(layerCount, layerOf[i] + 1);

  // Slots per layer: the concepts, plus a placeholder in each layer an edge passes through.
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let i = 0; i < n; i++) layers[layerOf[i]].push(i);
  const up: number[][] = ids.map(() => []);
  const down: number[][] = ids.map(() => []);
  const chains: { from: number; to: number; slots: number[] }[] = [];
  needs.forEach((pre, to) => {
    for (const from of pre) {
      const slots: number[] = [];
      let previous = from;
      for (let layer = layerOf[from] + 1; layer < layerOf[to]; layer++) {
        const slot = up.length;
        up.push([previous]);
        down.push([]);
        down[previous].push(slot);
        layers[layer].push(slot);
        slots.push(slot);
        previous = slot;
      }
      down[previous].push(to);
      up[to].push(previous);
      chains.push({ from, to, slots });
    }
  });

  // Start with layer 0 in id order and each later layer by the mean position of its links from
  // the layer above, then sweep.
  const start = new Float64Array(up.length);
  const initial = layers.map((layer, l) => {
    if (l > 0) for (const s of layer) start[s] = up[s].reduce((sum, u) => sum + start[u], 0) / up[s].length;
    const sorted = [...layer].sort((a, b) => start[a] - start[b] || a - b);
    sorted.forEach((s, i) => (start[s] = i));
    return sorted;
  });
  const ordered = orderSlots(initial, up, down);

  // Rows: concepts only, each layer centred on the tallest.
  const rowsPerLayer = ordered.map((layer) => layer.filter((s) => s < n).length);
  const maxRows = Math.max(0, ...rowsPerLayer);
  const pitch = nodeHeight + rowGap;
  const width =
    layerCount === 0 ? 2 * margin : 2 * margin + layerCount * nodeWidth + (layerCount - 1) * layerGap;
  const height = maxRows === 0 ? 2 * margin : 2 * margin + maxRows * nodeHeight + (maxRows - 1) * rowGap;
  const xOf = (layer: number) => margin + layer * (nodeWidth + layerGap);

  const nodes: PlacedNode[] = [];
  const placed: PlacedNode[] = new Array(n);
  // A placeholder's free band: between the boxes above and below it in its layer.
  const bandTop = new Float64Array(up.length);
  const bandBottom = new Float64Array(up.length);
  ordered.forEach((layer, l) => {
    const offset = ((maxRows - rowsPerLayer[l]) * pitch) / 2;
    let row = 0;
    let top = margin / 2;
    const pending: number[] = [];
    for (const s of layer) {
      if (s >= n) {
        pending.push(s);
        continue;
      }
      const node = { id: ids[s], layer: l, row, x: xOf(l), y: margin + offset + row * pitch };
      placed[s] = node;
      nodes.push(node);
      row++;
      for (const p of pending.splice(0)) [bandTop[p], bandBottom[p]] = [top, node.y - rowGap / 2];
      top = node.y + nodeHeight + rowGap / 2;
    }
    for (const p of pending) [bandTop[p], bandBottom[p]] = [top, height - margin / 2];
  });

  const half = layerGap / 2;
  const edges: PlacedEdge[] = chains.map(({ from, to, slots }) => {
    const a = placed[from];
    const b = placed[to];
    const x0 = a.x + nodeWidth;
    const y0 = a.y + nodeHeight / 2;
    const x1 = b.x;
    const y1 = b.y + nodeHeight / 2;
    const parts = [`M${num(x0)},${num(y0)}`];
    let x = x0;
    let y = y0;
    const curveTo = (nx: number, ny: number) => {
      parts.push(`C${num(x + half)},${num(y)} ${num(nx - half)},${num(ny)} ${num(nx)},${num(ny)}`);
      [x, y] = [nx, ny];
    };
    slots.forEach((slot, i) => {
      // Aim for the straight line from source to target, kept inside the slot's free band, and
      // run straight through the layer.
      const left = xOf(a.layer + 1 + i);
      const ideal = y0 + ((y1 - y0) * (left + nodeWidth / 2 - x0)) / (x1 - x0);
      const [lo, hi] = [bandTop[slot], bandBottom[slot]];
      const through = lo <= hi ? Math.min(hi, Math.max(lo, ideal)) : (lo + hi) / 2;
      curveTo(left, through);
      parts.push(`L${num(left + nodeWidth)},${num(through)}`);
      x = left + nodeWidth;
    });
    curveTo(x1, y1);
    return { from: ids[from], to: ids[to], d: parts.join(' ') };
  });
  const rank = (e: { from: number; to: number }) => [placed[e.from], placed[e.to]];
  const sortedEdges = edges
    .map((edge, i) => ({ edge, key: rank(chains[i]) }))
    .sort(
      ({ key: [a, b] }, { key: [c, d] }) =>
        a.layer - c.layer || a.row - c.row || b.layer - d.layer || b.row - d.row,
    )
    .map(({ edge }) => edge);

  return { nodes, edges: sortedEdges, width, height, nodeWidth, nodeHeight };
}
