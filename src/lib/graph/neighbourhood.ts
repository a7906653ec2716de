/**
 * Isomorphic: the local picture around one concept — what it needs within a few steps and what it
 * leads to — laid out as a compact row of columns, one per distance: ancestors on the left, the
 * concept in the middle, descendants on the right. Crowded columns are capped and say how many
 * concepts they leave out, so the drawing stays small enough for a phone.
 */
import { orderLayers, type GraphLayout, type LayoutInput, type PlacedEdge, type PlacedNode } from './layout';
import { reverseEdges } from './query';

export interface NeighbourhoodOptions {
  /** Most rows in a column; a column with more shows one fewer and a "+N more" row. */
  maxPerColumn?: number;
  nodeWidth?: number;
  nodeHeight?: number;
  columnGap?: number;
  rowGap?: number;
  margin?: number;
  /** Extra space above the boxes, e.g. for column headings. */
  top?: number;
}

/** A drawn concept; `distance` is negative for what it needs, positive for what it leads to. */
export interface NeighbourhoodNode extends PlacedNode {
  distance: number;
}

/** A column of the drawing: its distance, where it starts, and how many concepts it leaves out. */
export interface NeighbourhoodColumn {
  distance: number;
  x: number;
  hidden: number;
  /** Vertical middle of the "+N more" row (only meaningful when hidden > 0). */
  moreY: number;
}

export interface NeighbourhoodLayout extends GraphLayout {
  nodes: NeighbourhoodNode[];
  columns: NeighbourhoodColumn[];
}

export interface Neighbourhood {
  focus: string;
  /** Concepts the focus needs within `depth` steps, nearest first, then by id. */
  ancestors: string[];
  /** Concepts that need the focus within `depth` steps, nearest first, then by id. */
  descendants: string[];
  /** Steps from the focus (negative: needed by it), for the focus and every concept above. */
  distance: Record<string, number>;
  /** Every prerequisite edge among the focus, its ancestors and its descendants above. */
  edges: { from: string; to: string }[];
  /** The drawing: only edges between neighbouring columns, and at most maxPerColumn rows each. */
  layout: NeighbourhoodLayout;
}

const DEFAULTS = {
  maxPerColumn: 6,
  nodeWidth: 150,
  nodeHeight: 44,
  columnGap: 40,
  rowGap: 10,
  margin: 4,
  top: 0,
};

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const num = (v: number): string => String(Math.round(v * 10) / 10);

/** Breadth-first distances from `start` along `next`, up to `depth` steps (start excluded). */
function within(start: string, next: (id: string) => readonly string[], depth: number): Map<string, number> {
  const found = new Map<string, number>();
  let frontier = [start];
  for (let step = 1; step <= depth && frontier.length > 0; step++) {
    const following: string[] = [];
    for (const id of frontier)
      for (const n of next(id))
        if (n !== start && !found.has(n)) {
          found.set(n, step);
          following.push(n);
        }
    frontier = following;
  }
  return found;
}

