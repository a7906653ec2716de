import { describe, expect, it } from 'vitest';
import { fitTitle, neighbourhood, wrapLines, type LayoutInput } from '../../../src/lib/graph';
import { bigAtlas } from '../../fixtures/big-atlas';

// vectors -> dot -> matmul -> attention -> kv-cache -> paged
//                        softmax -> attention -> mha
const graph: LayoutInput[] = [
  { id: 'vectors', prerequisites: [] },
  { id: 'dot', prerequisites: ['vectors'] },
  { id: 'matmul', prerequisites: ['dot', 'vectors'] },
  { id: 'softmax', prerequisites: [] },
  { id: 'attention', prerequisites: ['matmul', 'softmax', 'dot'] },
  { id: 'kv-cache', prerequisites: ['attention'] },
  { id: 'mha', prerequisites: ['attention', 'ghost'] },
  { id: 'paged', prerequisites: ['kv-cache'] },
  { id: 'far', prerequisites: ['paged'] },
];

describe('neighbourhood', () => {
  it('finds what a concept needs and leads to within two steps, nearest first', () => {
    const hood = neighbourhood(graph, 'attention');
    expect(hood.ancestors).toEqual(['dot', 'matmul', 'softmax', 'vectors']);
    expect(hood.descendants).toEqual(['kv-cache', 'mha', 'paged']);
    expect(hood.distance).toMatchObject({ attention: 0, dot: -1, vectors: -2, 'kv-cache': 1, paged: 2 });
    expect(hood.distance).not.toHaveProperty('far');
    // Every prerequisite edge among them, including the ones the drawing leaves out.
    expect(hood.edges).toContainEqual({ from: 'dot', to: 'matmul' });
    expect(hood.edges).toContainEqual({ from: 'vectors', to: 'dot' });
    expect(hood.edges).not.toContainEqual(expect.objectContaining({ from: 'ghost' }));
  });

  it('honours the depth', () => {
    const hood = neighbourhood(graph, 'attention', 1);
    expect(hood.ancestors).toEqual(['dot', 'matmul', 'softmax']);
    expect(hood.descendants).toEqual(['kv-cache', 'mha']);
    expect(hood.layout.columns.map((c) => c.distance)).toEqual([-1, 0, 1]);
  });

  it('draws one column per distance with only forward edges between neighbouring columns', () => {
    const { layout } = neighbourhood(graph, 'attention');
    expect(layout.columns.map((c) => c.distance)).toEqual([-2, -1, 0, 1, 2]);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(at.get('attention')).toMatchObject({ layer: 2, distance: 0 });
    for (const e of layout.edges) {
      const [a, b] = [at.get(e.from)!, at.get(e.to)!];
      expect(b.layer - a.layer).toBe(1);
      expect(e.d.startsWith(`M${a.x + layout.nodeWidth},${a.y + layout.nodeHeight / 2} `)).toBe(true);
      expect(e.d.endsWith(` ${b.x},${b.y + layout.nodeHeight / 2}`)).toBe(true);
    }
    // dot -> matmul sits inside one column and is not drawn; vectors -> matmul is.
    expect(layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(
      [
        'attention>kv-cache',
        'attention>mha',
        'dot>attention',
        'kv-cache>paged',
        'matmul>attention',
        'softmax>attention',
        'vectors>dot',
        'vectors>matmul',
      ].sort(),
    );
    // Boxes stay inside the drawing and never overlap.
    for (const n of layout.nodes) {
      expect(n.x + layout.nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(n.y + layout.nodeHeight).toBeLessThanOrEqual(layout.height);
      for (const m of layout.nodes)
        if (m !== n && m.layer === n.layer)
          expect(Math.abs(m.y - n.y)).toBeGreaterThanOrEqual(layout.nodeHeight);
    }
  });

  it('drops empty columns: a starting point begins with itself', () => {
    const { layout } = neighbourhood(graph, 'softmax');
    expect(layout.columns.map((c) => c.distance)).toEqual([0, 1, 2]);
    expect(layout.nodes[0]).toMatchObject({ id: 'softmax', x: 4 });
    expect(neighbourhood([{ id: 'alone', prerequisites: [] }], 'alone').layout.nodes).toHaveLength(1);
  });

  it('caps crowded columns and counts what it leaves out', () => {
    const hub: LayoutInput[] = [
      { id: 'hub', prerequisites: [] },
      ...Array.from({ length: 9 }, (_, i) => ({ id: `child-${i}`, prerequisites: ['hub'] })),
      { id: 'grandchild', prerequisites: ['child-8'] },
    ];
    const hood = neighbourhood(hub, 'hub', 2, { maxPerColumn: 4 });
    expect(hood.descendants).toHaveLength(10);
    const [, first, second] = hood.layout.columns;
    expect(first).toMatchObject({ distance: 1, hidden: 6 });
    expect(hood.layout.nodes.filter((n) => n.distance === 1)).toHaveLength(3);
    // child-8 is the one with a child of its own, so it is kept, and its child with it.
    expect(hood.layout.nodes.map((n) => n.id)).toContain('child-8');
    expect(second).toMatchObject({ distance: 2, hidden: 0 });
    // The "+N more" row sits below the last box of its column.
    const last = Math.max(...hood.layout.nodes.filter((n) => n.distance === 1).map((n) => n.y));
    expect(first.moreY).toBeGreaterThan(last + hood.layout.nodeHeight);
    expect(first.moreY).toBeLessThan(hood.layout.height);
  });

  it('is deterministic and quick on a large atlas', () => {
    const atlas = bigAtlas();
    const start = performance.now();
    const hood = neighbourhood(atlas, 'concept-0500');
    expect(performance.now() - start).toBeLessThan(500);
    expect(neighbourhood([...atlas].reverse(), 'concept-0500')).toEqual(hood);
    for (const c of hood.layout.columns)
      expect(
        hood.layout.nodes.filter((n) => n.layer === hood.layout.columns.indexOf(c)).length,
      ).toBeLessThanOrEqual(6);
  });

  it('rejects an unknown focus', () => {
    expect(() => neighbourhood(graph, 'nope')).toThrow(/Unknown concept "nope"/);
  });
});

describe('wrapLines', () => {
  it('wraps at spaces and after hyphens, with an ellipsis when out of lines', () => {
    expect(wrapLines('KV cache', 16, 3)).toEqual(['KV cache']);
    expect(wrapLines('Scaled dot-product attention', 15, 3)).toEqual(['Scaled', 'dot-product', 'attention']);
    expect(wrapLines('Reinforcement learning from human feedback (RLHF)', 16, 3)).toEqual([
      'Reinforcement',
      'learning from',
      'human feedback…',
    ]);
    expect(wrapLines('Supercalifragilistic', 8, 3)).toEqual(['Supercal', 'ifragili', 'stic']);
    expect(wrapLines('FlashAttention', 12, 3)).toEqual(['FlashAttention']);
    expect(wrapLines('self-attention-with-many-hyphens', 10, 2)).toEqual(['self-', 'attention…']);
  });
});

describe('fitTitle', () => {
  it('drops a trailing abbreviation, or keeps only it, before cutting a title short', () => {
    expect(fitTitle('KV cache', 13, 3)).toEqual(['KV cache']);
    expect(fitTitle('Direct preference optimization (DPO)', 16, 3)).toEqual([
      'Direct',
      'preference',
      'optimization',
    ]);
    expect(fitTitle('Reinforcement learning from human feedback (RLHF)', 13, 3)).toEqual(['RLHF']);
    expect(fitTitle('A very long title without any abbreviation at all', 10, 2)).toEqual([
      'A very',
      'long titl…',
    ]);
  });
});
