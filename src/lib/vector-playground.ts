/**
 * Isomorphic: the vector playground's state and what it shows — parsing and clamping its inputs
 * (fields and the URL hash), the readout table, the sentence that describes the picture, and the
 * picture itself as scene data (the plane, the shadow of a on b, the angle, and in matrix mode the
 * grid moved by M). The page renders it at build time and the island redraws it after each change.
 */
import { type SceneNode, px } from './svg-scene';
import {
  type Mat2,
  type Maybe,
  type Vec2,
  IDENTITY,
  angleBetween,
  apply,
  cosine,
  cross,
  determinant,
  dot,
  gram,
  gridLines,
  isOrthogonal,
  isZero,
  norm,
  projection,
  residual,
  scale,
  shadowLength,
} from './vectors2d';

/** The island's id in the URL hash ("#vector-playground?a=3,1&b=2,2"). */
export const PLAYGROUND_ID = 'vector-playground';
/** Coordinates of a and b stay within ±COORD_LIMIT, so both tips stay on the drawn plane. */
export const COORD_LIMIT = 5;
/** Matrix entries stay within ±MATRIX_LIMIT. */
export const MATRIX_LIMIT = 3;
/** Steps for the arrow keys and for pointer snapping. */
export const STEP = 0.1;
export const BIG_STEP = 1;

/** The plane: a square viewBox, the origin in the middle, UNIT pixels per unit, grid to ±GRID. */
export const PLANE = { size: 400, unit: 34, grid: 5 } as const;
const C = PLANE.size / 2;

export interface PlaygroundState {
  a: Vec2;
  b: Vec2;
  /** The matrix M, used only when `matrix` is on. */
  m: Mat2;
  /** Matrix mode: M moves the grid and both vectors. */
  matrix: boolean;
}

export const DEFAULT_STATE: PlaygroundState = { a: [3, 1], b: [2, 2], m: IDENTITY, matrix: false };

export const VECTOR_FIELDS = ['ax', 'ay', 'bx', 'by'] as const;
export const MATRIX_FIELDS = ['m11', 'm12', 'm21', 'm22'] as const;
export type VectorField = (typeof VECTOR_FIELDS)[number];
export type MatrixField = (typeof MATRIX_FIELDS)[number];
export type Field = VectorField | MatrixField;

export const FIELD_LABELS: Record<Field, string> = {
  ax: 'a, x',
  ay: 'a, y',
  bx: 'b, x',
  by: 'b, y',
  m11: 'M row 1, column 1',
  m12: 'M row 1, column 2',
  m21: 'M row 2, column 1',
  m22: 'M row 2, column 2',
};

export const limitOf = (field: Field): number =>
  (VECTOR_FIELDS as readonly string[]).includes(field) ? COORD_LIMIT : MATRIX_LIMIT;

export interface Preset {
  id: string;
  label: string;
  m: Mat2;
}

/**
 * Matrix presets. The rotation uses the 3-4-5 triangle (cos = 0.8, sin = 0.6, about 36.87°) so its
 * entries are exact decimals and MᵀM = I holds exactly, not only to rounding.
 */
export const PRESETS: readonly Preset[] = [
  { id: 'identity', label: 'Identity', m: [1, 0, 0, 1] },
  { id: 'rotation', label: 'Rotation (36.87°)', m: [0.8, -0.6, 0.6, 0.8] },
  { id: 'reflection', label: 'Reflection', m: [1, 0, 0, -1] },
  { id: 'shear', label: 'Shear', m: [1, 1, 0, 1] },
  { id: 'scaling', label: 'Scaling', m: [2, 0, 0, 0.5] },
  { id: 'singular', label: 'Singular', m: [1, 2, 0.5, 1] },
];

// ---------------------------------------------------------------------------------------------
// Numbers in text

/** A number with `digits` decimals and a true minus sign; never "−0.00". */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return 'undefined';
  const text = n.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text.replace('-', '−');
}

