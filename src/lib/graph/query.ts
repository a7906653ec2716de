/** Isomorphic: queries over the prerequisite graph (edges point from prerequisite to concept). */

/** Minimal view of a concept the graph needs: its slug and the slugs it requires. */
export interface GraphNode {
  id: string;
  prerequisites: readonly string[];
}

/** concept slug -> slugs of concepts that list it as a prerequisite ("leads to"). */
export function reverseEdges(nodes: readonly GraphNode[]): Map<string, string[]> {
  const leadsTo = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const node of nodes) {
    for (const pre of node.prerequisites) leadsTo.get(pre)?.push(node.id);
  }
  return leadsTo;
}

/**
 * Every slug, each after all of its prerequisites (Kahn's algorithm). Among concepts that are
 * ready at the same time the input order wins, so the result is stable for a stable input.
 * Edges to unknown slugs are ignored; concepts on a cycle are left out (the validator reports them).
 */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] {
  const known = new Set(nodes.map((n) => n.id));
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  const waiting = new Map(nodes.map((n) => [n.id, n.prerequisites.filter((p) => known.has(p)).length]));
  const leadsTo = reverseEdges(nodes);
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const next = ready.shift()!;
    order.push(next);
    for (const child of leadsTo.get(next) ?? []) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return order;
}

/** Finds one prerequisite cycle, returned as a closed walk [a, b, ..., a], or null if there is none. */
export function findCycle(nodes: readonly GraphNode[]): string[] | null {
  const prerequisitesOf = new Map(nodes.map((n) => [n.id, n.prerequisites]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    for (const pre of prerequisitesOf.get(id) ?? []) {
      if (!prerequisitesOf.has(pre)) continue;
      const cycle = visit(pre);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const node of nodes) {
    const cycle = visit(node.id);
    // The walk follows prerequisite links; reverse it so it reads in learning order (a before b).
    if (cycle) return cycle.reverse();
  }
  return null;
}

function reach(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...next(start)];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...next(id));
  }
  seen.delete(start);
  return seen;
}

/** Every concept `target` depends on, directly or transitively. */
export function ancestors(nodes: readonly GraphNode[], target: string): Set<string> {
  const prerequisitesOf = new Map(nodes.map((n) => [n.id, n.prerequisites]));
  return reach(target, (id) => prerequisitesOf.get(id) ?? []);
}

/** Every concept that depends on `source`, directly or transitively. */
export function descendants(nodes: readonly GraphNode[], source: string): Set<string> {
  const leadsTo = reverseEdges(nodes);
  return reach(source, (id) => leadsTo.get(id) ?? []);
}

/**
 * The route to `target`: all of its ancestors and then the target itself, in learning order
 * (every concept after its prerequisites). Concepts in `known` are dropped from the route.
 */
export function prerequisitePath(
  nodes: readonly GraphNode[],
  target: string,
  known: ReadonlySet<string> = new Set(),
): string[] {
  const needed = ancestors(nodes, target);
  needed.add(target);
  return topologicalOrder(nodes).filter((id) => needed.has(id) && !known.has(id));
}

/** The steps before and after `slug` in an ordered list of steps (a track). */
export function neighboursInOrder(
  steps: readonly string[],
  slug: string,
): { previous?: string; next?: string } | null {
  const index = steps.indexOf(slug);
  if (index === -1) return null;
  return { previous: steps[index - 1], next: steps[index + 1] };
}

/**
 * How one domain connects to the others: the domains its concepts draw on (prerequisite edges
 * arriving from outside) and the domains that build on it (edges leaving it), each with its
 * number of edges, most first (ties by name).
 */
export function domainConnections(
  nodes: readonly (GraphNode & { domain: string })[],
  domain: string,
): { drawsOn: { domain: string; edges: number }[]; feeds: { domain: string; edges: number }[] } {
  const domainOf = new Map(nodes.map((n) => [n.id, n.domain]));
  const drawsOn = new Map<string, number>();
  const feeds = new Map<string, number>();
  for (const node of nodes)
    for (const pre of node.prerequisites) {
      const from = domainOf.get(pre);
      if (from === undefined || from === node.domain) continue;
      if (node.domain === domain) drawsOn.set(from, (drawsOn.get(from) ?? 0) + 1);
      if (from === domain) feeds.set(node.domain, (feeds.get(node.domain) ?? 0) + 1);
    }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .map(([d, edges]) => ({ domain: d, edges }))
      .sort((a, b) => b.edges - a.edges || a.domain.localeCompare(b.domain));
  return { drawsOn: ranked(drawsOn), feeds: ranked(feeds) };
}
