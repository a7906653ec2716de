import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  type PlaygroundState,
  PRESETS,
  fmt,
  fromPx,
  moveTip,
  parseField,
  planeBackground,
  planeScene,
  readouts,
  scaleA,
  stateFromParams,
  stateFromProps,
  stateToParams,
  toPx,
} from '../../src/lib/vector-playground';
import type { Mat2, Vec2 } from '../../src/lib/vectors2d';

const S = (a: Vec2, b: Vec2, m?: Mat2): PlaygroundState => ({ a, b, m: m ?? [1, 0, 0, 1], matrix: !!m });
const preset = (id: string) => PRESETS.find((p) => p.id === id)!.m;
const cell = (s: PlaygroundState, key: string, column: 'plain' | 'mapped' = 'plain') =>
  readouts(s).rows.find((r) => r.key === key)?.[column];

describe('numbers in text', () => {
  it.each([
    [8, 2, '8.00'],
    [-2.5, 2, '−2.50'],
    [-0.001, 2, '0.00'],
    [0.894427, 3, '0.894'],
    [NaN, 2, 'undefined'],
  ])('fmt(%d, %d) = %s', (n, d, want) => expect(fmt(n, d)).toBe(want));
});

describe('fields', () => {
  it.each([
    ['ax', '2.5', 2.5, ''],
    ['ax', '7', 5, '7.00 is outside −5 to 5: set to 5.00.'],
    ['by', '-12', -5, '−12.00 is outside −5 to 5: set to −5.00.'],
    ['m11', '4', 3, '4.00 is outside −3 to 3: set to 3.00.'],
    ['ay', '', null, 'Enter a number from −5 to 5 for a, y; the last valid value is kept.'],
    ['ay', '1e400', null, 'Enter a number from −5 to 5 for a, y; the last valid value is kept.'],
    [
      'm22',
      '<b>1</b>',
      null,
      'Enter a number from −3 to 3 for M row 2, column 2; the last valid value is kept.',
    ],
  ] as const)('%s = %j → %j', (field, text, value, message) => {
    expect(parseField(field, text)).toEqual({ value, message });
  });

  it('reads the hash, clamping each number with a message and keeping the rest', () => {
    const { state, messages } = stateFromParams(
      new URLSearchParams('a=9,1&b=oops&m=0.8,-0.6,0.6,0.8&mode=matrix'),
      DEFAULT_STATE,
    );
    expect(state).toEqual({ a: [5, 1], b: [2, 2], m: [0.8, -0.6, 0.6, 0.8], matrix: true });
    expect(messages.ax).toBe('From the link: 9.00 is outside −5 to 5: set to 5.00.');
    expect(messages.bx).toBe(
      "The link's b=oops is not 2 numbers separated by commas; the starting value is kept.",
    );
    expect(stateFromParams(new URLSearchParams('a=1,,2'), DEFAULT_STATE).messages.ax).toContain(
      'not 2 numbers',
    );
  });

  it('round-trips a state through the hash', () => {
    const s: PlaygroundState = { a: [-1.5, 0.3], b: [4, -2.2], m: [1, 1, 0, 1], matrix: true };
    const back = stateFromParams(new URLSearchParams(stateToParams(s)), DEFAULT_STATE);
    expect(back).toEqual({ state: s, messages: {} });
  });

  it('fails the build on bad props', () => {
    expect(() => stateFromProps({ a: '3;1' })).toThrow(/VectorPlayground: bad props/);
    expect(stateFromProps({ a: '3,1', b: '2,2' })).toEqual(DEFAULT_STATE);
  });

  it('snaps a dragged tip to 0.1 and stops it at the edge', () => {
    expect(moveTip(DEFAULT_STATE, 'a', [3.04, 0.96])).toEqual({
      state: { ...DEFAULT_STATE, a: [3, 1] },
      clamped: [],
    });
    expect(moveTip(DEFAULT_STATE, 'b', [7, -8])).toEqual({
      state: { ...DEFAULT_STATE, b: [5, -5] },
      clamped: ['bx', 'by'],
    });
    // 0.1 + 0.2 would be 0.30000000000000004 without snapping.
    expect(moveTip(DEFAULT_STATE, 'a', [0.1 + 0.2, 0]).state.a).toEqual([0.3, 0]);
  });

  it('doubles and halves a only while it stays on the plane', () => {
    expect(scaleA(S([2, 1], [2, 2]), 2).state.a).toEqual([4, 2]);
    expect(scaleA(S([3, 1], [2, 2]), 0.5).state.a).toEqual([1.5, 0.5]);
    const r = scaleA(S([3, 1], [2, 2]), 2);
    expect(r.state.a).toEqual([3, 1]);
    expect(r.message).toBe(
      '2.00 a = (6.00, 2.00) would leave the plane (coordinates stay within ±5), so a is unchanged.',
    );
  });
});

