/**
 * Isomorphic: what an entry of the function explorer's registry holds — its TeX, parameters (name,
 * range, step, default), domain, the function itself and, where known, its derivative; a
 * composition also names its two stages and their local rates — and the small helpers every family
 * shares (parameter lookup, defaults, the finite-difference step, σ and softplus). The entries live
 * in one module per family beside this one; the explorer looks a function up by id and never
 * evaluates text as code: a reader can only pick an id and move numbers.
 */

export interface ParamSpec {
  /** Key in the URL hash and in Params. */
  name: string;
  /** Label for the slider, in words with the symbol. */
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
}

export type Params = Readonly<Record<string, number>>;

/** A point where f has no derivative: a corner (two one-sided slopes) or a jump. */
export interface Break {
  x: number;
  kind: 'corner' | 'jump';
}

/** y = outer(inner(x)): the two stages of a composition, each with its local rate. */
export interface ChainStages {
  /** TeX of the inner stage, e.g. "u = k x^2". */
  innerTex: string;
  /** TeX of the outer stage, e.g. "y = \\sin u". */
  outerTex: string;
  /** TeX of each local rate, e.g. "g'(x) = 2 k x" and "f'(u) = \\cos u". */
  innerRateTex: string;
  outerRateTex: string;
  /** The same in plain text, for the readout table. */
  innerText: string;
  outerText: string;
  inner: (x: number, p: Params) => number;
  innerRate: (x: number, p: Params) => number;
  outer: (u: number, p: Params) => number;
  outerRate: (u: number, p: Params) => number;
}

export interface FunctionSpec {
  id: string;
  /** Short name for the picker. */
  label: string;
  /** TeX of the function, e.g. "y = \\sin(k x^2)". */
  tex: string;
  /** TeX of its derivative, when the registry knows it. */
  derivativeTex?: string;
  /** The input's symbol in plain text ("x", "T", "t", "N") and the axis titles. */
  xSymbol: string;
  xLabel: string;
  yLabel: string;
  params: readonly ParamSpec[];
  /** The plotted interval of x; a log axis needs it positive. */
  domain: readonly [number, number];
  xScale: 'linear' | 'log';
  /** Step of the point's slider: in x for a linear axis, in log10 x for a log axis. */
  xStep: number;
  /** Where the movable point starts. */
  x0: number;
  /** A fixed y range, so the axes hold still while parameters move; omitted: fitted to the curve. */
  yDomain?: (p: Params) => readonly [number, number];
  f: (x: number, p: Params) => number;
  /** The analytic derivative df/dx, where known. */
  df?: (x: number, p: Params) => number;
  chain?: ChainStages;
  breaks?: (p: Params) => Break[];
  /** The x range the formula was fitted on; outside it the curve is extrapolation. */
  fitRange?: readonly [number, number];
  /** One sentence on where the function or its constants come from. */
  note?: string;
}

export const param = (p: Params, name: string): number => p[name] ?? NaN;

/** The logistic sigmoid, written so that neither branch overflows. */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/** log(1 + eᵘ), the antiderivative of σ, written so that it neither overflows nor loses small values. */
export function softplus(u: number): number {
  return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
}

export const defaultParams = (spec: FunctionSpec): Params =>
  Object.fromEntries(spec.params.map((p) => [p.name, p.default]));

/**
 * The finite-difference step: 10⁻⁵ as in the chain-rule witness, growing in proportion to |x|
 * beyond |x| = 10 so that x ± h still differ from x in floating point (N = 10⁸, t = 10⁵).
 */
export const FD_STEP = 1e-5;
export const fdStep = (x: number): number => FD_STEP * Math.max(1, Math.abs(x) / 10);

/** (f(x + h) − f(x − h)) / 2h: knows nothing of the chain rule, so it checks the formula. */
export function centralDifference(f: (x: number) => number, x: number, h = fdStep(x)): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