export function neighbourhood(
  nodes: readonly LayoutInput[],
  focus: string,
  depth = 2,
  options: NeighbourhoodOptions = {},
): Neighbourhood {
  const o = { ...DEFAULTS };
  for (const [key, value] of Object.entries(options))
    if (value !== undefined) Object.assign(o, { [key]: value });

  const prerequisitesOf = new Map<string, string[]>();
  for (const n of nodes)
    prerequisitesOf.set(n.id, [...(prerequisitesOf.get(n.id) ?? []), ...n.prerequisites]);
  if (!prerequisitesOf.has(focus)) throw new Error(`Unknown concept "${focus}".`);
  for (const [id, pre] of prerequisitesOf)
    prerequisitesOf.set(id, [...new Set(pre)].filter((p) => prerequisitesOf.has(p)).sort(byId));
  const leadsTo = reverseEdges([...prerequisitesOf].map(([id, prerequisites]) => ({ id, prerequisites })));
  for (const list of leadsTo.values()) list.sort(byId);

  const up = within(focus, (id) => prerequisitesOf.get(id)!, depth);
  const down = within(focus, (id) => leadsTo.get(id)!, depth);
  const nearestFirst = (found: Map<string, number>) =>
    [...found.keys()].sort((a, b) => found.get(a)! - found.get(b)! || byId(a, b));
  const ancestors = nearestFirst(up);
  const descendants = nearestFirst(down);
  const distance: Record<string, number> = { [focus]: 0 };
  for (const id of ancestors) distance[id] = -up.get(id)!;
  for (const id of descendants) distance[id] = down.get(id)!;
  const inside = new Set(Object.keys(distance));
  const edges = [...inside].sort(byId).flatMap((to) =>
    prerequisitesOf
      .get(to)!
      .filter((from) => inside.has(from))
      .map((from) => ({ from, to })),
  );

  // Columns, nearest first on each side; a concept further out is kept only if it links to a kept
  // concept nearer in (otherwise it would float unconnected), preferring the best connected.
  const linked = (a: string, b: string) =>
    prerequisitesOf.get(b)!.includes(a) || prerequisitesOf.get(a)!.includes(b);
  const kept = new Map<number, string[]>([[0, [focus]]]);
  const hidden = new Map<number, number>([[0, 0]]);
  for (const side of [-1, 1])
    for (let step = 1; step <= depth; step++) {
      const d = side * step;
      const members = Object.keys(distance).filter((id) => distance[id] === d);
      if (members.length === 0) break;
      const inner = kept.get(d - side)!;
      const outer = Object.keys(distance).filter((id) => distance[id] === d + side);
      const candidates = members
        .map((id) => ({
          id,
          inner: inner.filter((k) => linked(id, k)).length,
          outer: outer.filter((k) => linked(id, k)).length,
        }))
        .filter((c) => c.inner > 0)
        .sort((a, b) => b.inner - a.inner || b.outer - a.outer || byId(a.id, b.id));
      const room = members.length > o.maxPerColumn ? o.maxPerColumn - 1 : o.maxPerColumn;
      const shown = candidates.slice(0, room).map((c) => c.id);
      kept.set(d, shown.sort(byId));
      hidden.set(d, members.length - shown.length);
      if (shown.length === 0) break;
    }

  const distances = [...kept.keys()].sort((a, b) => a - b);
  const drawn = new Set([...kept.values()].flat());
  const links = edges.filter(
    (e) => drawn.has(e.from) && drawn.has(e.to) && distance[e.to] - distance[e.from] === 1,
  );
  const order = orderLayers(
    distances.map((d) => kept.get(d)!),
    links.map((e) => [e.from, e.to]),
  );

  const pitch = o.nodeHeight + o.rowGap;
  const rows = distances.map((d, i) => order[i].length + (hidden.get(d)! > 0 ? 1 : 0));
  const maxRows = Math.max(...rows);
  const width = 2 * o.margin + distances.length * o.nodeWidth + (distances.length - 1) * o.columnGap;
  const height = o.top + 2 * o.margin + maxRows * o.nodeHeight + (maxRows - 1) * o.rowGap;
  const placed = new Map<string, NeighbourhoodNode>();
  const columns: NeighbourhoodColumn[] = distances.map((d, layer) => {
    const x = o.margin + layer * (o.nodeWidth + o.columnGap);
    const top = o.top + o.margin + ((maxRows - rows[layer]) * pitch) / 2;
    order[layer].forEach((id, row) =>
      placed.set(id, { id, layer, row, x, y: top + row * pitch, distance: d }),
    );
    const moreY = top + order[layer].length * pitch + o.nodeHeight / 2;
    return { distance: d, x, hidden: hidden.get(d)!, moreY };
  });

  const half = o.columnGap / 2;
  const placedEdges: PlacedEdge[] = links.map(({ from, to }) => {
    const [a, b] = [placed.get(from)!, placed.get(to)!];
    const [x0, y0] = [a.x + o.nodeWidth, a.y + o.nodeHeight / 2];
    const [x1, y1] = [b.x, b.y + o.nodeHeight / 2];
    const d = `M${num(x0)},${num(y0)} C${num(x0 + half)},${num(y0)} ${num(x1 - half)},${num(y1)} ${num(x1)},${num(y1)}`;
    return { from, to, d };
  });

  return {
    focus,
    ancestors,
    descendants,
    distance,
    edges,
    layout: {
      nodes: [...placed.values()].sort((a, b) => a.layer - b.layer || a.row - b.row),
      edges: placedEdges,
      columns,
      width,
      height,
      nodeWidth: o.nodeWidth,
      nodeHeight: o.nodeHeight,
    },
  };
}

/**
 * Greedy line breaking at spaces or after hyphens. A word over the limit breaks after its hyphens;
 * without any it stays whole if only a little over (the box has padding to spare), else it is cut.
 */
function breakLines(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/).flatMap((word) => {
    if (word.length <= maxChars) return [word];
    return word
      .split(/(?<=-)/)
      .flatMap((part) =>
        part.length <= maxChars + 2 ? [part] : (part.match(new RegExp(`.{1,${maxChars}}`, 'g')) ?? []),
      );
  });
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    const joint = last === undefined ? '' : last.endsWith('-') ? '' : ' ';
    if (last !== undefined && (last + joint + word).length <= maxChars)
      lines[lines.length - 1] = last + joint + word;
    else lines.push(word);
  }
  return lines;
}

/**
 * A label broken into at most `maxLines` lines of about `maxChars` characters, at spaces or after
 * hyphens; what does not fit ends the last line with an ellipsis.
 */
export function wrapLines(text: string, maxChars: number, maxLines: number): string[] {
  const lines = breakLines(text, maxChars);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const tail = kept[maxLines - 1];
  kept[maxLines - 1] = `${tail.length + 1 > maxChars ? tail.slice(0, maxChars - 1) : tail}…`;
  return kept;
}

/**
 * A title fitted to a box of `maxLines` lines: whole if it fits, else without its trailing
 * "(ABBR)", else the abbreviation alone, else cut short with an ellipsis.
 */
export function fitTitle(title: string, maxChars: number, maxLines: number): string[] {
  const fits = (text: string) => {
    const lines = breakLines(text, maxChars);
    return lines.length <= maxLines ? lines : null;
  };
  const short = /^(.*\S)\s*\(([^()]+)\)$/.exec(title);
  return (
    (short ? (fits(title) ?? fits(short[1]) ?? fits(short[2])) : fits(title)) ??
    wrapLines(title, maxChars, maxLines)
  );
}