describe('readouts', () => {
  it('gives the notebook’s worked example', () => {
    const s = S([3, 1], [2, 2]);
    // 3·2 + 1·2 = 8; √10 = 3.162; √8 = 2.828; θ = 45° − atan(1/3) = 26.565°; cos θ = 2/√5 = 0.894;
    // shadow 8/√8 = 2.828; proj = (8/8)(2, 2); residual (3, 1) − (2, 2).
    expect(readouts(s).rows.map((r) => [r.key, r.plain])).toEqual([
      ['first', '(3.00, 1.00)'],
      ['second', '(2.00, 2.00)'],
      ['dot', '8.00'],
      ['len-first', '3.16'],
      ['len-second', '2.83'],
      ['angle', '26.57°'],
      ['cos', '0.894'],
      ['shadow', '2.83'],
      ['proj', '(2.00, 2.00)'],
      ['residual', '(1.00, −1.00)'],
    ]);
    expect(readouts(s).description).toBe(
      'a = (3.00, 1.00) and b = (2.00, 2.00) are 26.57° apart, under 90°, so a · b = 8.00 is positive: the shadow of a points along b and is 2.83 long.',
    );
    expect(readouts(s).notes).toEqual([]);
  });

  it('doubling a doubles the score but leaves θ and cos θ alone', () => {
    const once = S([2, 1], [1, 2]);
    const twice = S([4, 2], [1, 2]);
    // (2, 1)·(1, 2) = 4; doubled 8. cos θ = 4/(√5·√5) = 0.8 in both.
    expect(cell(once, 'dot')).toBe('4.00');
    expect(cell(twice, 'dot')).toBe('8.00');
    expect(cell(twice, 'angle')).toBe(cell(once, 'angle'));
    expect(cell(twice, 'cos')).toBe('0.800');
  });

  it('describes right and obtuse angles', () => {
    expect(readouts(S([0, 2], [3, 0])).description).toContain(
      'are at right angles (90.00°), so a · b = 0.00: a casts no shadow',
    );
    // (−2, 1)·(1, 0) = −2: shadow points away, length 2.
    const obtuse = readouts(S([-2, 1], [1, 0]));
    expect(obtuse.description).toContain(
      'over 90°, so a · b = −2.00 is negative: the shadow of a points away from b and is 2.00 long.',
    );
    // 0.1·0.3 − 0.3·0.1 in floating point is not exactly 0; it still counts as a right angle.
    expect(readouts(S([0.1, 0.3], [0.3, -0.1])).plain.dot).toBe(0);
  });

  it('reports undefined quantities for a zero vector, with the reason, never NaN', () => {
    const r = readouts(S([3, 1], [0, 0]));
    expect(cell(S([3, 1], [0, 0]), 'dot')).toBe('0.00');
    for (const key of ['angle', 'cos', 'shadow', 'proj', 'residual'])
      expect(cell(S([3, 1], [0, 0]), key)).toBe('undefined');
    expect(r.notes).toEqual([
      'b is the zero vector: it has no direction, so the angle between them is undefined.',
      'b is the zero vector: it has no direction, so there is no line of b to cast a shadow on.',
    ]);
    expect(r.description).toBe(
      'a · b = 0, because b is the zero vector: it has no direction, so the angle between them is undefined.',
    );
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    // A zero a still has a projection (zero) but no angle.
    expect(cell(S([0, 0], [1, 2]), 'proj')).toBe('(0.00, 0.00)');
    expect(cell(S([0, 0], [1, 2]), 'angle')).toBe('undefined');
  });
});

