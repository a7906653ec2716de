/**
 * Isomorphic: what the function explorer shows for one function of the registry — its parameters
 * read and clamped (from sliders or the URL hash), the plot geometry (scale.ts: axes,
 * the curve with gaps where values are not finite, the movable point and its tangent), the
 * readouts at the point (formula against a finite difference; for a composition, each stage's
 * local rate), and a table of sampled values as the plot's text equivalent.
 */
import { linearScale, linePath, logScale, type PositionScale } from './scale';
// The spec module only, not the registry: the island imports this module and loads its functions'
// family on demand (functions/load.ts), so nothing here may pull in every family.
import { type FunctionSpec, type Params, centralDifference, defaultParams, fdStep } from './functions/spec';
import { type SceneNode, px } from './svg-scene';

/** The island's id in the URL hash ("#function-explorer?fn=sin-x-squared&x=1.3&k=1"). */
export const EXPLORER_ID = 'function-explorer';
/** Samples along the curve. */
export const SAMPLES = 241;
/** Rows of the table of sampled values. */
export const TABLE_ROWS = 13;

// ---------------------------------------------------------------------------------------------
// Numbers in text

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10 to an integer power as text: "10¹³", "10⁻⁵". */
export const powerOfTen = (e: number): string =>
  `10${String(e)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;

/**
 * A number in `digits` significant figures with a true minus sign: plain between 0.001 and a
 * million, otherwise "3.333 × 10⁻⁴". Trailing zeros go ("1", not "1.000").
 */
export function fmtNum(n: number, digits = 4): string {
  if (Number.isNaN(n)) return 'not a number';
  if (!Number.isFinite(n)) return n > 0 ? 'infinite' : '−infinite';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  let text: string;
  if (abs >= 1e-3 && abs < 1e6) {
    text = trim(n.toPrecision(digits));
    if (text.includes('e')) text = trim(Number(text).toString());
  } else {
    const [mantissa, exponent] = n.toExponential(digits - 1).split('e');
    text = `${trim(mantissa!)} × ${powerOfTen(Number(exponent))}`;
  }
  if (Number(text.split(' ')[0]) === 0) return '0';
  return text.replace('-', '−');
}

// ---------------------------------------------------------------------------------------------
// Inputs

export interface ExplorerState {
  spec: FunctionSpec;
  params: Params;
  x: number;
}

/** Clamp x into the domain. */
export const clampX = (spec: FunctionSpec, x: number): number =>
  Math.min(spec.domain[1], Math.max(spec.domain[0], x));

/** Snap a parameter to its slider's grid, counted from its minimum (no 0.30000000000000004). */
export function snapTo(value: number, min: number, step: number): number {
  const n = Math.round((value - min) / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number((min + n * step).toFixed(Math.min(12, decimals + 2)));
}

/** Read a value for parameter or x; null with a message when it is not a number. */
export function readNumber(
  text: string,
  range: readonly [number, number],
  what: string,
): { value: number | null; message: string } {
  const trimmed = text.trim();
  const n = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(n))
    return {
      value: null,
      message: `Enter a number from ${fmtNum(range[0])} to ${fmtNum(range[1])} for ${what}; the last valid value is kept.`,
    };
  if (n < range[0] || n > range[1]) {
    const value = Math.min(range[1], Math.max(range[0], n));
    return {
      value,
      message: `${fmtNum(n)} is outside ${fmtNum(range[0])} to ${fmtNum(range[1])}: set to ${fmtNum(value)}.`,
    };
  }
  return { value: n, message: '' };
}

/**
 * The explorer's state from the functions a page configured (the first shown first; at least one),
 * a starting x and the hash parameters. Only those functions can be picked by the hash.
 */
export function stateFromParams(
  allowed: readonly FunctionSpec[],
  params: URLSearchParams,
  startX?: number,
): { state: ExplorerState; messages: Record<string, string> } {
  if (allowed.length === 0) throw new Error('stateFromParams: give at least one function');
  const messages: Record<string, string> = {};
  const wanted = params.get('fn');
  let spec = allowed[0]!;
  if (wanted !== null) {
    const found = allowed.find((s) => s.id === wanted);
    if (found) spec = found;
    else
      messages.fn = `The link asks for a function this explorer does not offer (“${wanted.slice(0, 40)}”); showing ${spec.label}.`;
  }
  const values: Record<string, number> = { ...defaultParams(spec) };
  for (const p of spec.params) {
    const raw = params.get(p.name);
    if (raw === null) continue;
    const r = readNumber(raw, [p.min, p.max], p.label);
    if (r.value !== null) values[p.name] = r.value;
    if (r.message) messages[p.name] = `From the link: ${r.message}`;
  }
  let x = startX !== undefined && Number.isFinite(startX) ? clampX(spec, startX) : spec.x0;
  const rawX = params.get('x');
  if (rawX !== null) {
    const r = readNumber(rawX, spec.domain, spec.xSymbol);
    if (r.value !== null) x = r.value;
    if (r.message) messages.x = `From the link: ${r.message}`;
  }
  return { state: { spec, params: values, x }, messages };
}

export function stateToParams(s: ExplorerState): Record<string, string> {
  const out: Record<string, string> = { fn: s.spec.id, x: String(Number(s.x.toPrecision(8))) };
  for (const p of s.spec.params) out[p.name] = String(s.params[p.name]);
  return out;
}

/** For a log axis the point's slider moves log10 x; these convert both ways. */
export const sliderValue = (spec: FunctionSpec, x: number): number =>
  spec.xScale === 'log' ? Math.log10(x) : x;
export const fromSlider = (spec: FunctionSpec, v: number): number => (spec.xScale === 'log' ? 10 ** v : v);
export const sliderRange = (spec: FunctionSpec): [number, number] =>
  spec.xScale === 'log' ? [Math.log10(spec.domain[0]), Math.log10(spec.domain[1])] : [...spec.domain];

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Evaluate without letting an exception or a non-number escape: anything else is NaN. */
function safe(f: () => number): number {
  try {
    const v = f();
    return typeof v === 'number' ? v : NaN;
  } catch {
    return NaN;
  }
}

/** Evenly spaced x over the domain (geometrically spaced on a log axis). */
export function sampleXs(spec: FunctionSpec, n: number): number[] {
  const [a, b] = spec.domain;
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    if (spec.xScale === 'log') return 10 ** (Math.log10(a) + t * (Math.log10(b) - Math.log10(a)));
    return a + t * (b - a);
  });
}

/** The slope at x: the registry's formula where it has one, else a central difference. */
export const slopeAt = (spec: FunctionSpec, params: Params, x: number): number =>
  spec.df ? safe(() => spec.df!(x, params)) : centralDifference((t) => safe(() => spec.f(t, params)), x);

export interface SampleRow {
  x: number;
  y: number;
  slope: number;
}

/** The table of sampled values: x, f(x) and the slope, for TABLE_ROWS points across the domain. */
export function sampleTable(spec: FunctionSpec, params: Params, rows = TABLE_ROWS): SampleRow[] {
  return sampleXs(spec, rows).map((x) => ({
    x,
    y: safe(() => spec.f(x, params)),
    slope: slopeAt(spec, params, x),
  }));
}

// ---------------------------------------------------------------------------------------------
// Plot geometry

export interface PlotSize {
  width: number;
  height: number;
}

export const DEFAULT_PLOT: PlotSize = { width: 640, height: 360 };

/** A viewBox for the plot drawn `width` CSS pixels wide, so labels keep a readable size. */
export function plotSizeFor(width: number): PlotSize {
  const w = Math.round(Math.min(760, Math.max(300, width || DEFAULT_PLOT.width)));
  return { width: w, height: Math.round(Math.min(380, Math.max(250, w * 0.6))) };
}

export interface PlotModel extends PlotSize {
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  curve: string;
  /** How many samples were not finite and are left out of the curve. */
  omitted: number;
  /** The point and its tangent, in pixels; null when f is not finite there. */
  point: { x: number; y: number } | null;
  tangent: { x1: number; y1: number; x2: number; y2: number } | null;
  /** Breaks in view, as pixel x. */
  breaks: number[];
  /** The fitted range, as a pixel band. */
  band: { x1: number; x2: number } | null;
  /** Pixel x to the function's x. */
  invert: (px: number) => number;
}

function niceYDomain(ys: number[]): [number, number] {
  const finite = ys.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.06;
  lo -= pad;
  hi += pad;
  // A curve that stays positive keeps 0 in view when it comes close.
  if (lo > 0 && lo < (hi - lo) * 0.5) lo = 0;
  return [lo, hi];
}

export function plotModel(s: ExplorerState, size: PlotSize = DEFAULT_PLOT): PlotModel {
  const { spec, params } = s;
  const margin = { left: 58, right: 16, top: 28, bottom: 44 };
  const left = margin.left;
  const right = size.width - margin.right;
  const top = margin.top;
  const bottom = size.height - margin.bottom;
  const xs = sampleXs(spec, SAMPLES);
  const ys = xs.map((x) => safe(() => spec.f(x, params)));
  const omitted = ys.filter((y) => !Number.isFinite(y)).length;
  const yDomain = spec.yDomain ? spec.yDomain(params) : niceYDomain(ys);

  const x = (spec.xScale === 'log' ? logScale : linearScale)(spec.domain, [left, right]);
  const y = linearScale(yDomain, [bottom, top]);

  const xTicks =
    spec.xScale === 'log'
      ? logTicks(spec.domain, right - left).map((t) => ({
          x: px(x(t)),
          label: powerOfTen(Math.round(Math.log10(t))),
        }))
      : linearTicks(x, Math.max(3, Math.floor((right - left) / 90)));
  const yTicks = y
    .ticks(Math.max(3, Math.floor((bottom - top) / 50)))
    .map((t) => ({ y: px(y(t)), label: fmtNum(t, 3) }));

  // Breaks at jumps split the curve, so a step function is not drawn with vertical risers.
  const breaks = (spec.breaks?.(params) ?? []).filter((b) => b.x > spec.domain[0] && b.x < spec.domain[1]);
  const jumps = breaks.filter((b) => b.kind === 'jump').map((b) => b.x);
  const points: [number, number, boolean][] = [];
  const addPoint = (xv: number) => {
    const yv = safe(() => spec.f(xv, params));
    points.push([x(xv), y(yv), Number.isFinite(yv)]);
  };
  let j = 0;
  for (const xv of xs) {
    while (j < jumps.length && jumps[j]! <= xv) {
      // End the piece just before the jump, leave a gap, start again at the jump.
      const at = jumps[j]!;
      addPoint(at - (spec.domain[1] - spec.domain[0]) * 1e-9);
      points.push([x(at), NaN, false]);
      addPoint(at);
      j++;
    }
    addPoint(xv);
  }
  const curve = linePath(points, 1, (i) => points[i]![2]);

  const fx = safe(() => spec.f(s.x, params));
  const point = Number.isFinite(fx) ? { x: px(x(s.x)), y: px(y(fx)) } : null;
  let tangent: PlotModel['tangent'] = null;
  const slope = slopeAt(spec, params, s.x);
  const atBreak = breaks.some((b) => Math.abs(b.x - s.x) <= fdStep(s.x));
  if (point && spec.xScale === 'linear' && Number.isFinite(slope) && !atBreak) {
    const [a, b] = spec.domain;
    tangent = {
      x1: px(x(a)),
      y1: px(y(fx + slope * (a - s.x))),
      x2: px(x(b)),
      y2: px(y(fx + slope * (b - s.x))),
    };
  }
  const band = spec.fitRange
    ? {
        x1: px(x(Math.max(spec.domain[0], spec.fitRange[0]))),
        x2: px(x(Math.min(spec.domain[1], spec.fitRange[1]))),
      }
    : null;
  return {
    ...size,
    left,
    right,
    top,
    bottom,
    xTicks,
    yTicks,
    curve,
    omitted,
    point,
    tangent,
    breaks: breaks.map((b) => px(x(b.x))),
    band,
    invert: (p: number) => x.invert(p),
  };
}

function linearTicks(x: PositionScale, count: number) {
  const [a, b] = x.domain();
  const big = Math.max(Math.abs(a), Math.abs(b)) >= 10_000;
  return x.ticks(count).map((t) => ({
    x: px(x(t)),
    label: big ? `${fmtNum(t / 1000, 3)}k` : fmtNum(t, 3),
  }));
}

/** Powers of ten across a log domain, thinned so labels do not collide. */
function logTicks(domain: readonly [number, number], widthPx: number): number[] {
  const lo = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const hi = Math.floor(Math.log10(domain[1]) + 1e-9);
  const all = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const every = Math.max(1, Math.ceil((all.length * 44) / widthPx));
  return all.filter((e) => (e - lo) % every === 0).map((e) => 10 ** e);
}

/** The plot as scene nodes: band, grid, axes, curve, tangent and point. */
export function plotScene(m: PlotModel, spec: FunctionSpec, clipId: string): SceneNode[] {
  const nodes: SceneNode[] = [];
  if (m.band)
    nodes.push({
      tag: 'rect',
      attrs: {
        class: 'fx-band',
        x: m.band.x1,
        y: m.top,
        width: Math.max(0, px(m.band.x2 - m.band.x1)),
        height: m.bottom - m.top,
      },
    });
  for (const t of m.yTicks) {
    nodes.push({ tag: 'line', attrs: { class: 'fx-grid', x1: m.left, x2: m.right, y1: t.y, y2: t.y } });
    nodes.push({
      tag: 'text',
      attrs: { class: 'fx-tick', x: m.left - 6, y: t.y + 4, 'text-anchor': 'end' },
      text: t.label,
    });
  }
  for (const t of m.xTicks) {
    nodes.push({
      tag: 'line',
      attrs: { class: 'fx-axis', x1: t.x, x2: t.x, y1: m.bottom, y2: m.bottom + 5 },
    });
    nodes.push({
      tag: 'text',
      attrs: { class: 'fx-tick', x: t.x, y: m.bottom + 18, 'text-anchor': 'middle' },
      text: t.label,
    });
  }
  nodes.push({
    tag: 'line',
    attrs: { class: 'fx-axis', x1: m.left, x2: m.right, y1: m.bottom, y2: m.bottom },
  });
  nodes.push({ tag: 'line', attrs: { class: 'fx-axis', x1: m.left, x2: m.left, y1: m.top, y2: m.bottom } });
  nodes.push({
    tag: 'text',
    attrs: { class: 'fx-title', x: (m.left + m.right) / 2, y: m.height - 6, 'text-anchor': 'middle' },
    text: spec.xLabel,
  });
  nodes.push({ tag: 'text', attrs: { class: 'fx-title', x: 6, y: 16 }, text: `↑ ${spec.yLabel}` });
  for (const b of m.breaks)
    nodes.push({ tag: 'line', attrs: { class: 'fx-break', x1: b, x2: b, y1: m.top, y2: m.bottom } });
  nodes.push({ tag: 'path', attrs: { class: 'fx-curve', d: m.curve, 'clip-path': `url(#${clipId})` } });
  if (m.tangent)
    nodes.push({ tag: 'line', attrs: { class: 'fx-tangent', ...m.tangent, 'clip-path': `url(#${clipId})` } });
  if (m.point) {
    nodes.push({
      tag: 'line',
      attrs: { class: 'fx-guide', x1: m.point.x, x2: m.point.x, y1: m.point.y, y2: m.bottom },
    });
    nodes.push({ tag: 'circle', attrs: { class: 'fx-point', cx: m.point.x, cy: m.point.y, r: 5.5 } });
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// Readouts at the point

export interface ReadoutRow {
  key: string;
  label: string;
  value: string;
}

export interface PointReport {
  rows: ReadoutRow[];
  /** For a composition: one row per stage. */
  stages: { stage: string; flow: string; rate: string }[];
  /** The point in words, for the live region. */
  sentence: string;
  /** Problems to show beside the plot (non-finite values, extrapolation, breaks). */
  notes: string[];
}

export function pointReport(s: ExplorerState, omitted = 0): PointReport {
  const { spec, params, x } = s;
  const X = spec.xSymbol;
  const f = (t: number) => safe(() => spec.f(t, params));
  const fx = f(x);
  const h = fdStep(x);
  const fd = centralDifference(f, x, h);
  const formula = spec.df ? safe(() => spec.df!(x, params)) : NaN;
  const rows: ReadoutRow[] = [
    { key: 'x', label: X, value: fmtNum(x) },
    { key: 'y', label: `f(${X})`, value: fmtNum(fx) },
  ];
  const notes: string[] = [];
  const stages: PointReport['stages'] = [];
  const breaks = spec.breaks?.(params) ?? [];
  const near = breaks.find((b) => Math.abs(b.x - x) <= h);
  let sentence: string;

  if (omitted > 0)
    notes.push(
      `${omitted} of ${SAMPLES} sampled points are not finite (the function overflows or is undefined there) and are left out of the curve.`,
    );
  if (!Number.isFinite(fx))
    notes.push(`f is not finite at ${X} = ${fmtNum(x)}, so no point or tangent is drawn there.`);
  if (spec.fitRange && (x < spec.fitRange[0] || x > spec.fitRange[1]))
    notes.push(
      `${X} = ${fmtNum(x)} is outside the fitted range (${fmtNum(spec.fitRange[0])} to ${fmtNum(spec.fitRange[1])}): this value is an extrapolation of the formula, not a measurement.`,
    );

  if (near) {
    // The registry's formulas take the right-hand branch at a break (t ≥ W, e ≥ 60), so the
    // formula at the break is the right-hand slope; the left-hand one is read just before it.
    const left = safe(() => (spec.df ? spec.df(near.x - h * 10, params) : NaN));
    const right = safe(() => (spec.df ? spec.df(near.x, params) : NaN));
    if (near.kind === 'corner') {
      rows.push({
        key: 'slope',
        label: 'Slope from the formula',
        value: `none: ${fmtNum(left)} from the left, ${fmtNum(right)} from the right`,
      });
      sentence = `At ${X} = ${fmtNum(x)} the curve has a corner: the slope is ${fmtNum(left)} just before and ${fmtNum(right)} just after, so there is no single derivative; the finite difference ${fmtNum(fd)} averages the two sides.`;
    } else {
      const before = f(near.x - h * 10);
      const after = f(near.x);
      rows.push({
        key: 'slope',
        label: 'Slope from the formula',
        value: `none: f jumps from ${fmtNum(before)} to ${fmtNum(after)}`,
      });
      sentence = `At ${X} = ${fmtNum(x)} the function jumps from ${fmtNum(before)} to ${fmtNum(after)}: there is no derivative, and the finite difference ${fmtNum(fd)} only measures the size of the jump over a tiny step.`;
    }
    rows.push({ key: 'fd', label: `Finite difference (h = ${fmtNum(h)})`, value: fmtNum(fd) });
    notes.push(sentence);
    return { rows, stages, sentence, notes };
  }

  if (spec.chain) {
    const c = spec.chain;
    const u = safe(() => c.inner(x, params));
    const gRate = safe(() => c.innerRate(x, params));
    const fRate = safe(() => c.outerRate(u, params));
    const product = fRate * gRate;
    const slip = safe(() => c.outerRate(x, params)) * gRate;
    stages.push(
      {
        stage: c.innerText,
        flow: `${X} = ${fmtNum(x)} → u = ${fmtNum(u)}`,
        rate: `g′(${X}) = ${fmtNum(gRate)}`,
      },
      { stage: c.outerText, flow: `u = ${fmtNum(u)} → y = ${fmtNum(fx)}`, rate: `f′(u) = ${fmtNum(fRate)}` },
    );
    rows.push(
      { key: 'u', label: 'u = g(x)', value: fmtNum(u) },
      { key: 'inner-rate', label: 'Inner rate g′(x)', value: fmtNum(gRate) },
      { key: 'outer-rate', label: 'Outer rate f′(u), read at u', value: fmtNum(fRate) },
      { key: 'product', label: 'Chain rule f′(u) · g′(x)', value: fmtNum(product) },
      { key: 'fd', label: `Finite difference (h = ${fmtNum(h)})`, value: fmtNum(fd) },
      { key: 'gap', label: 'Chain rule − finite difference', value: fmtNum(product - fd, 2) },
      { key: 'slip', label: 'Slip: outer rate read at x, f′(x) · g′(x)', value: fmtNum(slip) },
    );
    sentence = `At x = ${fmtNum(x)}: u = ${fmtNum(u)}, the inner rate is ${fmtNum(gRate)} and the outer rate at u is ${fmtNum(fRate)}, so the chain rule gives ${fmtNum(product)}; the finite difference gives ${fmtNum(fd)}.`;
    if (Math.abs(gRate) < 1e-12)
      sentence += ' The inner rate is 0 here, so the product is 0 whatever the outer rate: a jammed gear.';
    else if (Math.abs(fRate) < 1e-12)
      sentence += ' The outer rate is 0 here, so the product is 0 whatever the inner rate.';
    else if (Math.abs(fRate) < 0.01)
      sentence += ` The outer stage is nearly flat at u = ${fmtNum(u)} (rate ${fmtNum(fRate)}), so it passes almost nothing downstream: it is saturated.`;
    return { rows, stages, sentence, notes };
  }

  if (spec.df) {
    rows.push(
      { key: 'slope', label: 'Slope from the formula', value: fmtNum(formula) },
      { key: 'fd', label: `Finite difference (h = ${fmtNum(h)})`, value: fmtNum(fd) },
    );
  } else rows.push({ key: 'fd', label: `Slope by finite difference (h = ${fmtNum(h)})`, value: fmtNum(fd) });
  const slope = spec.df ? formula : fd;
  sentence = `At ${X} = ${fmtNum(x)}, f = ${fmtNum(fx)} and the slope is ${fmtNum(slope)}`;
  if (spec.xScale === 'log' && Number.isFinite(fx) && fx !== 0) {
    const elasticity = (x * slope) / fx;
    rows.push({ key: 'loglog', label: `Log-log slope d ln f / d ln ${X}`, value: fmtNum(elasticity) });
    sentence += `; on log axes the slope is ${fmtNum(elasticity)}: multiplying ${X} by 10 multiplies f by ${fmtNum(10 ** elasticity)}`;
  }
  sentence += '.';
  return { rows, stages, sentence, notes };
}
