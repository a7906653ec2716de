import { describe, expect, it } from 'vitest';
import {
  ancestors,
  descendants,
  domainConnections,
  findCycle,
  neighboursInOrder,
  prerequisitePath,
  reverseEdges,
  topologicalOrder,
  type GraphNode,
} from '../../../src/lib/graph';

const graph: GraphNode[] = [
  { id: 'attention', prerequisites: ['dot', 'matmul', 'softmax'] },
  { id: 'softmax', prerequisites: [] },
  { id: 'matmul', prerequisites: ['dot'] },
  { id: 'dot', prerequisites: [] },
  { id: 'kv-cache', prerequisites: ['attention'] },
];

describe('graph queries', () => {
  it('orders every concept after its prerequisites, keeping input order among ready ones', () => {
    expect(topologicalOrder(graph)).toEqual(['softmax', 'dot', 'matmul', 'attention', 'kv-cache']);
  });

  it('leaves concepts on a cycle out of the order, and findCycle names the cycle', () => {
    const cyclic = [...graph, { id: 'a', prerequisites: ['b'] }, { id: 'b', prerequisites: ['a'] }];
    expect(topologicalOrder(cyclic)).not.toContain('a');
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'a']);
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a longer cycle as a closed walk along real edges', () => {
    const cyclic = [
      { id: 'x', prerequisites: ['z'] },
      { id: 'y', prerequisites: ['x'] },
      { id: 'z', prerequisites: ['y'] },
    ];
    const cycle = findCycle(cyclic)!;
    expect(cycle).toHaveLength(4);
    expect(cycle[0]).toBe(cycle[3]);
    for (let i = 0; i < 3; i++) {
      // each step is "prerequisite -> concept that needs it"
      expect(cyclic.find((n) => n.id === cycle[i + 1])!.prerequisites).toContain(cycle[i]);
    }
  });

  it('computes reverse edges (leads to)', () => {
    expect(reverseEdges(graph).get('dot')).toEqual(['attention', 'matmul']);
    expect(reverseEdges(graph).get('kv-cache')).toEqual([]);
  });

  it('computes ancestors and descendants transitively', () => {
    expect([...ancestors(graph, 'kv-cache')].sort()).toEqual(['attention', 'dot', 'matmul', 'softmax']);
    expect([...descendants(graph, 'dot')].sort()).toEqual(['attention', 'kv-cache', 'matmul']);
    expect(ancestors(graph, 'dot').size).toBe(0);
  });

  it('gives the prerequisite path to a target in learning order, minus what is known', () => {
    expect(prerequisitePath(graph, 'attention')).toEqual(['softmax', 'dot', 'matmul', 'attention']);
    expect(prerequisitePath(graph, 'kv-cache', new Set(['dot', 'softmax']))).toEqual([
      'matmul',
      'attention',
      'kv-cache',
    ]);
  });

  it('finds the neighbours of a step in a track', () => {
    expect(neighboursInOrder(['a', 'b', 'c'], 'b')).toEqual({ previous: 'a', next: 'c' });
    expect(neighboursInOrder(['a', 'b', 'c'], 'a')).toEqual({ previous: undefined, next: 'b' });
    expect(neighboursInOrder(['a'], 'z')).toBeNull();
  });
});

describe('domainConnections', () => {
  const atlas = [
    { id: 'dot', domain: 'linear-algebra', prerequisites: [] },
    { id: 'matmul', domain: 'linear-algebra', prerequisites: ['dot'] },
    { id: 'softmax', domain: 'probability', prerequisites: [] },
    { id: 'attention', domain: 'transformers', prerequisites: ['dot', 'matmul', 'softmax'] },
    { id: 'kv-cache', domain: 'serving', prerequisites: ['attention', 'matmul'] },
  ];

  it('counts the edges arriving from and leaving for other domains, most first', () => {
    expect(domainConnections(atlas, 'transformers')).toEqual({
      drawsOn: [
        { domain: 'linear-algebra', edges: 2 },
        { domain: 'probability', edges: 1 },
      ],
      feeds: [{ domain: 'serving', edges: 1 }],
    });
    expect(domainConnections(atlas, 'linear-algebra')).toEqual({
      drawsOn: [],
      feeds: [
        { domain: 'transformers', edges: 2 },
        { domain: 'serving', edges: 1 },
      ],
    });
  });

  it('ignores edges inside the domain and to unknown concepts', () => {
    const inside = [
      { id: 'a', domain: 'x', prerequisites: ['b', 'ghost'] },
      { id: 'b', domain: 'x', prerequisites: [] },
    ];
    expect(domainConnections(inside, 'x')).toEqual({ drawsOn: [], feeds: [] });
  });
});