describe('matrix mode', () => {
  it('keeps a · b under the rotation and the reflection', () => {
    for (const id of ['identity', 'rotation', 'reflection']) {
      const r = readouts(S([3, 1], [2, 2], preset(id)));
      expect(r.mapped!.dot, id).toBeCloseTo(8, 12);
      expect(r.matrix!.orthogonal, id).toBe(true);
      expect(r.matrix!.verdict).toContain('so (Ma) · (Mb) = a · b = 8.00');
    }
    // Rotation by the 3-4-5 angle: Ma = (0.8·3 − 0.6·1, 0.6·3 + 0.8·1) = (1.8, 2.6).
    expect(cell(S([3, 1], [2, 2], preset('rotation')), 'first', 'mapped')).toBe('(1.80, 2.60)');
    expect(readouts(S([3, 1], [2, 2], preset('reflection'))).matrix!.verdict).toContain(
      'det M = −1.00: M multiplies areas by 1.00 and flips the plane over.',
    );
  });

  it.each([
    // Shear: Ma = (4, 1), Mb = (4, 2): 16 + 2 = 18. MᵀM = ((1, 1), (1, 2)).
    ['shear', '18.00', 'MᵀM = ((1.00, 1.00), (1.00, 2.00)) is not the identity', 'det M = 1.00'],
    // Scaling: Ma = (6, 0.5), Mb = (4, 1): 24 + 0.5 = 24.5.
    ['scaling', '24.50', 'MᵀM = ((4.00, 0.00), (0.00, 0.25))', 'det M = 1.00'],
    // Singular: Ma = (5, 2.5), Mb = (6, 3): 30 + 7.5 = 37.5; det 1·1 − 2·0.5 = 0.
    ['singular', '37.50', 'is not the identity', 'det M = 0: M squashes the whole plane onto a line'],
  ])('changes a · b under the %s: (Ma)·(Mb) = %s', (id, dot, gram, det) => {
    const r = readouts(S([3, 1], [2, 2], preset(id)));
    expect(cell(S([3, 1], [2, 2], preset(id)), 'dot', 'mapped')).toBe(dot);
    expect(r.matrix!.orthogonal).toBe(false);
    expect(r.matrix!.verdict).toContain(gram);
    expect(r.matrix!.verdict).toContain(det);
    expect(r.description).toContain(`differs from a · b = 8.00`);
  });

  it('notes an arrow M sends off the drawn plane', () => {
    const r = readouts(S([5, 5], [1, 0], [2, 0, 0, 0.5]));
    expect(r.notes).toEqual(['Ma = (10.00, 2.50) lies outside the drawn plane; the table has its values.']);
  });

  it('says when a non-orthogonal M happens to keep this pair’s score', () => {
    // Scaling x by 2: a = (0, 1) and b = (0, 3) have no x part, so (Ma)·(Mb) = a·b = 3.
    const r = readouts(S([0, 1], [0, 3], [2, 0, 0, 1]));
    expect(r.matrix!.verdict).toContain(
      'although for these two arrows (Ma) · (Mb) happens to equal a · b = 3.00',
    );
  });
});

describe('the picture', () => {
  it('maps plane units to pixels and back', () => {
    expect(toPx([0, 0])).toEqual([200, 200]);
    expect(toPx([1, 1])).toEqual([234, 166]); // 34 px per unit, y up
    expect(fromPx(234, 166)).toEqual([1, 1]);
  });

  it('draws the shadow from the origin to the foot of the projection', () => {
    const nodes = planeScene(S([3, 1], [4, 0]));
    const shadow = nodes.find((n) => n.attrs.class === 'vp-shadow')!;
    // proj of (3, 1) on (4, 0) is (3, 0): 3 · 34 = 102 px right of the centre.
    expect(shadow.attrs).toMatchObject({ x1: 200, y1: 200, x2: 302, y2: 200 });
    expect(nodes.some((n) => n.attrs.class === 'vp-right')).toBe(true);
    expect(nodes.find((n) => n.tag === 'text' && n.text === 'θ')).toBeDefined();
    // θ from b = (4, 0) to a = (3, 1) is counter-clockwise: SVG sweep-flag 0.
    expect(String(nodes.find((n) => n.attrs.class === 'vp-arc')!.attrs.d)).toMatch(/A \S+ \S+ 0 0 0 /);
    expect(String(planeScene(S([3, -1], [4, 0])).find((n) => n.attrs.class === 'vp-arc')!.attrs.d)).toMatch(
      /A \S+ \S+ 0 0 1 /,
    );
  });

  it('draws no shadow, angle or NaN for a zero vector', () => {
    for (const s of [
      S([0, 0], [0, 0]),
      S([3, 1], [0, 0]),
      S([0, 0], [2, 1]),
      S([0, 0], [0, 0], preset('singular')),
    ]) {
      const nodes = planeScene(s);
      expect(JSON.stringify(nodes)).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(planeScene(S([3, 1], [0, 0])).some((n) => n.attrs.class === 'vp-shadow')).toBe(false);
  });

  it('in matrix mode draws the moved grid, the image of the unit square and the labels Ma, Mb', () => {
    const nodes = planeScene(S([3, 1], [2, 2], preset('shear')));
    const cellNode = nodes.find((n) => n.attrs.class === 'vp-cell')!;
    // Unit square under the shear: (0,0), (1,0), (2,1), (1,1).
    expect(cellNode.attrs.points).toBe('200,200 234,200 268,166 234,166');
    expect(nodes.filter((n) => n.attrs.class === 'vp-mgrid').length).toBeGreaterThan(20);
    expect(nodes.filter((n) => n.tag === 'text').map((n) => n.text)).toEqual(
      expect.arrayContaining(['Ma', 'Mb', 'a', 'b']),
    );
    expect(planeBackground().length).toBeGreaterThan(20);
  });
});