export const fmtVec = (v: Vec2, digits = 2): string => `(${fmt(v[0], digits)}, ${fmt(v[1], digits)})`;

/** Degrees from radians. */
export const degrees = (radians: number): number => (radians * 180) / Math.PI;

/** A value for an <input type=number>: plain ASCII, at most 4 decimals, no trailing zeros. */
export const inputValue = (n: number): string => String(Math.round(n * 1e4) / 1e4);

/** Snap to the pointer grid of STEP (0.1), avoiding 0.30000000000000004. */
export const snap = (n: number): number => Math.round(n / STEP) / (1 / STEP);

// ---------------------------------------------------------------------------------------------
// Inputs

export interface FieldResult {
  /** The value to use, or null when the text is not a number (keep the previous value). */
  value: number | null;
  /** What to tell the reader beside the field; empty when the input was fine. */
  message: string;
}

/** Read one field: a number within ±limit; out of range it is clamped, and the message says so. */
export function parseField(field: Field, text: string, badInput = false): FieldResult {
  const limit = limitOf(field);
  const trimmed = text.trim();
  const n = trimmed === '' || badInput ? NaN : Number(trimmed);
  if (!Number.isFinite(n))
    return {
      value: null,
      message: `Enter a number from −${limit} to ${limit} for ${FIELD_LABELS[field]}; the last valid value is kept.`,
    };
  return clampField(field, n);
}

export function clampField(field: Field, n: number): FieldResult {
  const limit = limitOf(field);
  if (n > limit || n < -limit) {
    const value = Math.max(-limit, Math.min(limit, n));
    return {
      value,
      message: `${fmt(n)} is outside −${limit} to ${limit}: set to ${fmt(value)}.`,
    };
  }
  return { value: n, message: '' };
}

export const fieldValue = (s: PlaygroundState, field: Field): number => {
  switch (field) {
    case 'ax':
      return s.a[0];
    case 'ay':
      return s.a[1];
    case 'bx':
      return s.b[0];
    case 'by':
      return s.b[1];
    default:
      return s.m[MATRIX_FIELDS.indexOf(field)]!;
  }
};

export function withField(s: PlaygroundState, field: Field, value: number): PlaygroundState {
  switch (field) {
    case 'ax':
      return { ...s, a: [value, s.a[1]] };
    case 'ay':
      return { ...s, a: [s.a[0], value] };
    case 'bx':
      return { ...s, b: [value, s.b[1]] };
    case 'by':
      return { ...s, b: [s.b[0], value] };
    default: {
      const m = [...s.m] as [number, number, number, number];
      m[MATRIX_FIELDS.indexOf(field)] = value;
      return { ...s, m };
    }
  }
}

/**
 * Move the tip of a or b by (dx, dy), staying on the plane. `clamped` names the coordinates that
 * hit the edge, so the island can say why the arrow stopped.
 */
export function moveTip(
  s: PlaygroundState,
  which: 'a' | 'b',
  to: Vec2,
): { state: PlaygroundState; clamped: VectorField[] } {
  const clamped: VectorField[] = [];
  const fix = (n: number, field: VectorField) => {
    const r = clampField(field, snap(n));
    if (r.message) clamped.push(field);
    return r.value!;
  };
  const tip: Vec2 = [fix(to[0], `${which}x`), fix(to[1], `${which}y`)];
  return { state: which === 'a' ? { ...s, a: tip } : { ...s, b: tip }, clamped };
}

/** Scale a by `factor` if the result stays on the plane; otherwise say why not and keep a. */
export function scaleA(s: PlaygroundState, factor: number): { state: PlaygroundState; message: string } {
  const next = scale(factor, s.a);
  const rounded: Vec2 = [Math.round(next[0] * 1e4) / 1e4, Math.round(next[1] * 1e4) / 1e4];
  if (Math.max(Math.abs(rounded[0]), Math.abs(rounded[1])) > COORD_LIMIT)
    return {
      state: s,
      message: `${fmt(factor)} a = ${fmtVec(rounded)} would leave the plane (coordinates stay within ±${COORD_LIMIT}), so a is unchanged.`,
    };
  return { state: { ...s, a: rounded }, message: '' };
}

