/**
 * Isomorphic: what the route graph shows — the atlas graph as plain data (also published as
 * /atlas.json), and the questions a reader asks of it: what lights up around a concept, what can I
 * learn next, what does this unlock, which nodes pass the filters.
 */
import type { GraphLayout } from './layout';
import { ancestors, descendants, type GraphNode, reverseEdges } from './query';

export interface GraphConcept {
  id: string;
  title: string;
  summary: string;
  domain: string;
  status: 'complete' | 'planned';
  level: string;
  prerequisites: { slug: string; why: string }[];
}

export interface AtlasGraph {
  format: 'continuous-function/atlas';
  version: 1;
  layout: { width: number; height: number; nodeWidth: number; nodeHeight: number };
  /** Domains with the hue (0–360°) that colours their concepts: evenly spaced by order. */
  domains: { id: string; title: string; order: number; hue: number }[];
  tracks: { id: string; title: string; steps: string[] }[];
  /** Concepts in learning order, each with its place in the layout. */
  nodes: (GraphConcept & { url: string; layer: number; x: number; y: number })[];
  /** Prerequisite edges, from the prerequisite to the concept that needs it, with the reason. */
  edges: { from: string; to: string; why: string; d: string }[];
}

export function atlasGraph(
  concepts: GraphConcept[],
  layout: GraphLayout,
  domains: { id: string; title: string; order: number }[],
  tracks: AtlasGraph['tracks'],
  urlOf: (slug: string) => string,
): AtlasGraph {
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const why = new Map(
    concepts.flatMap((c) => c.prerequisites.map((p) => [`${p.slug}>${c.id}`, p.why] as const)),
  );
  return {
    format: 'continuous-function/atlas',
    version: 1,
    layout: {
      width: layout.width,
      height: layout.height,
      nodeWidth: layout.nodeWidth,
      nodeHeight: layout.nodeHeight,
    },
    domains: domains.map((d) => ({ ...d, hue: Math.round(((d.order - 1) * 360) / domains.length) })),
    tracks,
    nodes: concepts.map((c) => {
      const p = placed.get(c.id)!;
      return { ...c, url: urlOf(c.id), layer: p.layer, x: p.x, y: p.y };
    }),
    edges: layout.edges.map((e) => ({ ...e, why: why.get(`${e.from}>${e.to}`) ?? '' })),
  };
}

const asGraph = (nodes: readonly GraphConcept[]): GraphNode[] =>
  nodes.map((n) => ({ id: n.id, prerequisites: n.prerequisites.map((p) => p.slug) }));

/** The concept, everything it needs (ancestors) and everything that needs it (descendants). */
export function neighbourhoodOf(
  nodes: readonly GraphConcept[],
  id: string,
): { up: Set<string>; down: Set<string> } {
  const graph = asGraph(nodes);
  return { up: ancestors(graph, id), down: descendants(graph, id) };
}

/** Concepts not yet known whose prerequisites are all known: what the reader can learn next. */
export function learnNext(nodes: readonly GraphConcept[], known: ReadonlySet<string>): string[] {
  return nodes
    .filter((n) => !known.has(n.id) && n.prerequisites.every((p) => known.has(p.slug)))
    .map((n) => n.id);
}

/** Concepts that list `id` as a prerequisite, and how many more depend on it further on. */
export function unlocks(nodes: readonly GraphConcept[], id: string): { direct: string[]; further: number } {
  const direct = reverseEdges(asGraph(nodes)).get(id) ?? [];
  const all = descendants(asGraph(nodes), id);
  return { direct, further: all.size - direct.length };
}

export interface GraphFilters {
  domain: string;
  track: string;
  status: '' | 'complete' | 'planned';
}

/** Whether a node passes the filters; empty strings mean "any". */
export function passes(
  node: Pick<GraphConcept, 'id' | 'domain' | 'status'>,
  filters: GraphFilters,
  tracks: readonly { id: string; steps: readonly string[] }[],
): boolean {
  if (filters.domain && node.domain !== filters.domain) return false;
  if (filters.status && node.status !== filters.status) return false;
  if (filters.track && !tracks.find((t) => t.id === filters.track)?.steps.includes(node.id)) return false;
  return true;
}
