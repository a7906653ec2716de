import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { layeredLayout, type GraphLayout, type LayoutInput } from '../../../src/lib/graph';
import { validAtlas } from '../../fixtures/atlas';
import { bigAtlas } from '../../fixtures/big-atlas';

/** The real atlas's prerequisite graph, read from the concept frontmatter. */
function realAtlas(): LayoutInput[] {
  return readdirSync('content/concepts').map((id) => {
    const text = readFileSync(`content/concepts/${id}/index.mdx`, 'utf8');
    const data = parse(text.split(/^---$/m)[1]) as { prerequisites: { slug: string }[] };
    return { id, prerequisites: data.prerequisites.map((p) => p.slug) };
  });
}

const fixtureAtlas = (): LayoutInput[] =>
  validAtlas().concepts.map((c) => ({ id: c.id, prerequisites: c.data.prerequisites.map((p) => p.slug) }));

/** Shuffles a copy with a seeded generator, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Checks the invariants every layout must keep. */
function expectSound(input: LayoutInput[], layout: GraphLayout) {
  const ids = new Set(input.map((n) => n.id));
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  expect(at.size).toBe(ids.size);
  const expectedEdges = input.flatMap((n) =>
    n.prerequisites.filter((p) => ids.has(p)).map((p) => `${p}>${n.id}`),
  );
  expect(layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(expectedEdges.sort());
  for (const e of layout.edges) {
    const [from, to] = [at.get(e.from)!, at.get(e.to)!];
    expect(from.layer).toBeLessThan(to.layer);
    expect(from.x + layout.nodeWidth).toBeLessThan(to.x);
    expect(e.d).toMatch(/^M[\d.]+,[\d.]+( [CL][\d., ]+)+$/);
    // The path starts at the right middle of `from` and ends at the left middle of `to`.
    expect(e.d.startsWith(`M${from.x + layout.nodeWidth},${from.y + layout.nodeHeight / 2} `)).toBe(true);
    expect(e.d.endsWith(` ${to.x},${to.y + layout.nodeHeight / 2}`)).toBe(true);
  }
  // Layers are longest paths: a concept is exactly one layer after its deepest prerequisite.
  for (const n of input) {
    const known = n.prerequisites.filter((p) => ids.has(p));
    const expected = known.length === 0 ? 0 : 1 + Math.max(...known.map((p) => at.get(p)!.layer));
    expect(at.get(n.id)!.layer).toBe(expected);
  }
  // No two boxes overlap, and all lie inside the drawing.
  const boxes = [...layout.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + layout.nodeWidth).toBeLessThanOrEqual(layout.width);
    expect(a.y + layout.nodeHeight).toBeLessThanOrEqual(layout.height);
    for (let j = i + 1; j < boxes.length && boxes[j].x < a.x + layout.nodeWidth; j++) {
      const b = boxes[j];
      const apart = b.y >= a.y + layout.nodeHeight || a.y >= b.y + layout.nodeHeight;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }
}

/** Crossings among edges between adjacent layers, given each node's row. */
function crossings(input: LayoutInput[], rowOf: Map<string, number>, layerOf: Map<string, number>): number {
  const edges = input.flatMap((n) =>
    n.prerequisites.filter((p) => layerOf.get(n.id)! - layerOf.get(p)! === 1).map((p) => [p, n.id] as const),
  );
  let count = 0;
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 1; j < edges.length; j++) {
      const [[a, b], [c, d]] = [edges[i], edges[j]];
      if (layerOf.get(a) !== layerOf.get(c)) continue;
      if ((rowOf.get(a)! - rowOf.get(c)!) * (rowOf.get(b)! - rowOf.get(d)!) < 0) count++;
    }
  return count;
}