/** Starting state from the component's props ("3,1", "2,2", "1,0,0,1"); a bad prop fails the build. */
export function stateFromProps(props: {
  a?: string;
  b?: string;
  m?: string;
  matrix?: boolean;
}): PlaygroundState {
  const { state, messages } = stateFromParams(
    new URLSearchParams({
      a: props.a ?? '3,1',
      b: props.b ?? '2,2',
      m: props.m ?? '1,0,0,1',
      mode: props.matrix ? 'matrix' : 'plain',
    }),
    DEFAULT_STATE,
  );
  const problems = Object.values(messages).filter(Boolean);
  if (problems.length > 0) throw new Error(`VectorPlayground: bad props: ${problems.join(' ')}`);
  return state;
}

/**
 * The state a hash describes, starting from `base`: "a=3,1&b=2,2&m=1,0,0,1&mode=matrix". Every
 * problem becomes a message for the field it concerns, and the rest of the state still loads.
 */
export function stateFromParams(
  params: URLSearchParams,
  base: PlaygroundState,
): { state: PlaygroundState; messages: Partial<Record<Field, string>> } {
  let state = base;
  const messages: Partial<Record<Field, string>> = {};
  const read = (key: 'a' | 'b' | 'm', fields: readonly Field[]) => {
    const raw = params.get(key);
    if (raw === null) return;
    const parts = raw.split(',');
    const numbers = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== fields.length || !numbers.every(Number.isFinite)) {
      messages[fields[0]!] =
        `The link's ${key}=${raw.slice(0, 40)} is not ${fields.length} numbers separated by commas; the starting value is kept.`;
      return;
    }
    fields.forEach((field, i) => {
      const r = clampField(field, numbers[i]!);
      if (r.message) messages[field] = `From the link: ${r.message}`;
      state = withField(state, field, r.value!);
    });
  };
  read('a', ['ax', 'ay']);
  read('b', ['bx', 'by']);
  read('m', MATRIX_FIELDS);
  const mode = params.get('mode');
  if (mode === 'matrix' || mode === 'plain') state = { ...state, matrix: mode === 'matrix' };
  return { state, messages };
}

/** The hash parameters for a state (the inverse of stateFromParams). */
export function stateToParams(s: PlaygroundState): Record<string, string> {
  const list = (v: readonly number[]) => v.map(inputValue).join(',');
  return { a: list(s.a), b: list(s.b), m: list(s.m), mode: s.matrix ? 'matrix' : 'plain' };
}

// ---------------------------------------------------------------------------------------------
// What the numbers say

export interface PairReport {
  first: Vec2;
  second: Vec2;
  dot: number;
  lengths: [number, number];
  angle: Maybe<number>;
  cosine: Maybe<number>;
  shadow: Maybe<number>;
  projection: Maybe<Vec2>;
  residual: Maybe<Vec2>;
}

/** Tiny dot products from rounding (0.1 × 0.3 − 0.3 × 0.1) count as exactly zero. */
const ZERO_DOT = 1e-9;

export function pairReport(first: Vec2, second: Vec2, names: [string, string]): PairReport {
  const d = dot(first, second);
  return {
    first,
    second,
    dot: Math.abs(d) < ZERO_DOT ? 0 : d,
    lengths: [norm(first), norm(second)],
    angle: angleBetween(first, second, names),
    cosine: cosine(first, second, names),
    shadow: shadowLength(first, second, names),
    projection: projection(first, second, names),
    residual: residual(first, second, names),
  };
}

export interface ReadoutRow {
  key: string;
  label: string;
  /** For a and b. */
  plain: string;
  /** For Ma and Mb (matrix mode only). */
  mapped?: string;
}

