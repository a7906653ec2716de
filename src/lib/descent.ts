/**
 * Isomorphic: gradient descent, heavy-ball momentum and Adam on a few named 2-D loss surfaces —
 * the surfaces, one step of each optimizer, whole runs with divergence detection, the exact stable
 * learning-rate limits on the quadratic bowl, and the descent lab's state (parsing it from a query
 * string with clamping and a message per field, writing it back). Plain numbers in, plain data out.
 *
 * Every surface has its minimum loss at 0, so "loss within LOSS_TOLERANCE of the minimum" is simply
 * "loss ≤ LOSS_TOLERANCE".
 */

/** A point or vector of the plane, [x, y]. */
export type Vec = readonly [number, number];

export const SURFACE_IDS = ['bowl', 'rosenbrock', 'saddle'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];
export const OPTIMIZER_IDS = ['gd', 'momentum', 'adam'] as const;
export type OptimizerId = (typeof OPTIMIZER_IDS)[number];

export const OPTIMIZER_LABELS: Record<OptimizerId, string> = {
  gd: 'Gradient descent',
  momentum: 'Momentum',
  adam: 'Adam',
};

/** The plotted rectangle of the plane. */
export interface View {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface Surface {
  id: SurfaceId;
  label: string;
  /** The formula in plain text, for captions. */
  formula: string;
  /** One sentence for the reader: what this surface tests. */
  note: string;
  f: (x: number, y: number) => number;
  grad: (x: number, y: number) => Vec;
  view: View;
  /** Where the loss is 0. */
  minima: Vec[];
  /** Loss values drawn as contours, increasing. */
  levels: number[];
  /** Marching-squares grid cells per side (finer where the valleys are narrow). */
  grid: number;
  /** The lab's starting configuration on this surface. */
  defaults: Omit<Settings, 'surface'>;
  /** Largest eigenvalue of the Hessian, everywhere: set only for the quadratic bowl, where it is exact. */
  lambdaMax?: number;
  /** The Hessian [[a, b], [b, c]] at the minimum, as [a, b, c]: the curvature an optimizer settles into. */
  hessianAtMinimum: readonly [number, number, number];
}

/** The bowl f = (a x² + b y²) / 2: its Hessian is diag(a, b) everywhere. */
export const BOWL_A = 1;
export const BOWL_B = 10;

/** Loss at or below this counts as converged (every surface has minimum loss 0). */
export const LOSS_TOLERANCE = 1e-4;
/** A run has diverged once |x| or |y| exceeds this, or once a coordinate or the loss is not finite. */
export const DIVERGENCE_BOUND = 1000;
/** Adam's ε, as in Kingma & Ba (2014), Algorithm 1. */
export const ADAM_EPSILON = 1e-8;

export const SURFACES: Record<SurfaceId, Surface> = {
  bowl: {
    id: 'bowl',
    label: 'Elongated bowl',
    formula: 'f(x, y) = (x² + 10 y²) / 2',
    note: 'A quadratic ten times steeper along y than along x: gradient descent is stable exactly when η < 2/λ_max = 0.2.',
    f: (x, y) => (BOWL_A * x * x + BOWL_B * y * y) / 2,
    grad: (x, y) => [BOWL_A * x, BOWL_B * y],
    view: { xMin: -2.5, xMax: 2.5, yMin: -1.5, yMax: 1.5 },
    minima: [[0, 0]],
    // Ellipses through (r, 0) for r = 0.25, 0.5, …, 2.5: evenly spaced along x.
    levels: Array.from({ length: 10 }, (_, i) => (BOWL_A * ((i + 1) * 0.25) ** 2) / 2),
    grid: 80,
    defaults: { lr: 0.15, alpha: 0.1, beta: 0.6, beta1: 0.9, beta2: 0.999, steps: 60, start: [-2, 0.8] },
    lambdaMax: Math.max(BOWL_A, BOWL_B),
    hessianAtMinimum: [BOWL_A, 0, BOWL_B],
  },
  rosenbrock: {
    id: 'rosenbrock',
    label: 'Rosenbrock valley',
    formula: 'f(x, y) = (1 − x)² + 100 (y − x²)²',
    note: 'A curved, narrow valley with its minimum at (1, 1): the walls are steep and the floor is nearly flat.',
    f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
    minima: [[1, 1]],
    levels: [0.25, 1, 4, 16, 64, 256, 1024],
    grid: 140,
    defaults: { lr: 0.001, alpha: 0.05, beta: 0.9, beta1: 0.9, beta2: 0.999, steps: 500, start: [-1.2, 1] },
    // f_xx = 2 − 400y + 1200x², f_xy = −400x, f_yy = 200, at (1, 1).
    hessianAtMinimum: [802, -400, 200],
  },
  saddle: {
    id: 'saddle',
    label: 'Saddle between two valleys',
    formula: 'f(x, y) = x² / 2 + (y² − 1)² / 4',
    note: 'Minima at (0, ±1) and a saddle point at (0, 0) where the gradient is also zero.',
    f: (x, y) => (x * x) / 2 + (y * y - 1) ** 2 / 4,
    grad: (x, y) => [x, y * (y * y - 1)],
    view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    minima: [
      [0, 1],
      [0, -1],
    ],
    levels: [0.02, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2],
    grid: 80,
    defaults: { lr: 0.1, alpha: 0.05, beta: 0.9, beta1: 0.9, beta2: 0.999, steps: 100, start: [1.8, 0.01] },
    // f_xx = 1, f_yy = 3y² − 1, at (0, ±1).
    hessianAtMinimum: [1, 0, 2],
  },
};

export function isSurfaceId(value: string): value is SurfaceId {
  return (SURFACE_IDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// One step of each optimizer

/** Gradient descent: x ← x − η ∇f(x). */
export function gdStep(x: Vec, g: Vec, lr: number): Vec {
  return [x[0] - lr * g[0], x[1] - lr * g[1]];
}

/**
 * Heavy-ball momentum in the form most libraries use: v ← β v + ∇f(x), then x ← x − η v, with v
 * starting at 0. Eliminating v gives x_{t+1} = x_t − η ∇f(x_t) + β (x_t − x_{t−1}).
 */
export function momentumStep(x: Vec, v: Vec, g: Vec, lr: number, beta: number): { x: Vec; v: Vec } {
  const nv: Vec = [beta * v[0] + g[0], beta * v[1] + g[1]];
  return { x: [x[0] - lr * nv[0], x[1] - lr * nv[1]], v: nv };
}

/**
 * Adam, Kingma & Ba (2014), Algorithm 1, for step t = 1, 2, …, per coordinate:
 * m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ);
 * x ← x − α m̂ / (√v̂ + ε). m and v start at 0.
 */
export function adamStep(
  x: Vec,
  m: Vec,
  v: Vec,
  g: Vec,
  t: number,
  alpha: number,
  beta1: number,
  beta2: number,
  eps = ADAM_EPSILON,
): { x: Vec; m: Vec; v: Vec } {
  const nm: Vec = [beta1 * m[0] + (1 - beta1) * g[0], beta1 * m[1] + (1 - beta1) * g[1]];
  const nv: Vec = [beta2 * v[0] + (1 - beta2) * g[0] ** 2, beta2 * v[1] + (1 - beta2) * g[1] ** 2];
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const step = (i: 0 | 1) => (alpha * (nm[i] / c1)) / (Math.sqrt(nv[i] / c2) + eps);
  return { x: [x[0] - step(0), x[1] - step(1)], m: nm, v: nv };
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Everything a run needs; learning rates are per family (GD and momentum share η, Adam has α). */
export interface Settings {
  surface: SurfaceId;
  /** η, the learning rate of gradient descent and of momentum. */
  lr: number;
  /** α, Adam's step size. */
  alpha: number;
  /** β, momentum's decay of the velocity. */
  beta: number;
  /** β₁, Adam's decay of the first-moment estimate. */
  beta1: number;
  /** β₂, Adam's decay of the second-moment estimate. */
  beta2: number;
  /** Steps to run. */
  steps: number;
  start: Vec;
}

export type DivergenceReason = 'bound' | 'non-finite';

export interface Run {
  optimizer: OptimizerId;
  /** x₀ (the start) to the last iterate that stayed finite and within DIVERGENCE_BOUND. */
  points: Vec[];
  /** Loss at each of those points. */
  losses: number[];
  /** The step whose iterate diverged (it is not in points), or null. */
  divergedAt: number | null;
  divergedReason: DivergenceReason | null;
  /** First step t ≥ 0 with loss ≤ LOSS_TOLERANCE, or null. */
  toleranceAt: number | null;
  /** First step whose iterate lies outside the plotted view, or null. */
  leftViewAt: number | null;
  /** Loss at the last point kept. */
  finalLoss: number;
}

export function inView(p: Vec, view: View): boolean {
  return p[0] >= view.xMin && p[0] <= view.xMax && p[1] >= view.yMin && p[1] <= view.yMax;
}

/** Runs one optimizer for settings.steps steps, stopping at the first diverged iterate. */
export function run(optimizer: OptimizerId, settings: Settings): Run {
  const surface = SURFACES[settings.surface];
  let x: Vec = settings.start;
  let m: Vec = [0, 0];
  let v: Vec = [0, 0];
  const points: Vec[] = [x];
  const losses: number[] = [surface.f(x[0], x[1])];
  let toleranceAt: number | null = losses[0]! <= LOSS_TOLERANCE ? 0 : null;
  let leftViewAt: number | null = inView(x, surface.view) ? null : 0;
  let divergedAt: number | null = null;
  let divergedReason: DivergenceReason | null = null;
  for (let t = 1; t <= settings.steps; t++) {
    const g = surface.grad(x[0], x[1]);
    if (optimizer === 'gd') x = gdStep(x, g, settings.lr);
    else if (optimizer === 'momentum') ({ x, v } = momentumStep(x, v, g, settings.lr, settings.beta));
    else ({ x, m, v } = adamStep(x, m, v, g, t, settings.alpha, settings.beta1, settings.beta2));
    const loss = surface.f(x[0], x[1]);
    if (!Number.isFinite(x[0]) || !Number.isFinite(x[1]) || !Number.isFinite(loss)) {
      [divergedAt, divergedReason] = [t, 'non-finite'];
      break;
    }
    if (Math.abs(x[0]) > DIVERGENCE_BOUND || Math.abs(x[1]) > DIVERGENCE_BOUND) {
      [divergedAt, divergedReason] = [t, 'bound'];
      break;
    }
    points.push(x);
    losses.push(loss);
    if (toleranceAt === null && loss <= LOSS_TOLERANCE) toleranceAt = t;
    if (leftViewAt === null && !inView(x, surface.view)) leftViewAt = t;
  }
  return {
    optimizer,
    points,
    losses,
    divergedAt,
    divergedReason,
    toleranceAt,
    leftViewAt,
    finalLoss: losses[losses.length - 1]!,
  };
}

export function runAll(settings: Settings): Record<OptimizerId, Run> {
  return { gd: run('gd', settings), momentum: run('momentum', settings), adam: run('adam', settings) };
}

// ---------------------------------------------------------------------------------------------
// Stability on the quadratic bowl

/**
 * On a quadratic with Hessian eigenvalue λ, gradient descent multiplies the error along that
 * eigenvector by (1 − ηλ) each step, so it converges iff 0 < η < 2/λ_max. Heavy-ball momentum's
 * error obeys e_{t+1} = (1 + β − ηλ) e_t − β e_{t−1}, which for 0 ≤ β < 1 decays iff
 * 0 < η < 2(1 + β)/λ_max. Null for surfaces that are not quadratic.
 */
export function stableLimits(surface: SurfaceId, beta: number): { gd: number; momentum: number } | null {
  const lambda = SURFACES[surface].lambdaMax;
  if (lambda === undefined) return null;
  return { gd: 2 / lambda, momentum: (2 * (1 + beta)) / lambda };
}

/** GD's per-step factor along each axis of the bowl, (1 − ηa, 1 − ηb). */
export function bowlFactors(lr: number): Vec {
  return [1 - lr * BOWL_A, 1 - lr * BOWL_B];
}

/** Largest eigenvalue of the symmetric matrix [[a, b], [b, c]]. */
export function largestEigenvalue([a, b, c]: readonly [number, number, number]): number {
  return (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
}

export interface StabilityNote {
  /** 'unstable' when η is above gradient descent's limit on the bowl, 'edge' exactly on it. */
  kind: 'stable' | 'edge' | 'unstable' | 'local';
  text: string;
}

/**
 * What the learning rate means for stability here. On the bowl the limits are exact and the
 * per-step factors are stated; elsewhere only the curvature at the minimum is known, which bounds
 * the η that can settle there but says nothing about the way in.
 */
export function stabilityNote(s: Settings): StabilityNote {
  const limits = stableLimits(s.surface, s.beta);
  if (!limits) {
    const lambda = largestEigenvalue(SURFACES[s.surface].hessianAtMinimum);
    const limit = 2 / lambda;
    return {
      kind: 'local',
      text:
        `This surface is not quadratic, so no single limit on η holds everywhere. At the minimum the ` +
        `largest curvature is λ_max ≈ ${fmt(lambda)}, so gradient descent can settle there only if ` +
        `η < 2/λ_max ≈ ${fmt(limit)}; η = ${fmt(s.lr)} is ${s.lr < limit ? 'below' : 'not below'} that.`,
    };
  }
  const [fx, fy] = bowlFactors(s.lr);
  const factors = `Each step multiplies x by 1 − η = ${fmt(fx)} and y by 1 − 10η = ${fmt(fy)}.`;
  const momentum =
    s.lr < limits.momentum
      ? `Momentum with β = ${fmt(s.beta)} is stable up to 2(1 + β)/λ_max = ${fmt(limits.momentum)}.`
      : `Momentum with β = ${fmt(s.beta)} is stable only below 2(1 + β)/λ_max = ${fmt(limits.momentum)}, so it diverges too.`;
  if (s.lr > limits.gd)
    return {
      kind: 'unstable',
      text: `η = ${fmt(s.lr)} is above gradient descent’s stable limit 2/λ_max = 2/10 = ${fmt(limits.gd)}. ${factors} |${fmt(fy)}| > 1, so the distance along y grows every step: gradient descent diverges. ${momentum}`,
    };
  if (s.lr === limits.gd)
    return {
      kind: 'edge',
      text: `η = ${fmt(s.lr)} is exactly gradient descent’s limit 2/λ_max. ${factors} y flips sign forever without shrinking. ${momentum}`,
    };
  return {
    kind: 'stable',
    text: `η = ${fmt(s.lr)} is below gradient descent’s stable limit 2/λ_max = 2/10 = ${fmt(limits.gd)}. ${factors} ${momentum}`,
  };
}

/** A point for the table: coordinates to 3 decimals, so 10⁻¹⁹ reads as 0. */
export function fmtPoint(p: Vec): string {
  return `(${fmt(roundTo(p[0], 3))}, ${fmt(roundTo(p[1], 3))})`;
}

/** The "Diverged at" cell of the results table. */
export function divergenceText(r: Run): string {
  if (r.divergedAt !== null)
    return r.divergedReason === 'bound'
      ? `step ${r.divergedAt}: |x| or |y| passed ${fmt(DIVERGENCE_BOUND)}`
      : `step ${r.divergedAt}: the numbers overflowed`;
  if (r.leftViewAt !== null) return `no, but it left the plot at step ${r.leftViewAt}`;
  return 'no';
}

/** The "Loss ≤ tolerance at" cell. */
export function toleranceText(r: Run): string {
  return r.toleranceAt === null ? 'not reached' : `step ${r.toleranceAt}`;
}

/** One sentence per optimizer, for the live status line. */
export function runSummary(r: Run): string {
  const name = OPTIMIZER_LABELS[r.optimizer];
  if (r.divergedAt !== null) return `${name} diverged at step ${r.divergedAt}.`;
  const steps = r.points.length - 1;
  const reached = r.toleranceAt === null ? '' : `, within tolerance from step ${r.toleranceAt}`;
  return `${name}: loss ${fmt(r.finalLoss)} after ${steps} step${steps === 1 ? '' : 's'}${reached}.`;
}

// ---------------------------------------------------------------------------------------------
// The lab's state: query string <-> settings

export interface ParamSpec {
  key: string;
  min: number;
  max: number;
  integer?: boolean;
  label: string;
}

/** The numeric settings, their query keys and their allowed ranges (the controls use the same). */
export const PARAMS = {
  lr: { key: 'lr', min: 1e-4, max: 1, label: 'η' },
  alpha: { key: 'a', min: 1e-4, max: 1, label: 'α' },
  beta: { key: 'b', min: 0, max: 0.99, label: 'β' },
  beta1: { key: 'b1', min: 0, max: 0.99, label: 'β₁' },
  beta2: { key: 'b2', min: 0.5, max: 0.9999, label: 'β₂' },
  steps: { key: 'n', min: 1, max: 1000, integer: true, label: 'steps' },
} as const satisfies Record<string, ParamSpec>;
export type ParamName = keyof typeof PARAMS;
export type FieldName = ParamName | 'surface' | 'x' | 'y';

export type Parsed = { ok: true; value: number } | { ok: false; value: number; message: string };

/**
 * Reads one number for a field: empty or unparsable text falls back, out-of-range values clamp,
 * and either way the message says what happened. Never returns NaN or Infinity.
 */
export function parseField(
  text: string | null | undefined,
  spec: { min: number; max: number; integer?: boolean; label: string },
  fallback: number,
): Parsed {
  const raw = (text ?? '').trim();
  if (raw === '') return { ok: false, value: fallback, message: `Enter a number for ${spec.label}.` };
  const n = Number(raw);
  if (!Number.isFinite(n))
    return {
      ok: false,
      value: fallback,
      message: `“${raw}” is not a number; ${spec.label} stays ${fmt(fallback)}.`,
    };
  const rounded = spec.integer ? Math.round(n) : n;
  if (rounded < spec.min || rounded > spec.max) {
    const value = Math.min(spec.max, Math.max(spec.min, rounded));
    return {
      ok: false,
      value,
      message: `${spec.label} must be from ${fmt(spec.min)} to ${fmt(spec.max)}; ${raw.replace(/^-/, '−')} was clamped to ${fmt(value)}.`,
    };
  }
  return { ok: true, value: rounded };
}

/** The start coordinates' ranges: the surface's plotted view. */
export function startSpec(surface: SurfaceId, axis: 'x' | 'y') {
  const v = SURFACES[surface].view;
  return axis === 'x'
    ? { min: v.xMin, max: v.xMax, label: 'start x' }
    : { min: v.yMin, max: v.yMax, label: 'start y' };
}

/**
 * Settings from a query string (a notebook's configuration or the URL hash), on top of `base`
 * (defaults to the surface's own defaults). Unknown keys are ignored; each bad value becomes a
 * message for its field, and the value used instead.
 */
export function parseSettings(
  params: URLSearchParams,
  base?: Settings,
): { settings: Settings; problems: Partial<Record<FieldName, string>> } {
  const problems: Partial<Record<FieldName, string>> = {};
  const s = params.get('s');
  let surface: SurfaceId = base?.surface ?? 'bowl';
  if (s !== null) {
    if (isSurfaceId(s)) surface = s;
    else
      problems.surface = `There is no surface “${s}”; showing the ${SURFACES[surface].label.toLowerCase()}.`;
  }
  const from: Settings = base && base.surface === surface ? base : { surface, ...SURFACES[surface].defaults };
  const settings: Settings = { ...from };
  for (const name of Object.keys(PARAMS) as ParamName[]) {
    const text = params.get(PARAMS[name].key);
    if (text === null) continue;
    const parsed = parseField(text, PARAMS[name], from[name]);
    settings[name] = parsed.value;
    if (!parsed.ok) problems[name] = parsed.message;
  }
  const start: [number, number] = [from.start[0], from.start[1]];
  (['x', 'y'] as const).forEach((axis, i) => {
    const text = params.get(axis);
    if (text === null) return;
    const parsed = parseField(text, startSpec(surface, axis), start[i]!);
    start[i] = parsed.value;
    if (!parsed.ok) problems[axis] = parsed.message;
  });
  settings.start = start;
  return { settings, problems };
}

/** The query parameters that record these settings (numbers in their shortest exact form). */
export function settingsToParams(s: Settings): URLSearchParams {
  const p = new URLSearchParams({ s: s.surface });
  for (const name of Object.keys(PARAMS) as ParamName[]) p.set(PARAMS[name].key, String(s[name]));
  p.set('x', String(roundTo(s.start[0], 4)));
  p.set('y', String(roundTo(s.start[1], 4)));
  return p;
}

export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f + 0; // + 0 turns -0 into 0
}

// ---------------------------------------------------------------------------------------------
// Formatting

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

/**
 * A number for people: three significant figures, and powers of ten (3.2 × 10⁻⁵, with no-break
 * spaces so it never wraps) outside [0.001, 10000). Minus signs are U+2212.
 */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'not a number';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1e4 || abs < 1e-3) {
    const [mantissa, exponent] = value.toExponential(2).split('e') as [string, string];
    const m = String(Number(mantissa));
    const e = String(Number(exponent))
      .split('')
      .map((c) => SUPERSCRIPT[c] ?? c)
      .join('');
    text = m === '1' || m === '-1' ? `${m === '-1' ? '-' : ''}10${e}` : `${m}\u00a0×\u00a010${e}`;
  } else text = String(Number(value.toPrecision(3)));
  return text.replace(/^-/, '−');
}
