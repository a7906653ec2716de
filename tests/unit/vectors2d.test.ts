import { describe, expect, it } from 'vitest';
import {
  type Mat2,
  type Vec2,
  angleBetween,
  apply,
  cosine,
  determinant,
  direction,
  dot,
  gram,
  gridLines,
  isOrthogonal,
  multiply,
  norm,
  projection,
  residual,
  shadowLength,
} from '../../src/lib/vectors2d';

const deg = (r: number) => (r * 180) / Math.PI;

describe('dot, norm, direction', () => {
  it.each<[Vec2, Vec2, number, string]>([
    // The notebook's worked example: 3·2 + 1·2 = 8.
    [[3, 1], [2, 2], 8, '3·2 + 1·2'],
    // Perpendicular axes: 1·0 + 0·1 = 0.
    [[1, 0], [0, 1], 0, '1·0 + 0·1'],
    // Opposite: 2·(−1) + 1·(−0.5) = −2.5.
    [[2, 1], [-1, -0.5], -2.5, '2·(−1) + 1·(−0.5)'],
    // Zero vector: every product is 0.
    [[0, 0], [4, -3], 0, '0·4 + 0·(−3)'],
  ])('%j · %j = %d (%s)', (a, b, want) => {
    expect(dot(a, b)).toBe(want);
    expect(dot(b, a)).toBe(want); // symmetry
  });

  it.each<[Vec2, number]>([
    [[3, 4], 5], // the 3-4-5 triangle
    [[3, 1], Math.sqrt(10)], // √(9 + 1), the notebook's |a|
    [[0, 0], 0],
    [[1e200, 1e200], Math.SQRT2 * 1e200], // hypot does not overflow where x² + y² would
  ])('|%j| = %d', (a, want) => {
    expect(norm(a)).toBeCloseTo(want, 10);
    expect(Number.isFinite(norm(a))).toBe(true);
  });

  it('measures direction with atan2 and refuses the zero vector', () => {
    // (2, 2) points at 45°; (−1, 0) at 180°; (0, −3) at −90°.
    expect(deg((direction([2, 2]) as { value: number }).value)).toBeCloseTo(45, 12);
    expect(deg((direction([-1, 0]) as { value: number }).value)).toBeCloseTo(180, 12);
    expect(deg((direction([0, -3]) as { value: number }).value)).toBeCloseTo(-90, 12);
    expect(direction([0, 0], 'a')).toEqual({
      ok: false,
      reason: 'a is the zero vector: it has no direction, so its direction is undefined.',
    });
  });
});

describe('angle and cosine', () => {
  it.each<[Vec2, Vec2, number, number]>([
    // (3, 1) at atan(1/3) = 18.4349°, (2, 2) at 45°: θ = 26.5651°, cos θ = 8 / (√10 · √8) = 2/√5.
    [[3, 1], [2, 2], 45 - deg(Math.atan(1 / 3)), 2 / Math.sqrt(5)],
    // Perpendicular: 90°, cos 0.
    [[0, 2], [3, 0], 90, 0],
    // Opposite directions: 180°, cos −1.
    [[1, 1], [-2, -2], 180, -1],
    // Same direction, different lengths: 0°, cos 1 (length does not enter the angle).
    [[1, 2], [3, 6], 0, 1],
    // 60° apart: (1, 0) and (1/2, √3/2), cos 60° = 1/2.
    [[1, 0], [0.5, Math.sqrt(3) / 2], 60, 0.5],
  ])('%j and %j: θ = %d°, cos θ = %d', (a, b, theta, cos) => {
    const angle = angleBetween(a, b);
    const c = cosine(a, b);
    expect(angle.ok && deg(angle.value)).toBeCloseTo(theta, 9);
    expect(c.ok && c.value).toBeCloseTo(cos, 12);
  });

  it('keeps cos θ inside [−1, 1] for nearly parallel arrows', () => {
    // 0.1·3 is 0.30000000000000004 in floating point; the quotient can exceed 1 without clamping.
    const c = cosine([0.1, 0.2], [0.3, 0.6]);
    expect(c.ok && c.value).toBeLessThanOrEqual(1);
    const angle = angleBetween([0.1, 0.2], [0.3, 0.6]);
    expect(angle.ok && angle.value).toBeCloseTo(0, 12);
  });

  it.each<[Vec2, Vec2, string]>([
    [[0, 0], [1, 2], 'a is the zero vector: it has no direction, so cos θ is undefined.'],
    [[1, 2], [0, 0], 'b is the zero vector: it has no direction, so cos θ is undefined.'],
    [[0, 0], [0, 0], 'a and b are both the zero vector: neither has a direction, so cos θ is undefined.'],
  ])('cos θ for %j and %j is undefined, with a reason, not NaN', (a, b, reason) => {
    expect(cosine(a, b)).toEqual({ ok: false, reason });
    expect(angleBetween(a, b).ok).toBe(false);
  });
});