export interface Readouts {
  rows: ReadoutRow[];
  plain: PairReport;
  mapped: PairReport | null;
  /** One or two sentences: the picture in words. */
  description: string;
  /** Why some cells say "undefined", and what lies off the drawn plane. */
  notes: string[];
  /** Matrix facts, when matrix mode is on. */
  matrix: { det: number; orthogonal: boolean; verdict: string } | null;
}

const show = <T>(m: Maybe<T>, f: (v: T) => string): string => (m.ok ? f(m.value) : 'undefined');

function rowsFor(r: PairReport): Omit<ReadoutRow, 'mapped'>[] {
  return [
    { key: 'first', label: 'First arrow', plain: fmtVec(r.first) },
    { key: 'second', label: 'Second arrow', plain: fmtVec(r.second) },
    { key: 'dot', label: 'Dot product', plain: fmt(r.dot) },
    { key: 'len-first', label: 'Length of the first', plain: fmt(r.lengths[0]) },
    { key: 'len-second', label: 'Length of the second', plain: fmt(r.lengths[1]) },
    { key: 'angle', label: 'Angle θ between them', plain: show(r.angle, (v) => `${fmt(degrees(v))}°`) },
    { key: 'cos', label: 'cos θ', plain: show(r.cosine, (v) => fmt(v, 3)) },
    {
      key: 'shadow',
      label: 'Shadow of the first on the second, |first| cos θ',
      plain: show(r.shadow, (v) => fmt(v)),
    },
    { key: 'proj', label: 'Projection onto the second', plain: show(r.projection, (v) => fmtVec(v)) },
    { key: 'residual', label: 'Residual, first − projection', plain: show(r.residual, (v) => fmtVec(v)) },
  ];
}

function sideOf(r: PairReport, names: [string, string]): string {
  const [p, q] = names;
  const angle = r.angle.ok ? `${fmt(degrees(r.angle.value))}°` : '';
  if (!r.angle.ok) return `${p} · ${q} = 0, because ${r.angle.reason.replace(/\.$/, '')}.`;
  const lengthy = `${p} · ${q} = ${fmt(r.dot)}`;
  if (r.dot === 0)
    return `${p} = ${fmtVec(r.first)} and ${q} = ${fmtVec(r.second)} are at right angles (${angle}), so ${lengthy}: ${p} casts no shadow on the line of ${q}.`;
  const shadow = r.shadow.ok ? fmt(Math.abs(r.shadow.value)) : '';
  if (r.dot > 0)
    return `${p} = ${fmtVec(r.first)} and ${q} = ${fmtVec(r.second)} are ${angle} apart, under 90°, so ${lengthy} is positive: the shadow of ${p} points along ${q} and is ${shadow} long.`;
  return `${p} = ${fmtVec(r.first)} and ${q} = ${fmtVec(r.second)} are ${angle} apart, over 90°, so ${lengthy} is negative: the shadow of ${p} points away from ${q} and is ${shadow} long.`;
}

/** Whether a point (in plane units) is inside the drawn square. */
const onPlane = (v: Vec2): boolean => {
  const edge = C / PLANE.unit;
  return Math.abs(v[0]) <= edge && Math.abs(v[1]) <= edge;
};