describe('layered layout', () => {
  it('lays out the fixture atlas with every edge pointing forward', () => {
    const input = fixtureAtlas();
    const layout = layeredLayout(input);
    expectSound(input, layout);
    const layer = Object.fromEntries(layout.nodes.map((n) => [n.id, n.layer]));
    expect(layer).toEqual({ dot: 0, softmax: 0, matmul: 1, attention: 2 });
    expect(layout).toMatchObject({ nodeWidth: 180, nodeHeight: 40 });
    // Three layers of 180 with two gaps of 90, two rows of 40 with one gap of 16, margins of 20.
    expect([layout.width, layout.height]).toEqual([3 * 180 + 2 * 90 + 40, 2 * 40 + 16 + 40]);
  });

  it('places boxes on the grid the options describe', () => {
    const options = { nodeWidth: 100, nodeHeight: 30, layerGap: 50, rowGap: 10, margin: 5 };
    const layout = layeredLayout(fixtureAtlas(), options);
    for (const n of layout.nodes) {
      expect(n.x).toBe(5 + n.layer * 150);
      expect((n.y - 5) % 20).toBe(0); // a single-row layer is centred on the two-row one
    }
    expect(layout.width).toBe(5 + 3 * 100 + 2 * 50 + 5);
  });

  it('is deterministic: any order of the same input gives the same layout', () => {
    for (const input of [fixtureAtlas(), realAtlas(), bigAtlas(300, 7)]) {
      const reference = layeredLayout(input);
      for (const seed of [1, 2, 3]) {
        const again = shuffled(input, seed).map((n) => ({
          ...n,
          prerequisites: shuffled(n.prerequisites, seed),
        }));
        expect(layeredLayout(again)).toEqual(reference);
      }
    }
  });

  it('ignores unknown prerequisites and handles the empty graph', () => {
    const layout = layeredLayout([
      { id: 'b', prerequisites: ['a', 'ghost'] },
      { id: 'a', prerequisites: [] },
    ]);
    expect(layout.edges.map((e) => [e.from, e.to])).toEqual([['a', 'b']]);
    expect(layeredLayout([])).toMatchObject({ nodes: [], edges: [], width: 40, height: 40 });
  });

  it('routes an edge that skips layers between the boxes it passes', () => {
    // a -> b -> c -> d and a -> d: the long edge crosses the layers of b and c.
    const input = [
      { id: 'a', prerequisites: [] },
      { id: 'b', prerequisites: ['a'] },
      { id: 'c', prerequisites: ['b'] },
      { id: 'd', prerequisites: ['a', 'c'] },
      { id: 'e', prerequisites: ['a'] },
      { id: 'f', prerequisites: ['e'] },
    ];
    const layout = layeredLayout(input);
    expectSound(input, layout);
    const long = layout.edges.find((e) => e.from === 'a' && e.to === 'd')!;
    const straight = [...long.d.matchAll(/L([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(straight).toHaveLength(2);
    for (const y of straight)
      for (const n of layout.nodes.filter((n) => n.layer === 1 || n.layer === 2))
        expect(y <= n.y || y >= n.y + layout.nodeHeight, `passes through ${n.id}`).toBe(true);
  });

  it('has fewer crossings than the id order on a crafted case', () => {
    // Sorted by id, each layer's edges form a fan that crosses itself; the sweeps untangle them.
    const input: LayoutInput[] = [
      { id: 'a1', prerequisites: [] },
      { id: 'a2', prerequisites: [] },
      { id: 'a3', prerequisites: [] },
      { id: 'a4', prerequisites: [] },
      { id: 'b1', prerequisites: ['a4'] },
      { id: 'b2', prerequisites: ['a3'] },
      { id: 'b3', prerequisites: ['a2', 'a1'] },
      { id: 'b4', prerequisites: ['a1'] },
      { id: 'c1', prerequisites: ['b4', 'b3'] },
      { id: 'c2', prerequisites: ['b2'] },
      { id: 'c3', prerequisites: ['b1'] },
    ];
    const layout = layeredLayout(input);
    expectSound(input, layout);
    const layerOf = new Map(layout.nodes.map((n) => [n.id, n.layer]));
    const idOrder = new Map(
      [0, 1, 2].flatMap((l) =>
        layout.nodes
          .filter((n) => n.layer === l)
          .map((n) => n.id)
          .sort()
          .map((id, row) => [id, row] as const),
      ),
    );
    const before = crossings(input, idOrder, layerOf);
    const after = crossings(input, new Map(layout.nodes.map((n) => [n.id, n.row])), layerOf);
    expect(before).toBeGreaterThan(5);
    expect(after).toBe(0);
  });

  it('names the cycle instead of hanging', () => {
    const input = [
      { id: 'x', prerequisites: ['z'] },
      { id: 'y', prerequisites: ['x'] },
      { id: 'z', prerequisites: ['y'] },
      { id: 'w', prerequisites: [] },
    ];
    expect(() => layeredLayout(input)).toThrow(/cycle \(x → y → z → x\)/);
    expect(() => layeredLayout([{ id: 'self', prerequisites: ['self'] }])).toThrow(/self → self/);
  });

  it('lays out the real atlas and a generated 1,000-concept atlas, and reports the time', () => {
    for (const [name, input] of [
      ['real atlas', realAtlas()],
      ['bigAtlas(1000)', bigAtlas()],
    ] as const) {
      layeredLayout(input); // warm up
      const runs: number[] = [];
      let layout!: GraphLayout;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        layout = layeredLayout(input);
        runs.push(performance.now() - start);
      }
      expectSound(input, layout);
      const layers = Math.max(...layout.nodes.map((n) => n.layer)) + 1;
      const median = [...runs].sort((a, b) => a - b)[2];
      console.log(
        `${name}: ${input.length} concepts, ${layout.edges.length} edges, ${layers} layers, ` +
          `${layout.width} × ${layout.height}, median ${median.toFixed(1)} ms ` +
          `(runs: ${runs.map((t) => t.toFixed(1)).join(', ')})`,
      );
      expect(median).toBeLessThan(2000);
    }
  });
});

describe('bigAtlas', () => {
  it('is a deterministic DAG with 0–3 earlier prerequisites per concept', () => {
    const atlas = bigAtlas();
    expect(atlas).toHaveLength(1000);
    expect(atlas[0].id).toBe('concept-0000');
    expect(bigAtlas()).toEqual(atlas);
    expect(bigAtlas(1000, 2)).not.toEqual(atlas);
    atlas.forEach((n, i) => {
      expect(n.prerequisites.length).toBeLessThanOrEqual(3);
      for (const p of n.prerequisites) expect(Number(p.slice(-4))).toBeLessThan(i);
    });
    expect(atlas.filter((n) => n.prerequisites.length === 0).length).toBeLessThan(200);
  });
});
