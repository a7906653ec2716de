// Scaled dot-product attention, checked against values worked out by hand. L = ln 3 is used so that
// e^L = 3 and the softmax weights come out as simple fractions.
import { describe, expect, it } from 'vitest';
import {
  attention,
  attentionWeights,
  causalMask,
  concatHeads,
  dot,
  entropy,
  matmul,
  multiHeadAttention,
  normalMatrix,
  saturation,
  seededNormal,
  seededUniform,
  softmax,
  softmaxJacobianNorm,
  splitHeads,
  transpose,
} from '../../src/lib/attention';

const L = Math.log(3);
const close = (a: number[][], b: number[][], digits = 12) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(b[i][j], digits)));
};

describe('matrix basics', () => {
  it('multiplies 2 × 2 matrices (1·5 + 2·7 = 19, 1·6 + 2·8 = 22, 3·5 + 4·7 = 43, 3·6 + 4·8 = 50)', () => {
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ),
    ).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });

  it('multiplies (1 × 3)(3 × 2): [1, 2, 3] against columns (1, 0, 2) and (0, 1, −1) gives 7 and −1', () => {
    expect(
      matmul(
        [[1, 2, 3]],
        [
          [1, 0],
          [0, 1],
          [2, -1],
        ],
      ),
    ).toEqual([[7, -1]]);
  });

  it('transposes a 2 × 3 matrix into a 3 × 2 one', () => {
    expect(
      transpose([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it.each([
    ['inner sizes differ', () => matmul([[1, 2]], [[1, 2]])],
    ['ragged rows', () => matmul([[1, 2], [3]], [[1], [2]])],
    ['dot of different lengths', () => dot([1, 2], [1])],
  ])('refuses %s', (_, f) => expect(f).toThrow(RangeError));

  it('dots (1, 2, 3) with (4, −5, 6): 4 − 10 + 18 = 12', () => expect(dot([1, 2, 3], [4, -5, 6])).toBe(12));
});

describe('softmax', () => {
  it.each([
    // [scores, temperature, expected, how]
    [[0, 0], 1, [0.5, 0.5], 'equal scores share equally'],
    [[L, 0], 1, [0.75, 0.25], 'e^L : e^0 = 3 : 1'],
    [[2 * L, 0], 2, [0.75, 0.25], 'τ = 2 halves the logits: back to 3 : 1'],
    [[L, 0], 0.5, [0.9, 0.1], 'τ = 1/2 doubles them: 9 : 1'],
    [[L, -Infinity], 1, [1, 0], 'a masked key gets exactly 0'],
    [[-Infinity, L, 0, -Infinity], 1, [0, 0.75, 0.25, 0], 'the visible keys share the row'],
    [[1000, 1000], 1, [0.5, 0.5], 'naive e^1000 would overflow to Infinity / Infinity = NaN'],
    [[-1000, -1000, -1000, -1000], 1, [0.25, 0.25, 0.25, 0.25], 'naive e^−1000 would underflow to 0 / 0'],
    [[Infinity, 0, Infinity], 1, [0.5, 0, 0.5], 'infinite scores share the weight'],
    [[-Infinity, -Infinity], 1, [0, 0], 'nothing visible: no weight anywhere, and no NaN'],
    [[], 1, [], 'an empty row'],
  ])('%j at τ = %d gives %j (%s)', (row, temperature, expected) => {
    const p = softmax(row, temperature);
    expect(p).toHaveLength(expected.length);
    p.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 14));
    expect(p.some(Number.isNaN)).toBe(false);
  });

  it('is exactly one-hot where the gap is huge, with exact zeros (e^−1000 underflows to 0)', () => {
    expect(softmax([1000, 0])).toEqual([1, 0]);
  });

  it.each([0, -1, NaN, Infinity])('refuses the temperature %d', (t) =>
    expect(() => softmax([1, 2], t)).toThrow(RangeError),
  );
  it('refuses a NaN score', () => expect(() => softmax([1, NaN])).toThrow(RangeError));

  it.each([
    [[0.5, 0.5], Math.log(2), 'two equal halves: −2 · ½ ln ½ = ln 2'],
    [[1, 0, 0], 0, 'one-hot: 1 · ln 1 = 0, and 0 · ln 0 counts as 0'],
    [[0.25, 0.25, 0.25, 0.25], Math.log(4), 'uniform over 4: ln 4'],
  ])('entropy of %j is %d (%s)', (p, expected) => expect(entropy(p)).toBeCloseTo(expected, 14));

  it.each([
    [[1, 0], 0, 'one-hot: diag(p) − ppᵀ = 0'],
    // diag(½, ½) − [[¼, ¼], [¼, ¼]] = [[¼, −¼], [−¼, ¼]]; √(4 · 1/16) = ½
    [[0.5, 0.5], 0.5, 'two halves'],
    // diag(¾, ¼) − [[9/16, 3/16], [3/16, 1/16]] = [[3/16, −3/16], [−3/16, 3/16]]; √(4 · 9/256) = 3/8
    [[0.75, 0.25], 0.375, 'three to one'],
  ])('softmax gradient size at %j is %d (%s)', (p, expected) =>
    expect(softmaxJacobianNorm(p)).toBeCloseTo(expected, 14),
  );
});

describe('attention, a 2 × 2 case worked by hand', () => {
  // d_k = 4, so scaling divides by √4 = 2. Query 1 scores 2L against key 1 and 0 against key 2;
  // query 2 is zero and scores 0 against both.
  const Q = [
    [2 * L, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  const K = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
  ];
  const V = [
    [4, 0],
    [0, 8],
  ];

  it('scaled, no mask: weights (¾, ¼) and (½, ½); outputs ¾(4, 0) + ¼(0, 8) = (3, 2) and (2, 4)', () => {
    const r = attention(Q, K, V, { scale: true, causal: false, temperature: 1 });
    expect(r.dk).toBe(4);
    expect(r.divisor).toBe(2);
    close(r.raw, [
      [2 * L, 0],
      [0, 0],
    ]);
    close(r.scaled, [
      [L, 0],
      [0, 0],
    ]);
    close(r.weights, [
      [0.75, 0.25],
      [0.5, 0.5],
    ]);
    close(r.output, [
      [3, 2],
      [2, 4],
    ]);
    expect(r.entropy[1]).toBeCloseTo(Math.log(2), 14);
  });

  it('unscaled: e^{2L} = 9, so weights (9/10, 1/10) and output (3.6, 0.8)', () => {
    const r = attention(Q, K, V, { scale: false, causal: false, temperature: 1 });
    expect(r.divisor).toBe(1);
    close(r.weights, [
      [0.9, 0.1],
      [0.5, 0.5],
    ]);
    close(r.output, [
      [3.6, 0.8],
      [2, 4],
    ]);
  });

  it('causal: the first query sees only the first key, so its output is exactly v₁ = (4, 0)', () => {
    const r = attention(Q, K, V, { scale: true, causal: true, temperature: 1 });
    expect(r.weights[0]).toEqual([1, 0]);
    expect(r.logits[0][1]).toBe(-Infinity);
    expect(r.visible).toEqual([
      [true, false],
      [true, true],
    ]);
    close(r.output, [
      [4, 0],
      [2, 4],
    ]);
  });

  it('τ = ½ after scaling: logits (2L, 0), weights (9/10, 1/10)', () => {
    const r = attention(Q, K, V, { scale: true, causal: false, temperature: 0.5 });
    close(r.logits, [
      [2 * L, 0],
      [0, 0],
    ]);
    close(r.weights, [
      [0.9, 0.1],
      [0.5, 0.5],
    ]);
  });

  it.each([
    ['Q and K of different widths', () => attention([[1, 2]], [[1]], [[1]])],
    ['V with a row too few', () => attention([[1]], [[1], [2]], [[1]])],
    ['an infinite entry', () => attention([[Infinity]], [[1]], [[1]])],
    ['a NaN entry', () => attentionWeights([[NaN]], [[1]])],
    ['zero width', () => attentionWeights([[]], [[]])],
    ['temperature 0', () => attentionWeights([[1]], [[1]], { scale: true, causal: false, temperature: 0 })],
  ])('refuses %s', (_, f) => expect(f).toThrow(RangeError));
});

describe('the causal mask', () => {
  it('is 0 on and below the diagonal and −∞ above it', () => {
    expect(causalMask(3, 3)).toEqual([
      [0, -Infinity, -Infinity],
      [0, 0, -Infinity],
      [0, 0, 0],
    ]);
  });

  it('keeps huge scores finite: every row sums to 1 and masked weights are exactly 0', () => {
    const big = [
      [9, -9, 9, 9],
      [-9, 9, 9, -9],
      [9, 9, -9, 9],
    ];
    const r = attentionWeights(big, big, { scale: false, causal: true, temperature: 0.1 });
    for (const [i, row] of r.weights.entries()) {
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      row.forEach((w, j) => j > i && expect(w).toBe(0));
    }
  });

  it('an earlier output does not move when a later token changes', () => {
    const q = [
      [1, 2],
      [0, 1],
      [2, 0],
    ];
    const v = [
      [1, 0],
      [0, 1],
      [5, 5],
    ];
    const before = attention(q, q, v, { scale: true, causal: true, temperature: 1 }).output;
    const q2 = [q[0], q[1], [-7, 3]];
    const v2 = [v[0], v[1], [-9, 9]];
    const after = attention(q2, q2, v2, { scale: true, causal: true, temperature: 1 }).output;
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).not.toEqual(before[2]);
  });
});

describe('heads', () => {
  const X = [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
  ];

  it('splits 4 columns into 2 heads of 2 and puts them back', () => {
    const parts = splitHeads(X, 2);
    expect(parts).toEqual([
      [
        [1, 2],
        [5, 6],
      ],
      [
        [3, 4],
        [7, 8],
      ],
    ]);
    expect(concatHeads(parts)).toEqual(X);
  });

  it.each([0, 3, 1.5])('refuses %d heads for a width of 4', (heads) =>
    expect(() => splitHeads(X, heads)).toThrow(RangeError),
  );

  it('4 heads of d_k = 1 (divisor √1 = 1): head 1 gives (¾, ¼) and (½, ½), the zero-query heads average', () => {
    // Head 1 sees q = (L, 0) and k = (1, 0): scores [[L, 0], [0, 0]]. Heads 2–4 see zero queries.
    // Every value column is (4, 0), so head 1 outputs ¾·4 = 3 and ½·4 = 2; the others ½·4 = 2.
    const q = [
      [L, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const k = [
      [1, 1, 1, 1],
      [0, 0, 0, 0],
    ];
    const v = [
      [4, 4, 4, 4],
      [0, 0, 0, 0],
    ];
    const r = multiHeadAttention(q, k, v, 4, { scale: true, causal: false, temperature: 1 });
    expect(r.headDim).toBe(1);
    expect(r.heads.map((hr) => hr.divisor)).toEqual([1, 1, 1, 1]);
    close(r.heads[0].weights, [
      [0.75, 0.25],
      [0.5, 0.5],
    ]);
    close(r.output, [
      [3, 2, 2, 2],
      [2, 2, 2, 2],
    ]);
  });

  it('2 heads of d_k = 2 divide by √2; one head over the same columns divides by 2', () => {
    const q = [[1, 1, 1, 1]];
    const r2 = multiHeadAttention(q, q, [[1, 1, 1, 1]], 2);
    expect(r2.heads[0].divisor).toBeCloseTo(Math.SQRT2, 15);
    expect(r2.heads[0].scaled[0][0]).toBeCloseTo(2 / Math.SQRT2, 14);
    expect(multiHeadAttention(q, q, [[1, 1, 1, 1]], 1).heads[0].scaled[0][0]).toBe(2);
  });
});

describe('seeded random vectors', () => {
  it('repeat exactly for a seed and differ between seeds', () => {
    const a = seededUniform(7);
    const b = seededUniform(7);
    const c = seededUniform(8);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('normals have mean about 0 and variance about 1 (20,000 draws: standard errors 0.007 and 0.01)', () => {
    const xs = normalMatrix(1, 20000, seededNormal(3))[0];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
});

describe('the √d_k experiment', () => {
  it('is deterministic for a seed', () => {
    expect(saturation(64, { seed: 5 })).toEqual(saturation(64, { seed: 5 }));
  });

  it('at d_k = 1 scaling divides by √1, so both columns agree', () => {
    const r = saturation(1);
    expect(r.scaled).toEqual(r.unscaled);
  });

  it.each([16, 128, 512])('at d_k = %d raw scores spread like √d_k and scaled ones like 1', (dk) => {
    const r = saturation(dk, { queries: 400, keys: 16, seed: 2 });
    expect(r.unscaled.scoreStd / Math.sqrt(dk)).toBeGreaterThan(0.85);
    expect(r.unscaled.scoreStd / Math.sqrt(dk)).toBeLessThan(1.15);
    expect(Math.abs(r.scaled.scoreStd - 1)).toBeLessThan(0.15);
  });

  it('at d_k = 512 unscaled rows collapse to one-hot and scaled rows do not', () => {
    const r = saturation(512, { queries: 200, keys: 8, seed: 1 });
    expect(r.maxEntropy).toBeCloseTo(Math.log(8), 14);
    expect(r.unscaled.meanMaxWeight).toBeGreaterThan(0.85);
    expect(r.unscaled.oneHotShare).toBeGreaterThan(0.5);
    expect(r.scaled.oneHotShare).toBe(0);
    expect(r.scaled.meanEntropy).toBeGreaterThan(1.2);
    expect(r.unscaled.medianGradient).toBeLessThan(0.05 * r.scaled.medianGradient);
  });

  it('saturation grows with d_k when unscaled, and stays put when scaled', () => {
    const at = (dk: number) => saturation(dk, { seed: 4 });
    const [a, b, c] = [at(4), at(64), at(512)];
    expect(a.unscaled.meanMaxWeight).toBeLessThan(b.unscaled.meanMaxWeight);
    expect(b.unscaled.meanMaxWeight).toBeLessThan(c.unscaled.meanMaxWeight);
    expect(Math.abs(a.scaled.meanEntropy - c.scaled.meanEntropy)).toBeLessThan(0.25);
  });

  it.each([0, -3, 2.5, NaN])('refuses d_k = %d', (dk) => expect(() => saturation(dk)).toThrow(RangeError));
});