export function readouts(s: PlaygroundState): Readouts {
  const plain = pairReport(s.a, s.b, ['a', 'b']);
  const notes: string[] = [];
  const reasons = new Set<string>();
  const collect = (r: PairReport) => {
    for (const m of [r.angle, r.shadow]) if (!m.ok) reasons.add(m.reason);
  };
  collect(plain);
  let mapped: PairReport | null = null;
  let matrix: Readouts['matrix'] = null;
  let description = sideOf(plain, ['a', 'b']);
  if (s.matrix) {
    const ma = apply(s.m, s.a);
    const mb = apply(s.m, s.b);
    mapped = pairReport(ma, mb, ['Ma', 'Mb']);
    collect(mapped);
    const det = determinant(s.m);
    const orthogonal = isOrthogonal(s.m, 1e-9);
    const g = gram(s.m);
    const same = Math.abs(mapped.dot - plain.dot) < 1e-9;
    let verdict: string;
    if (orthogonal)
      verdict = `M is orthogonal (MᵀM = I): it keeps every length and angle, so (Ma) · (Mb) = a · b = ${fmt(plain.dot)}.`;
    else
      verdict =
        `M is not orthogonal: MᵀM = ((${fmt(g[0])}, ${fmt(g[1])}), (${fmt(g[2])}, ${fmt(g[3])})) is not the identity, so M changes lengths or angles` +
        (same
          ? `, although for these two arrows (Ma) · (Mb) happens to equal a · b = ${fmt(plain.dot)}.`
          : `, and (Ma) · (Mb) = ${fmt(mapped.dot)} differs from a · b = ${fmt(plain.dot)}.`);
    const area =
      Math.abs(det) < 1e-12
        ? 'det M = 0: M squashes the whole plane onto a line (or a point), so areas become 0.'
        : `det M = ${fmt(det)}: M multiplies areas by ${fmt(Math.abs(det))}${det < 0 ? ' and flips the plane over' : ''}.`;
    matrix = { det, orthogonal, verdict: `${verdict} ${area}` };
    description = `${description} M maps them to Ma = ${fmtVec(ma)} and Mb = ${fmtVec(mb)}. ${verdict}`;
    for (const [name, v] of [
      ['Ma', ma],
      ['Mb', mb],
    ] as const)
      if (!onPlane(v))
        notes.push(`${name} = ${fmtVec(v)} lies outside the drawn plane; the table has its values.`);
  }
  const rows: ReadoutRow[] = rowsFor(plain).map((row, i) =>
    mapped ? { ...row, mapped: rowsFor(mapped)[i]!.plain } : row,
  );
  return { rows, plain, mapped, description, notes: [...reasons, ...notes], matrix };
}

// ---------------------------------------------------------------------------------------------
// The picture

/** Plane units to viewBox pixels (y up in the plane, down on screen). */
export const toPx = (v: Vec2): [number, number] => [px(C + v[0] * PLANE.unit), px(C - v[1] * PLANE.unit)];

/** ViewBox pixels back to plane units. */
export const fromPx = (x: number, y: number): Vec2 => [(x - C) / PLANE.unit, (C - y) / PLANE.unit];

/** The fixed background: grid, axes and tick labels. */
export function planeBackground(): SceneNode[] {
  const nodes: SceneNode[] = [];
  const g = PLANE.grid;
  for (let k = -g; k <= g; k++) {
    if (k === 0) continue;
    const [x] = toPx([k, 0]);
    const [, y] = toPx([0, k]);
    const [lo, hi] = [toPx([-g, -g]), toPx([g, g])];
    nodes.push({ tag: 'line', attrs: { class: 'vp-grid', x1: x, x2: x, y1: lo[1], y2: hi[1] } });
    nodes.push({ tag: 'line', attrs: { class: 'vp-grid', x1: lo[0], x2: hi[0], y1: y, y2: y } });
  }
  const [l, t] = toPx([-g - 0.6, g + 0.6]);
  const [r, b] = toPx([g + 0.6, -g - 0.6]);
  nodes.push({ tag: 'line', attrs: { class: 'vp-axis', x1: l, x2: r, y1: C, y2: C } });
  nodes.push({ tag: 'line', attrs: { class: 'vp-axis', x1: C, x2: C, y1: t, y2: b } });
  for (const k of [-4, -2, 2, 4]) {
    const [x] = toPx([k, 0]);
    const [, y] = toPx([0, k]);
    nodes.push({
      tag: 'text',
      attrs: { class: 'vp-tick', x, y: C + 16, 'text-anchor': 'middle' },
      text: fmt(k, 0),
    });
    nodes.push({
      tag: 'text',
      attrs: { class: 'vp-tick', x: C - 6, y: y + 4, 'text-anchor': 'end' },
      text: fmt(k, 0),
    });
  }
  return nodes;
}

