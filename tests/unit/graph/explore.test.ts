import { describe, expect, it } from 'vitest';
import {
  atlasGraph,
  type GraphConcept,
  learnNext,
  neighbourhoodOf,
  passes,
  unlocks,
} from '../../../src/lib/graph/explore';

const c = (id: string, prerequisites: string[] = [], extra: Partial<GraphConcept> = {}): GraphConcept => ({
  id,
  title: id,
  summary: `${id} summary`,
  domain: 'd1',
  status: 'planned',
  level: 'foundation',
  prerequisites: prerequisites.map((slug) => ({ slug, why: `${id} uses ${slug}` })),
  ...extra,
});
// dot -> matmul -> attention <- softmax; attention -> kv-cache
const nodes = [
  c('dot'),
  c('softmax'),
  c('matmul', ['dot']),
  c('attention', ['matmul', 'softmax']),
  c('kv-cache', ['attention']),
];

describe('graph exploration', () => {
  it('lights everything a concept needs and everything that needs it', () => {
    const { up, down } = neighbourhoodOf(nodes, 'attention');
    expect([...up].sort()).toEqual(['dot', 'matmul', 'softmax']);
    expect([...down]).toEqual(['kv-cache']);
  });

  it('what can I learn next: unknown concepts whose prerequisites are all known', () => {
    expect(learnNext(nodes, new Set())).toEqual(['dot', 'softmax']);
    expect(learnNext(nodes, new Set(['dot']))).toEqual(['softmax', 'matmul']);
    expect(learnNext(nodes, new Set(['dot', 'softmax', 'matmul']))).toEqual(['attention']);
  });

  it('what does this unlock: direct dependants and how many more further on', () => {
    expect(unlocks(nodes, 'dot')).toEqual({ direct: ['matmul'], further: 2 });
    expect(unlocks(nodes, 'kv-cache')).toEqual({ direct: [], further: 0 });
  });

  it('filters by domain, status and track', () => {
    const tracks = [{ id: 'route', steps: ['dot', 'attention'] }];
    const written = c('dot', [], { status: 'complete', domain: 'la' });
    expect(passes(written, { domain: 'la', track: '', status: '' }, tracks)).toBe(true);
    expect(passes(written, { domain: 'prob', track: '', status: '' }, tracks)).toBe(false);
    expect(passes(written, { domain: '', track: '', status: 'planned' }, tracks)).toBe(false);
    expect(passes(written, { domain: '', track: 'route', status: 'complete' }, tracks)).toBe(true);
    expect(passes(c('softmax'), { domain: '', track: 'route', status: '' }, tracks)).toBe(false);
  });

  it('publishes nodes with positions and edges with their reasons', () => {
    const layout = {
      width: 100,
      height: 50,
      nodeWidth: 10,
      nodeHeight: 5,
      nodes: nodes.map((n, i) => ({ id: n.id, layer: i, row: 0, x: i * 20, y: 0 })),
      edges: [{ from: 'dot', to: 'matmul', d: 'M0,0' }],
    };
    const graph = atlasGraph(
      nodes,
      layout,
      [{ id: 'd1', title: 'D', order: 1 }],
      [],
      (s) => `/concepts/${s}/`,
    );
    expect(graph.nodes[2]).toMatchObject({ id: 'matmul', x: 40, url: '/concepts/matmul/' });
    expect(graph.domains).toEqual([{ id: 'd1', title: 'D', order: 1, hue: 0 }]);
    expect(graph.edges).toEqual([{ from: 'dot', to: 'matmul', d: 'M0,0', why: 'matmul uses dot' }]);
  });
});
