/**
 * Isomorphic: arithmetic of 2-D vectors and 2×2 matrices — dot product, length, angle, cosine,
 * projection and residual, a matrix applied to a vector, determinant, orthogonality and the image
 * of the integer grid. Quantities that do not exist (the angle to a zero vector) come back as a
 * reason in words instead of NaN, so no caller can print NaN by accident.
 */

/** A vector (x, y). */
export type Vec2 = readonly [number, number];
/** A 2×2 matrix in row order: [m11, m12, m21, m22] is ((m11, m12), (m21, m22)). */
export type Mat2 = readonly [number, number, number, number];

/** A value, or the reason it does not exist. */
export type Maybe<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Below this length a vector counts as the zero vector: it has no direction. */
export const ZERO_LENGTH = 1e-12;

export const IDENTITY: Mat2 = [1, 0, 0, 1];

export const dot = (a: Vec2, b: Vec2): number => a[0] * b[0] + a[1] * b[1];

/** Euclidean length, √(a · a); Math.hypot avoids overflow for large entries. */
export const norm = (a: Vec2): number => Math.hypot(a[0], a[1]);

/** The z-component of the 3-D cross product: |a| |b| sin of the signed angle from a to b. */
export const cross = (a: Vec2, b: Vec2): number => a[0] * b[1] - a[1] * b[0];

export const add = (a: Vec2, b: Vec2): Vec2 => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: Vec2, b: Vec2): Vec2 => [a[0] - b[0], a[1] - b[1]];
export const scale = (s: number, a: Vec2): Vec2 => [s * a[0], s * a[1]];

export const isZero = (a: Vec2): boolean => norm(a) < ZERO_LENGTH;

/** "b is the zero vector: it has no direction, so <consequence>." */
const noDirection = (name: string, consequence: string): string =>
  `${name} is the zero vector: it has no direction, so ${consequence}.`;

/** Direction of a, in radians from the positive x-axis, in (−π, π], by atan2. */
export function direction(a: Vec2, name = 'The vector'): Maybe<number> {
  if (isZero(a)) return { ok: false, reason: noDirection(name, 'its direction is undefined') };
  return { ok: true, value: Math.atan2(a[1], a[0]) };
}

function zeroReason(a: Vec2, b: Vec2, names: [string, string], what: string): string | null {
  if (isZero(a) && isZero(b))
    return `${names[0]} and ${names[1]} are both the zero vector: neither has a direction, so ${what} is undefined.`;
  if (isZero(a)) return noDirection(names[0], `${what} is undefined`);
  if (isZero(b)) return noDirection(names[1], `${what} is undefined`);
  return null;
}

/**
 * The angle between a and b in radians, in [0, π]. Computed as atan2(|a × b|, a · b), which stays
 * accurate for nearly parallel arrows where acos(cos θ) loses digits.
 */
export function angleBetween(a: Vec2, b: Vec2, names: [string, string] = ['a', 'b']): Maybe<number> {
  const reason = zeroReason(a, b, names, 'the angle between them');
  if (reason) return { ok: false, reason };
  return { ok: true, value: Math.atan2(Math.abs(cross(a, b)), dot(a, b)) };
}

/** cos θ = a · b / (|a| |b|), kept inside [−1, 1] against rounding. */
export function cosine(a: Vec2, b: Vec2, names: [string, string] = ['a', 'b']): Maybe<number> {
  const reason = zeroReason(a, b, names, 'cos θ');
  if (reason) return { ok: false, reason };
  const c = dot(a, b) / (norm(a) * norm(b));
  return { ok: true, value: Math.min(1, Math.max(-1, c)) };
}

const noLine = (name: string): string => noDirection(name, `there is no line of ${name} to cast a shadow on`);

/** Signed length of the shadow of a on the line of b: a · b / |b| (= |a| cos θ). */
export function shadowLength(a: Vec2, b: Vec2, names: [string, string] = ['a', 'b']): Maybe<number> {
  if (isZero(b)) return { ok: false, reason: noLine(names[1]) };
  return { ok: true, value: dot(a, b) / norm(b) };
}

/** proj_b a = (a · b / b · b) b, the shadow of a as a vector along b. */
export function projection(a: Vec2, b: Vec2, names: [string, string] = ['a', 'b']): Maybe<Vec2> {
  if (isZero(b)) return { ok: false, reason: noLine(names[1]) };
  return { ok: true, value: scale(dot(a, b) / dot(b, b), b) };
}

/** a − proj_b a, the part of a at right angles to b. */
export function residual(a: Vec2, b: Vec2, names: [string, string] = ['a', 'b']): Maybe<Vec2> {
  const p = projection(a, b, names);
  return p.ok ? { ok: true, value: sub(a, p.value) } : p;
}

/** M v. */
export const apply = (m: Mat2, v: Vec2): Vec2 => [m[0] * v[0] + m[1] * v[1], m[2] * v[0] + m[3] * v[1]];

/** det M = m11 m22 − m12 m21: the factor by which M scales areas (negative if it flips). */
export const determinant = (m: Mat2): number => m[0] * m[3] - m[1] * m[2];

export const transpose = (m: Mat2): Mat2 => [m[0], m[2], m[1], m[3]];

/** The product A B (apply B first, then A). */
export const multiply = (p: Mat2, q: Mat2): Mat2 => [
  p[0] * q[0] + p[1] * q[2],
  p[0] * q[1] + p[1] * q[3],
  p[2] * q[0] + p[3] * q[2],
  p[2] * q[1] + p[3] * q[3],
];

/**
 * Whether MᵀM = I within `tolerance` per entry: then (Ma) · (Mb) = aᵀMᵀMb = a · b for every a and b,
 * so M keeps every length and angle (a rotation or a reflection).
 */
export function isOrthogonal(m: Mat2, tolerance = 1e-9): boolean {
  const g = multiply(transpose(m), m);
  return IDENTITY.every((want, i) => Math.abs(g[i]! - want) <= tolerance);
}

/**
 * What M does to dot products: (Ma) · (Mb) = aᵀ G b with G = MᵀM, the Gram matrix of M's columns.
 * Returned as the matrix G, so a caller can say why the two scores differ.
 */
export const gram = (m: Mat2): Mat2 => multiply(transpose(m), m);

/** One line of the grid: the points (k, t) (axis "x": x = k) or (t, k) (axis "y"), t from −extent to extent. */
export interface GridLine {
  axis: 'x' | 'y';
  k: number;
  from: Vec2;
  to: Vec2;
}

/**
 * The integer grid lines x = k and y = k for k = −extent … extent, each mapped by M. A linear map
 * sends lines to lines, so mapping the two ends of each segment is exact.
 */
export function gridLines(m: Mat2, extent: number): GridLine[] {
  const n = Math.max(0, Math.floor(extent));
  const lo = 0 - n; // not -n, which is −0 when n is 0
  const lines: GridLine[] = [];
  for (let k = lo; k <= n; k++) {
    lines.push({ axis: 'x', k, from: apply(m, [k, lo]), to: apply(m, [k, n]) });
    lines.push({ axis: 'y', k, from: apply(m, [lo, k]), to: apply(m, [n, k]) });
  }
  return lines;
}