/** An arrow from the origin to `tip` (plane units); a dot when it is too short to draw. */
function arrow(tip: Vec2, cls: string): SceneNode[] {
  const [x0, y0] = toPx([0, 0]);
  const [x1, y1] = toPx(tip);
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 2) return [{ tag: 'circle', attrs: { class: `${cls} vp-dot`, cx: x0, cy: y0, r: 4 } }];
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const head = Math.min(12, len * 0.6);
  const w = head * 0.45;
  const bx = x1 - head * ux;
  const by = y1 - head * uy;
  return [
    { tag: 'line', attrs: { class: `${cls} vp-shaft`, x1: x0, y1: y0, x2: px(bx), y2: px(by) } },
    {
      tag: 'polygon',
      attrs: {
        class: `${cls} vp-head`,
        points: [
          [x1, y1],
          [bx - w * uy, by + w * ux],
          [bx + w * uy, by - w * ux],
        ]
          .map(([x, y]) => `${px(x!)},${px(y!)}`)
          .join(' '),
      },
    },
  ];
}

/** A label just beyond the tip of an arrow (or beside the origin for a zero vector). */
function tipLabel(tip: Vec2, text: string, cls: string): SceneNode {
  const [x, y] = toPx(tip);
  const len = Math.hypot(tip[0], tip[1]);
  const [dx, dy] = len < 1e-9 ? [12, -12] : [(tip[0] / len) * 16, (-tip[1] / len) * 16];
  return {
    tag: 'text',
    attrs: { class: `vp-label ${cls}`, x: px(x + dx), y: px(y + dy + 5), 'text-anchor': 'middle' },
    text,
  };
}

/** The shadow of `first` on the line of `second`, with the drop line, right angle and angle arc. */
function shadowNodes(r: PairReport): SceneNode[] {
  const nodes: SceneNode[] = [];
  if (isZero(r.second)) return nodes;
  const unit = scale(1 / r.lengths[1], r.second);
  const reach = PLANE.grid * 2;
  const [lx1, ly1] = toPx(scale(-reach, unit));
  const [lx2, ly2] = toPx(scale(reach, unit));
  nodes.push({ tag: 'line', attrs: { class: 'vp-bline', x1: lx1, y1: ly1, x2: lx2, y2: ly2 } });
  if (!r.projection.ok || !r.residual.ok) return nodes;
  const foot = r.projection.value;
  const o = toPx([0, 0]);
  const [fx, fy] = toPx(foot);
  const [tx, ty] = toPx(r.first);
  nodes.push({ tag: 'line', attrs: { class: 'vp-shadow', x1: o[0], y1: o[1], x2: fx, y2: fy } });
  const dropPx = norm(r.residual.value) * PLANE.unit;
  if (dropPx > 1) nodes.push({ tag: 'line', attrs: { class: 'vp-drop', x1: tx, y1: ty, x2: fx, y2: fy } });
  const footPx = norm(foot) * PLANE.unit;
  if (dropPx > 10 && footPx > 10) {
    const s = 9 / PLANE.unit;
    const toOrigin = scale(-s / norm(foot), foot);
    const up = scale(s / norm(r.residual.value), r.residual.value);
    const p1 = toPx([foot[0] + toOrigin[0], foot[1] + toOrigin[1]]);
    const p2 = toPx([foot[0] + toOrigin[0] + up[0], foot[1] + toOrigin[1] + up[1]]);
    const p3 = toPx([foot[0] + up[0], foot[1] + up[1]]);
    nodes.push({
      tag: 'path',
      attrs: { class: 'vp-right', d: `M ${p1.join(' ')} L ${p2.join(' ')} L ${p3.join(' ')}` },
    });
  }
  return nodes;
}