describe('projection and residual', () => {
  it.each<[Vec2, Vec2, Vec2, number]>([
    // a·b = 8, b·b = 8: proj = 1·b = (2, 2); shadow 8/√8 = 2√2.
    [[3, 1], [2, 2], [2, 2], 2 * Math.SQRT2],
    // Onto the x-axis: keeps x, drops y; shadow 3.
    [[3, 4], [5, 0], [3, 0], 3],
    // Obtuse: a·b = −2, b·b = 1: proj = (−2, 0), shadow −2 (points backwards).
    [[-2, 1], [1, 0], [-2, 0], -2],
    // Perpendicular: no shadow.
    [[0, 3], [2, 0], [0, 0], 0],
  ])('proj of %j on %j is %j, shadow %d', (a, b, want, shadow) => {
    const p = projection(a, b);
    const r = residual(a, b);
    const s = shadowLength(a, b);
    if (!p.ok || !r.ok || !s.ok) throw new Error('expected values');
    expect(p.value[0]).toBeCloseTo(want[0], 12);
    expect(p.value[1]).toBeCloseTo(want[1], 12);
    expect(s.value).toBeCloseTo(shadow, 12);
    // The residual is perpendicular to b, and the two parts satisfy Pythagoras.
    expect(dot(r.value, b)).toBeCloseTo(0, 12);
    expect(norm(p.value) ** 2 + norm(r.value) ** 2).toBeCloseTo(norm(a) ** 2, 10);
  });

  it('has no projection onto the zero vector', () => {
    const reason = 'b is the zero vector: it has no direction, so there is no line of b to cast a shadow on.';
    expect(projection([1, 1], [0, 0])).toEqual({ ok: false, reason });
    expect(residual([1, 1], [0, 0])).toEqual({ ok: false, reason });
    expect(shadowLength([1, 1], [0, 0])).toEqual({ ok: false, reason });
  });

  it('projects the zero vector to zero', () => {
    expect(projection([0, 0], [1, 2])).toEqual({ ok: true, value: [0, 0] });
  });
});

describe('2×2 matrices', () => {
  const rotation: Mat2 = [0.8, -0.6, 0.6, 0.8]; // cos = 4/5, sin = 3/5
  const shear: Mat2 = [1, 1, 0, 1];
  const singular: Mat2 = [1, 2, 0.5, 1];

  it.each<[Mat2, Vec2, Vec2]>([
    [
      [1, 0, 0, 1],
      [3, 1],
      [3, 1],
    ],
    // (0.8·1 − 0.6·0, 0.6·1 + 0.8·0)
    [rotation, [1, 0], [0.8, 0.6]],
    // (1·3 + 1·1, 0·3 + 1·1)
    [shear, [3, 1], [4, 1]],
    // (1·2 + 2·(−1), 0.5·2 + 1·(−1)) = (0, 0): the singular matrix has a null direction.
    [singular, [2, -1], [0, 0]],
  ])('%j applied to %j is %j', (m, v, want) => {
    const got = apply(m, v);
    expect(got[0]).toBeCloseTo(want[0], 12);
    expect(got[1]).toBeCloseTo(want[1], 12);
  });

  it.each<[Mat2, number, boolean]>([
    [[1, 0, 0, 1], 1, true],
    [rotation, 1, true], // 0.64 + 0.36
    [[1, 0, 0, -1], -1, true], // a reflection flips area but keeps lengths
    [shear, 1, false], // keeps area, not angles
    [[2, 0, 0, 0.5], 1, false], // keeps area, not lengths
    [singular, 0, false], // 1·1 − 2·0.5
  ])('%j: det %d, orthogonal %s', (m, det, orthogonal) => {
    expect(determinant(m)).toBeCloseTo(det, 12);
    expect(isOrthogonal(m)).toBe(orthogonal);
  });

  it('multiplies in the order of application', () => {
    // Shear then rotation: R S = ((0.8, 0.8 − 0.6), (0.6, 0.6 + 0.8)).
    const rs = multiply(rotation, shear);
    [0.8, 0.2, 0.6, 1.4].forEach((want, i) => expect(rs[i]).toBeCloseTo(want, 12));
    const v: Vec2 = [1.5, -2];
    const twice = apply(rotation, apply(shear, v));
    expect(apply(rs, v)[0]).toBeCloseTo(twice[0], 12);
    expect(apply(rs, v)[1]).toBeCloseTo(twice[1], 12);
  });

  it('(Ma)·(Mb) = aᵀ(MᵀM)b: equal to a·b for the rotation, not for the shear', () => {
    const a: Vec2 = [3, 1];
    const b: Vec2 = [2, 2];
    expect(dot(apply(rotation, a), apply(rotation, b))).toBeCloseTo(8, 12);
    // Shear: Ma = (4, 1), Mb = (4, 2): 16 + 2 = 18.
    expect(dot(apply(shear, a), apply(shear, b))).toBeCloseTo(18, 12);
    // MᵀM for the shear = ((1, 1), (1, 2)); aᵀGb = (3, 1)·(2 + 2, 2 + 4) = 12 + 6 = 18.
    expect(gram(shear)).toEqual([1, 1, 1, 2]);
  });

  it('maps the integer grid line by line', () => {
    const lines = gridLines(shear, 2);
    expect(lines).toHaveLength(10); // k = −2 … 2, two families
    // x = 1 runs from (1, −2) to (1, 2); the shear sends them to (−1, −2) and (3, 2).
    expect(lines.find((l) => l.axis === 'x' && l.k === 1)).toEqual({
      axis: 'x',
      k: 1,
      from: [-1, -2],
      to: [3, 2],
    });
    expect(gridLines(shear, -3)).toEqual([
      { axis: 'x', k: 0, from: [0, 0], to: [0, 0] },
      { axis: 'y', k: 0, from: [0, 0], to: [0, 0] },
    ]);
  });
});