function angleNodes(r: PairReport): SceneNode[] {
  if (!r.angle.ok || r.angle.value < 1e-6) return [];
  // Signed angle from the second arrow to the first, counter-clockwise positive (plane y up).
  const signed = Math.atan2(cross(r.second, r.first), dot(r.second, r.first));
  const start = Math.atan2(r.second[1], r.second[0]);
  const radius = Math.max(10, Math.min(26, 0.45 * Math.min(r.lengths[0], r.lengths[1]) * PLANE.unit));
  const at = (angle: number, rad: number): [number, number] => [
    px(C + rad * Math.cos(angle)),
    px(C - rad * Math.sin(angle)),
  ];
  const p0 = at(start, radius);
  const p1 = at(start + signed, radius);
  // Counter-clockwise in the plane is counter-clockwise on screen too (both axes flip together
  // with y), which is SVG's sweep-flag 0.
  const sweep = signed > 0 ? 0 : 1;
  const label = at(start + signed / 2, radius + 11);
  return [
    {
      tag: 'path',
      attrs: { class: 'vp-arc', d: `M ${p0.join(' ')} A ${radius} ${radius} 0 0 ${sweep} ${p1.join(' ')}` },
    },
    {
      tag: 'text',
      attrs: { class: 'vp-theta', x: label[0], y: px(label[1] + 4), 'text-anchor': 'middle' },
      text: 'θ',
    },
  ];
}

/** Everything drawn above the background for this state. */
export function planeScene(s: PlaygroundState): SceneNode[] {
  const nodes: SceneNode[] = [];
  if (!s.matrix) {
    const r = pairReport(s.a, s.b, ['a', 'b']);
    nodes.push(...shadowNodes(r), ...angleNodes(r));
    nodes.push(...arrow(s.b, 'vp-b'), ...arrow(s.a, 'vp-a'));
    nodes.push(tipLabel(s.b, 'b', 'vp-b'), tipLabel(s.a, 'a', 'vp-a'));
    return nodes;
  }
  // Matrix mode: the image of the unit square (its area is |det M|), the moved grid, a and b as
  // ghosts, and Ma, Mb with their shadow.
  const e1 = apply(s.m, [1, 0]);
  const e2 = apply(s.m, [0, 1]);
  const cell = [[0, 0] as Vec2, e1, [e1[0] + e2[0], e1[1] + e2[1]] as Vec2, e2].map(toPx);
  nodes.push({ tag: 'polygon', attrs: { class: 'vp-cell', points: cell.map((p) => p.join(',')).join(' ') } });
  for (const line of gridLines(s.m, PLANE.grid * 2)) {
    const [x1, y1] = toPx(line.from);
    const [x2, y2] = toPx(line.to);
    if (x1 === x2 && y1 === y2) continue;
    nodes.push({ tag: 'line', attrs: { class: line.k === 0 ? 'vp-maxis' : 'vp-mgrid', x1, y1, x2, y2 } });
  }
  const ma = apply(s.m, s.a);
  const mb = apply(s.m, s.b);
  nodes.push(...arrow(s.b, 'vp-ghost'), ...arrow(s.a, 'vp-ghost'));
  nodes.push(tipLabel(s.b, 'b', 'vp-ghost-label'), tipLabel(s.a, 'a', 'vp-ghost-label'));
  const r = pairReport(ma, mb, ['Ma', 'Mb']);
  nodes.push(...shadowNodes(r), ...angleNodes(r));
  nodes.push(...arrow(mb, 'vp-b'), ...arrow(ma, 'vp-a'));
  nodes.push(tipLabel(mb, 'Mb', 'vp-b'), tipLabel(ma, 'Ma', 'vp-a'));
  return nodes;
}

/** Where the draggable handle of a or b sits, in viewBox pixels. */
export const handleAt = (s: PlaygroundState, which: 'a' | 'b'): [number, number] => toPx(s[which]);

/** The handle's accessible name, with where it is and how to move it. */
export const handleLabel = (s: PlaygroundState, which: 'a' | 'b'): string =>
  `Tip of ${which} at ${fmtVec(s[which], 1)}. Arrow keys move it by ${STEP}, Shift with an arrow key by ${BIG_STEP}.`;
