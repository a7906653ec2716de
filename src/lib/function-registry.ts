/**
 * Isomorphic: the function explorer's registry — named functions, each with its TeX, parameters
 * (name, range, step, default), domain, the function itself and, where known, its derivative; a
 * composition also names its two stages and their local rates. The explorer looks a function up by
 * id and never evaluates text as code: a reader can only pick an id and move numbers.
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

// --- Compositions for the chain rule -------------------------------------------------------

/** y = sin(k x²), the chain-rule notebook's worked example at k = 1. */
const sinOfSquare: FunctionSpec = {
  id: 'sin-x-squared',
  label: 'sin(k x²)',
  tex: 'y = \\sin(k x^2)',
  derivativeTex: '\\frac{dy}{dx} = \\cos(k x^2) \\cdot 2 k x',
  xSymbol: 'x',
  xLabel: 'x',
  yLabel: 'y',
  params: [{ name: 'k', label: 'Inner factor k', min: 0.2, max: 3, step: 0.1, default: 1 }],
  domain: [-3, 3],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1.3,
  yDomain: () => [-1.25, 1.25],
  f: (x, p) => Math.sin(param(p, 'k') * x * x),
  df: (x, p) => Math.cos(param(p, 'k') * x * x) * 2 * param(p, 'k') * x,
  chain: {
    innerTex: 'u = g(x) = k x^2',
    outerTex: 'y = f(u) = \\sin u',
    innerRateTex: "g'(x) = 2 k x",
    outerRateTex: "f'(u) = \\cos u",
    innerText: 'inner g: u = k x²',
    outerText: 'outer f: y = sin u',
    inner: (x, p) => param(p, 'k') * x * x,
    innerRate: (x, p) => 2 * param(p, 'k') * x,
    outer: (u) => Math.sin(u),
    outerRate: (u) => Math.cos(u),
  },
};

/** y = tanh(w x + b): one unit of a layer; large |w x + b| saturates it. */
const tanhAffine: FunctionSpec = {
  id: 'tanh-affine',
  label: 'tanh(w x + b)',
  tex: 'y = \\tanh(w x + b)',
  derivativeTex: '\\frac{dy}{dx} = \\bigl(1 - \\tanh^2(w x + b)\\bigr) \\cdot w',
  xSymbol: 'x',
  xLabel: 'x',
  yLabel: 'y',
  params: [
    { name: 'w', label: 'Weight w', min: -4, max: 4, step: 0.1, default: 1.5 },
    { name: 'b', label: 'Bias b', min: -3, max: 3, step: 0.1, default: 0 },
  ],
  domain: [-4, 4],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  yDomain: () => [-1.25, 1.25],
  f: (x, p) => Math.tanh(param(p, 'w') * x + param(p, 'b')),
  df: (x, p) => (1 - Math.tanh(param(p, 'w') * x + param(p, 'b')) ** 2) * param(p, 'w'),
  chain: {
    innerTex: 'u = g(x) = w x + b',
    outerTex: 'y = f(u) = \\tanh u',
    innerRateTex: "g'(x) = w",
    outerRateTex: "f'(u) = 1 - \\tanh^2 u",
    innerText: 'inner g: u = w x + b',
    outerText: 'outer f: y = tanh u',
    inner: (x, p) => param(p, 'w') * x + param(p, 'b'),
    innerRate: (_x, p) => param(p, 'w'),
    outer: (u) => Math.tanh(u),
    outerRate: (u) => 1 - Math.tanh(u) ** 2,
  },
};

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

const sigmoidAffine: FunctionSpec = {
  id: 'sigmoid-affine',
  label: 'σ(w x + b)',
  tex: 'y = \\sigma(w x + b), \\quad \\sigma(u) = \\frac{1}{1 + e^{-u}}',
  derivativeTex: '\\frac{dy}{dx} = \\sigma(u)\\bigl(1 - \\sigma(u)\\bigr) \\cdot w',
  xSymbol: 'x',
  xLabel: 'x',
  yLabel: 'y',
  params: [
    { name: 'w', label: 'Weight w', min: -4, max: 4, step: 0.1, default: 2 },
    { name: 'b', label: 'Bias b', min: -3, max: 3, step: 0.1, default: 0 },
  ],
  domain: [-4, 4],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  yDomain: () => [-0.1, 1.1],
  f: (x, p) => sigmoid(param(p, 'w') * x + param(p, 'b')),
  df: (x, p) => {
    const s = sigmoid(param(p, 'w') * x + param(p, 'b'));
    return s * (1 - s) * param(p, 'w');
  },
  chain: {
    innerTex: 'u = g(x) = w x + b',
    outerTex: 'y = f(u) = \\sigma(u)',
    innerRateTex: "g'(x) = w",
    outerRateTex: "f'(u) = \\sigma(u)\\bigl(1 - \\sigma(u)\\bigr)",
    innerText: 'inner g: u = w x + b',
    outerText: 'outer f: y = σ(u)',
    inner: (x, p) => param(p, 'w') * x + param(p, 'b'),
    innerRate: (_x, p) => param(p, 'w'),
    outer: (u) => sigmoid(u),
    outerRate: (u) => sigmoid(u) * (1 - sigmoid(u)),
  },
};

// --- Activations with a kink ---------------------------------------------------------------

/** y = max(a x, x), leaky ReLU with leak a (a = 0 is the ReLU): a corner at 0 for any a ≠ 1. */
const reluLeaky: FunctionSpec = {
  id: 'relu-leaky',
  label: 'ReLU and leaky ReLU, max(a x, x)',
  tex: 'y = \\max(a x, x)',
  derivativeTex: "\\frac{dy}{dx} = \\begin{cases} a & x < 0 \\\\ 1 & x > 0 \\end{cases}",
  xSymbol: 'x',
  xLabel: 'x',
  yLabel: 'y',
  params: [{ name: 'a', label: 'Leak a (0 is the ReLU)', min: 0, max: 0.5, step: 0.01, default: 0 }],
  domain: [-2, 2],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  yDomain: () => [-1.1, 2.1],
  f: (x, p) => (x >= 0 ? x : param(p, 'a') * x),
  df: (x, p) => (x >= 0 ? 1 : param(p, 'a')),
  breaks: () => [{ x: 0, kind: 'corner' }],
  note: 'At x = 0 the slope jumps from a to 1, so there is no derivative there; an autodiff library has to pick a value by convention.',
};

// --- Softmax temperature ---------------------------------------------------------------------

/** The softmax notebook's scores (2, 1, 0.5, −1), with the first one and a common shift adjustable. */
export function softmaxScores(p: Params): number[] {
  const c = param(p, 'shift');
  return [param(p, 'z1'), 1, 0.5, -1].map((z) => z + c);
}

/** Weight of the first score in softmax(z / T), computed with the largest score subtracted. */
export function firstWeight(T: number, z: readonly number[]): { p: number; mean: number } {
  const top = Math.max(...z);
  const e = z.map((zi) => Math.exp((zi - top) / T));
  const total = e.reduce((s, v) => s + v, 0);
  const probs = e.map((v) => v / total);
  return { p: probs[0]!, mean: probs.reduce((s, pi, i) => s + pi * z[i]!, 0) };
}

const softmaxTemperature: FunctionSpec = {
  id: 'softmax-temperature',
  label: 'softmax weight of the top score against T',
  tex: 'p_1(T) = \\frac{e^{z_1 / T}}{\\sum_{i=1}^{4} e^{z_i / T}}, \\quad \\mathbf{z} = (z_1, 1, 0.5, -1) + c',
  derivativeTex: "p_1'(T) = \\frac{p_1 \\bigl(\\mathbb{E}_{\\mathbf{p}}[z] - z_1\\bigr)}{T^2}",
  xSymbol: 'T',
  xLabel: 'temperature T',
  yLabel: 'weight p₁ of the first score',
  params: [
    { name: 'z1', label: 'First score z₁', min: 1, max: 5, step: 0.1, default: 2 },
    { name: 'shift', label: 'Shift c added to every score', min: -5, max: 5, step: 0.5, default: 0 },
  ],
  domain: [0.05, 5],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1,
  yDomain: () => [0, 1.05],
  f: (T, p) => firstWeight(T, softmaxScores(p)).p,
  // d/dT log p₁ = −z₁/T² + E_p[z]/T², so dp₁/dT = p₁ (E_p[z] − z₁) / T².
  df: (T, p) => {
    const z = softmaxScores(p);
    const { p: p1, mean } = firstWeight(T, z);
    return (p1 * (mean - z[0]!)) / (T * T);
  },
  note: 'The scores are those of the softmax notebook; a shift c added to every score leaves every weight unchanged.',
};

// --- Learning-rate schedules -----------------------------------------------------------------

/** Kaplan et al. 2020 (arXiv 2001.08361, §2.2) train for 2.5 × 10⁵ steps. */
const KAPLAN_STEPS = 250_000;

/**
 * Linear warmup, then cosine decay, as a fraction of the peak rate η_max. The decay is the cosine
 * annealing of SGDR (Loshchilov & Hutter, arXiv 1608.03983, eq. 5):
 * η_t = η_min + ½ (η_max − η_min)(1 + cos(π T_cur / T_i)), here with T_cur = t − W and
 * T_i = total − W. The defaults are Kaplan et al.'s schedule (arXiv 2001.08361, §2.2): a 3000-step
 * linear warmup, then cosine decay to zero over 2.5 × 10⁵ steps.
 */
export function warmupCosine(t: number, warmup: number, floor: number, total = KAPLAN_STEPS): number {
  if (warmup > 0 && t < warmup) return t / warmup;
  const span = total - warmup;
  if (span <= 0) return 1;
  const progress = Math.min(1, Math.max(0, (t - warmup) / span));
  return floor + 0.5 * (1 - floor) * (1 + Math.cos(Math.PI * progress));
}

const lrWarmupCosine: FunctionSpec = {
  id: 'lr-warmup-cosine',
  label: 'learning rate: linear warmup, then cosine decay',
  tex: '\\frac{\\eta_t}{\\eta_{\\max}} = \\begin{cases} t / W & t < W \\\\ r + \\tfrac{1}{2}(1 - r)\\Bigl(1 + \\cos \\dfrac{\\pi (t - W)}{S - W}\\Bigr) & t \\ge W \\end{cases}',
  derivativeTex:
    '\\frac{d}{dt}\\frac{\\eta_t}{\\eta_{\\max}} = \\begin{cases} 1 / W & t < W \\\\ -\\tfrac{1}{2}(1 - r)\\dfrac{\\pi}{S - W} \\sin \\dfrac{\\pi (t - W)}{S - W} & t > W \\end{cases}',
  xSymbol: 't',
  xLabel: 'training step t (S = 250,000 steps)',
  yLabel: 'η_t / η_max',
  params: [
    { name: 'warmup', label: 'Warmup steps W', min: 0, max: 50_000, step: 500, default: 3000 },
    { name: 'floor', label: 'Final fraction r = η_min / η_max', min: 0, max: 0.5, step: 0.01, default: 0 },
  ],
  domain: [0, KAPLAN_STEPS],
  xScale: 'linear',
  xStep: 500,
  x0: 100_000,
  yDomain: () => [0, 1.05],
  f: (t, p) => warmupCosine(t, param(p, 'warmup'), param(p, 'floor')),
  df: (t, p) => {
    const W = param(p, 'warmup');
    const r = param(p, 'floor');
    if (W > 0 && t < W) return 1 / W;
    const span = KAPLAN_STEPS - W;
    if (t >= KAPLAN_STEPS || span <= 0) return 0;
    return -0.5 * (1 - r) * (Math.PI / span) * Math.sin((Math.PI * (t - W)) / span);
  },
  breaks: (p) => (param(p, 'warmup') > 0 ? [{ x: param(p, 'warmup'), kind: 'corner' }] : []),
  note: 'Warmup then cosine decay as in Kaplan et al. 2020 (3000 warmup steps, decay to zero); the cosine is SGDR’s annealing (Loshchilov and Hutter 2016).',
};

/** Epochs at which step decay multiplies the rate by γ, and the length of training. */
export const STEP_DECAY_EPOCHS = [60, 120, 160] as const;
const STEP_DECAY_TOTAL = 200;

/**
 * Step decay: η(e) = η₀ γ^(number of drops at or before epoch e). The defaults are the Wide ResNet
 * schedule that Loshchilov & Hutter reproduce as their baseline (SGDR, arXiv 1608.03983, §4.1,
 * after Zagoruyko & Komodakis 2016): η₀ = 0.1, dropped by a factor of 0.2 at epochs 60, 120 and
 * 160 of 200.
 */
export function stepDecay(epoch: number, eta0: number, gamma: number): number {
  const drops = STEP_DECAY_EPOCHS.filter((e) => epoch >= e).length;
  return eta0 * gamma ** drops;
}

const lrStepDecay: FunctionSpec = {
  id: 'lr-step-decay',
  label: 'learning rate: step decay',
  tex: '\\eta(e) = \\eta_0 \\, \\gamma^{\\,n(e)}, \\quad n(e) = \\#\\{\\, e_i \\le e : e_i \\in \\{60, 120, 160\\} \\,\\}',
  derivativeTex: "\\eta'(e) = 0 \\text{ between drops; none at a drop}",
  xSymbol: 'e',
  xLabel: 'epoch e (of 200)',
  yLabel: 'learning rate η',
  params: [
    { name: 'eta0', label: 'Starting rate η₀', min: 0.01, max: 0.2, step: 0.01, default: 0.1 },
    { name: 'gamma', label: 'Factor γ at each drop', min: 0.05, max: 1, step: 0.05, default: 0.2 },
  ],
  domain: [0, STEP_DECAY_TOTAL],
  xScale: 'linear',
  xStep: 1,
  x0: 30,
  yDomain: (p) => [0, param(p, 'eta0') * 1.1],
  f: (e, p) => stepDecay(e, param(p, 'eta0'), param(p, 'gamma')),
  df: () => 0,
  breaks: (p) =>
    param(p, 'gamma') === 1 ? [] : STEP_DECAY_EPOCHS.map((x) => ({ x, kind: 'jump' as const })),
  note: 'The Wide ResNet schedule reproduced in the SGDR paper: η₀ = 0.1, times 0.2 at epochs 60, 120 and 160.',
};

// --- Scaling law -----------------------------------------------------------------------------

/**
 * Kaplan et al. 2020 (arXiv 2001.08361), eq. (1.1): L(N) = (N_c / N)^α_N with α_N ≈ 0.076 and
 * N_c ≈ 8.8 × 10¹³ non-embedding parameters, for models trained to convergence on enough data;
 * L is test cross-entropy in nats per token on WebText2. Fitted on models from 768 to 1.5 × 10⁹
 * non-embedding parameters (§3).
 */
export const KAPLAN_ALPHA_N = 0.076;
export const KAPLAN_NC = 8.8e13;
export const KAPLAN_FIT_RANGE = [768, 1.5e9] as const;

const scalingLaw: FunctionSpec = {
  id: 'scaling-law-params',
  label: 'scaling law: loss against parameters',
  tex: 'L(N) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N}',
  derivativeTex: "L'(N) = -\\frac{\\alpha_N}{N} L(N), \\quad \\frac{d \\ln L}{d \\ln N} = -\\alpha_N",
  xSymbol: 'N',
  xLabel: 'non-embedding parameters N',
  yLabel: 'loss L (nats per token)',
  params: [
    { name: 'alpha', label: 'Exponent α_N', min: 0.02, max: 0.2, step: 0.001, default: KAPLAN_ALPHA_N },
    { name: 'nc', label: 'N_c in units of 10¹³', min: 1, max: 20, step: 0.1, default: KAPLAN_NC / 1e13 },
  ],
  domain: [1e3, 1e12],
  xScale: 'log',
  xStep: 0.01,
  x0: 1e8,
  f: (N, p) => ((param(p, 'nc') * 1e13) / N) ** param(p, 'alpha'),
  df: (N, p) => (-param(p, 'alpha') / N) * ((param(p, 'nc') * 1e13) / N) ** param(p, 'alpha'),
  fitRange: KAPLAN_FIT_RANGE,
  note: 'Kaplan et al. 2020, eq. (1.1): α_N ≈ 0.076 and N_c ≈ 8.8 × 10¹³, fitted on models from 768 to 1.5 × 10⁹ non-embedding parameters; beyond that the line is extrapolation.',
};

// --- Attention IO: FlashAttention ----------------------------------------------------------

/**
 * Numbers moved between HBM and SRAM by standard attention, the paper's Algorithm 0 (Dao et al.
 * 2022, arXiv 2205.14135): read Q and K, write S; read S, write P; read P and V, write O.
 */
export function standardAttentionHbm(N: number, d: number): number {
  return 4 * N * d + 4 * N * N;
}

/**
 * Numbers moved by the forward pass of FlashAttention's Algorithm 1 with an SRAM of M numbers:
 * initialise O, ℓ, m (Nd + 2N); load every block of K and V once (2Nd); for each of the
 * T_c = ⌈N / B_c⌉ key blocks, read Q, O, ℓ, m and write O, ℓ, m (3Nd + 4N), with B_c = ⌈M / 4d⌉.
 * The flash-attention witness counts the same numbers inside its NumPy implementation.
 */
export function flashAttentionHbm(N: number, d: number, M: number): number {
  const Bc = Math.ceil(M / (4 * d));
  const Tc = Math.ceil(N / Bc);
  return 3 * N * d + 2 * N + Tc * (3 * N * d + 4 * N);
}

/**
 * The ratio of the two counts with the block count taken as N / B_c and B_c = M / 4d, so the curve
 * is smooth: dividing both counts by N gives (4d + 4N) / (3d + 2 + N(3d + 4) / B_c). Where B_c is a
 * whole number and divides N it equals the exact ratio (5.00 at N = 4096, d = 64, M = 65,536); the
 * exact count jumps by one sweep over Q and O each time N passes a multiple of B_c.
 */
export function attentionHbmRatio(N: number, d: number, M: number): number {
  const Bc = M / (4 * d);
  return (4 * d + 4 * N) / (3 * d + 2 + (N * (3 * d + 4)) / Bc);
}

const attentionHbmRatioSpec: FunctionSpec = {
  id: 'attention-hbm-ratio',
  label: 'HBM traffic: standard attention ÷ FlashAttention',
  tex: 'r(N) = \\frac{4d + 4N}{3d + 2 + N (3d + 4) / B_c}, \\quad B_c = \\frac{M}{4d}',
  derivativeTex: "r'(N) = \\frac{4 \\bigl(3d + 2 - d (3d + 4) / B_c\\bigr)}{\\bigl(3d + 2 + N (3d + 4) / B_c\\bigr)^2}",
  xSymbol: 'N',
  xLabel: 'sequence length N',
  yLabel: 'standard ÷ tiled HBM accesses',
  params: [
    { name: 'd', label: 'Head dimension d', min: 16, max: 256, step: 16, default: 64 },
    { name: 'm', label: 'SRAM size M, in thousands (1,024) of numbers', min: 4, max: 256, step: 4, default: 64 },
  ],
  domain: [64, 131_072],
  xScale: 'log',
  xStep: 0.01,
  x0: 4096,
  f: (N, p) => attentionHbmRatio(N, param(p, 'd'), param(p, 'm') * 1024),
  df: (N, p) => {
    const d = param(p, 'd');
    const Bc = (param(p, 'm') * 1024) / (4 * d);
    const D = 3 * d + 2 + (N * (3 * d + 4)) / Bc;
    return (4 * (3 * d + 2 - (d * (3 * d + 4)) / Bc)) / (D * D);
  },
  note: 'Numbers read and written for one head, divided: standard attention writes and rereads the N × N scores and probabilities (4Nd + 4N²); FlashAttention rereads Q and O once per block of B_c keys (3Nd + 2N + (N / B_c)(3Nd + 4N)), so for long sequences the ratio levels off at 4B_c / (3d + 4), near M / (3d²) (Dao et al. 2022, Algorithms 0 and 1, Theorem 2).',
};

// --- Attention patterns: score entries --------------------------------------------------------

/**
 * Query–key scores computed by causal attention over n positions when each query sees at most its
 * last w positions (itself included): Σ min(i + 1, w) = n(n + 1)/2 for n ≤ w, nw − w(w − 1)/2 after.
 * The efficient-attention witness counts the same entries in NumPy masks.
 */
export function windowedScoreEntries(n: number, w: number): number {
  return n <= w ? (n * (n + 1)) / 2 : n * w - (w * (w - 1)) / 2;
}

const scoresPerQuery: FunctionSpec = {
  id: 'attention-scores-per-query',
  label: 'attention scores per query: causal vs a window of w',
  tex: '\\frac{E(n)}{n} = \\begin{cases} \\dfrac{n + 1}{2} & n \\le w \\\\[4pt] w - \\dfrac{w(w - 1)}{2n} & n \\gt w \\end{cases}',
  derivativeTex:
    "\\frac{d}{dn}\\frac{E(n)}{n} = \\begin{cases} \\dfrac{1}{2} & n \\lt w \\\\[4pt] \\dfrac{w(w - 1)}{2n^2} & n \\gt w \\end{cases}",
  xSymbol: 'n',
  xLabel: 'sequence length n',
  yLabel: 'score entries per query, E(n) / n',
  params: [
    { name: 'w', label: 'Window w, in thousands (1,024) of tokens; 1,024 covers the whole axis (full causal)', min: 1, max: 1024, step: 1, default: 4 },
  ],
  domain: [64, 1_048_576],
  xScale: 'log',
  xStep: 0.01,
  x0: 262_144,
  f: (n, p) => windowedScoreEntries(n, param(p, 'w') * 1024) / n,
  df: (n, p) => {
    const w = param(p, 'w') * 1024;
    return n <= w ? 0.5 : (w * (w - 1)) / (2 * n * n);
  },
  note: 'Causal attention scores each query against every earlier position, (n + 1)/2 on average, so the total grows like n²; a sliding window caps it at w per query, so the total grows like n·w (Longformer, Beltagy et al. 2020, section 3.1; Mistral 7B, Jiang et al. 2023, section 2).',
};

/**
 * Chinchilla's parametric loss along an iso-compute curve: L(N, D) = E + A/N^α + B/D^β (Hoffmann et
 * al. 2022, arXiv 2203.15556, eq. 2, with the fitted constants of eq. 10: E = 1.69, A = 406.4,
 * B = 410.7, α = 0.34, β = 0.28), with the tokens D = C / (6 N) that a budget of C FLOPs leaves for a
 * model of N parameters (C ≈ 6 N D, Kaplan et al. 2020, §2.1). The minimum over N is the
 * compute-optimal model, N_opt = G (C/6)^(β/(α+β)) with G = (αA / (βB))^(1/(α+β)) (eq. 4).
 */
export const CHINCHILLA_FIT = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } as const;
/** Gopher's and Chinchilla's training budget, 5.76 × 10²³ FLOPs (Hoffmann et al., Table 3). */
export const GOPHER_FLOPS = 5.76e23;

export function chinchillaIsoLoss(N: number, C: number): number {
  const { E, A, B, alpha, beta } = CHINCHILLA_FIT;
  return E + A / N ** alpha + B / (C / (6 * N)) ** beta;
}

/** The N that minimises chinchillaIsoLoss at compute C (eq. 4 of Hoffmann et al.). */
export function chinchillaOptimalN(C: number): number {
  const { A, B, alpha, beta } = CHINCHILLA_FIT;
  const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  return G * (C / 6) ** (beta / (alpha + beta));
}

const chinchillaIsoflop: FunctionSpec = {
  id: 'chinchilla-isoflop',
  label: 'Chinchilla loss along a fixed compute budget',
  tex: 'L(N) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{(C / 6N)^{\\beta}}',
  derivativeTex: "L'(N) = -\\frac{\\alpha A}{N^{\\alpha + 1}} + \\frac{\\beta B}{N} \\Bigl(\\frac{6N}{C}\\Bigr)^{\\beta}",
  xSymbol: 'N',
  xLabel: 'parameters N (the tokens are D = C / 6N)',
  yLabel: 'fitted loss L (nats per token)',
  params: [
    {
      name: 'logc',
      label: 'Training compute log₁₀ C (FLOPs)',
      min: 18,
      max: 26,
      step: 0.01,
      default: 23.76,
    },
  ],
  domain: [1e7, 1e13],
  xScale: 'log',
  xStep: 0.01,
  x0: 7e10,
  yDomain: () => [1.5, 4.5],
  f: (N, p) => chinchillaIsoLoss(N, 10 ** param(p, 'logc')),
  df: (N, p) => {
    const { A, B, alpha, beta } = CHINCHILLA_FIT;
    const C = 10 ** param(p, 'logc');
    return (-alpha * A) / N ** (alpha + 1) + ((beta * B) / N) * ((6 * N) / C) ** beta;
  },
  fitRange: [7e7, 1.6e10],
  note: 'Hoffmann et al. 2022, eq. 10: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28, fitted on models from 70 million to 16 billion parameters; D = C / 6N. The default budget, 10^23.76 ≈ 5.75 × 10²³ FLOPs, is Gopher’s and Chinchilla’s.',
};

// --- Transformer block -----------------------------------------------------------------------

/**
 * Share of one token's forward FLOPs in a transformer block spent attending over n context tokens:
 * the weights cost 2 FLOPs each, (8 + 4r) d² for the 4 d² attention projections and the 2 r d² FFN
 * weights, and the scores and the weighted sum cost 4 n d, so s(n) = 4 n d / ((8 + 4r) d² + 4 n d)
 * = n / ((2 + r) d + n). The defaults are the base Transformer (Vaswani et al., arXiv 1706.03762,
 * §3.2.2 and §3.3): d_model = 512 and d_ff = 2048 = 4 d_model, so the share is ½ at n = 6 d = 3072.
 */
export function blockAttentionShare(n: number, d: number, r: number): number {
  return n / ((2 + r) * d + n);
}

const blockAttention: FunctionSpec = {
  id: 'block-attention-share',
  label: 'transformer block: share of FLOPs spent attending over the context',
  tex: 's(n) = \\frac{4 n d}{(8 + 4 r) d^2 + 4 n d} = \\frac{n}{(2 + r) d + n}',
  derivativeTex: "s'(n) = \\frac{(2 + r) d}{\\bigl((2 + r) d + n\\bigr)^2}",
  xSymbol: 'n',
  xLabel: 'context length n (tokens)',
  yLabel: 'share of the block’s FLOPs per token',
  params: [
    { name: 'd', label: 'Model width d = d_model', min: 64, max: 8192, step: 64, default: 512 },
    { name: 'r', label: 'FFN ratio r = d_ff / d_model', min: 1, max: 8, step: 0.5, default: 4 },
  ],
  domain: [1, 1e6],
  xScale: 'log',
  xStep: 0.01,
  x0: 512,
  yDomain: () => [0, 1.05],
  f: (n, p) => blockAttentionShare(n, param(p, 'd'), param(p, 'r')),
  df: (n, p) => {
    const c = (2 + param(p, 'r')) * param(p, 'd');
    return c / (c + n) ** 2;
  },
  note: 'Per token and per block: 2 FLOPs per weight for the 4 d² attention and 2 r d² feed-forward weights, and 4 n d for the scores and the weighted sum over n tokens; the softmax, norms and biases are left out. Defaults: the base Transformer, d_model = 512 and d_ff = 2048.',
};

// --- Speculative decoding ---------------------------------------------------------------------

/**
 * Expected tokens per target pass of speculative decoding, Leviathan, Kalman and Matias 2022
 * (arXiv 2211.17192, eq. 1): with γ drafted tokens each accepted independently with probability α,
 * E = (1 − α^(γ+1)) / (1 − α), written as the sum 1 + α + … + α^γ so that α = 1 gives γ + 1.
 */
export function speculativeTokens(alpha: number, gamma: number): number {
  let total = 0;
  for (let k = 0; k <= gamma; k++) total += alpha ** k;
  return total;
}

/** d/dα of 1 + α + … + α^γ: the sum of k α^(k−1). */
export function speculativeTokensRate(alpha: number, gamma: number): number {
  let total = 0;
  for (let k = 1; k <= gamma; k++) total += k * alpha ** (k - 1);
  return total;
}

/**
 * Walltime improvement factor, Theorem 3.8 of the same paper: tokens per pass divided by the cost
 * of a pass, γ draft steps at c target steps each plus one target step.
 */
export function speculativeSpeedup(alpha: number, gamma: number, c: number): number {
  return speculativeTokens(alpha, gamma) / (gamma * c + 1);
}

const SPEC_GAMMA: ParamSpec = { name: 'gamma', label: 'Drafted tokens γ', min: 1, max: 10, step: 1, default: 4 };

const speculativeTokensPerPass: FunctionSpec = {
  id: 'speculative-tokens-per-pass',
  label: 'speculative decoding: tokens per target pass against α',
  tex: 'E(\\alpha) = \\frac{1 - \\alpha^{\\gamma + 1}}{1 - \\alpha} = 1 + \\alpha + \\dots + \\alpha^{\\gamma}',
  derivativeTex: "E'(\\alpha) = \\sum_{k=1}^{\\gamma} k\\, \\alpha^{k - 1}",
  xSymbol: 'α',
  xLabel: 'acceptance rate α',
  yLabel: 'expected tokens per target pass',
  params: [SPEC_GAMMA],
  domain: [0, 1],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.8,
  yDomain: () => [0, 11.5],
  f: (a, p) => speculativeTokens(a, param(p, 'gamma')),
  df: (a, p) => speculativeTokensRate(a, param(p, 'gamma')),
  note: 'Leviathan, Kalman and Matias 2022, eq. 1, under their simplifying assumption that every drafted token is accepted independently with the same probability α.',
};

const speculativeSpeedupSpec: FunctionSpec = {
  id: 'speculative-speedup',
  label: 'speculative decoding: walltime speed-up against α',
  tex: 'S(\\alpha) = \\frac{1 - \\alpha^{\\gamma + 1}}{(1 - \\alpha)(\\gamma c + 1)}',
  derivativeTex: "S'(\\alpha) = \\frac{1}{\\gamma c + 1} \\sum_{k=1}^{\\gamma} k\\, \\alpha^{k - 1}",
  xSymbol: 'α',
  xLabel: 'acceptance rate α',
  yLabel: 'speed-up over plain decoding',
  params: [
    SPEC_GAMMA,
    { name: 'c', label: 'Cost of a draft step c (in target steps)', min: 0, max: 0.5, step: 0.01, default: 0.05 },
  ],
  domain: [0, 1],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.8,
  yDomain: () => [0, 11.5],
  f: (a, p) => speculativeSpeedup(a, param(p, 'gamma'), param(p, 'c')),
  df: (a, p) => speculativeTokensRate(a, param(p, 'gamma')) / (param(p, 'gamma') * param(p, 'c') + 1),
  note: 'Leviathan, Kalman and Matias 2022, Theorem 3.8: assumes the target checks γ + 1 positions in the time of one step and that acceptances are independent; below 1 the draft costs more than it saves.',
};

// --- Spread of a dot product ----------------------------------------------------------------

/**
 * Standard deviation of q · k for q, k in R^d with independent zero-mean entries of variance v:
 * each product q_i k_i has variance v², the d products are independent, so Var(q · k) = d v²
 * and the standard deviation is v √d (Vaswani et al. 2017, arXiv 1706.03762, §3.2.1, footnote 4,
 * for v = 1). With scaled = 1 the dot product is divided by √d first, which leaves v.
 */
export function dotProductStd(d: number, v: number, scaled: number): number {
  return v * d ** ((1 - scaled) / 2);
}

const dotProductSpread: FunctionSpec = {
  id: 'dot-product-std',
  label: 'spread of a random dot product against the dimension d',
  tex: '\\operatorname{sd}\\!\\left(\\frac{\\mathbf{q} \\cdot \\mathbf{k}}{d^{\\,s/2}}\\right) = v \\, d^{(1 - s)/2}',
  derivativeTex: '\\text{slope} = \\frac{(1 - s)\\, v}{2} \\, d^{-(1 + s)/2}',
  xSymbol: 'd',
  xLabel: 'dimension d of q and k',
  yLabel: 'standard deviation of the score',
  params: [
    { name: 'v', label: 'Variance v of every entry of q and k', min: 0.25, max: 2, step: 0.25, default: 1 },
    { name: 'scaled', label: 'Divide by √d: s = 0 (no) or 1 (yes)', min: 0, max: 1, step: 1, default: 0 },
  ],
  domain: [1, 512],
  xScale: 'linear',
  xStep: 1,
  x0: 64,
  yDomain: (p) => [0, param(p, 'v') * Math.sqrt(512) * 1.05],
  f: (d, p) => dotProductStd(d, param(p, 'v'), param(p, 'scaled')),
  df: (d, p) => {
    const s = param(p, 'scaled');
    return ((1 - s) * param(p, 'v') * d ** (-(1 + s) / 2)) / 2;
  },
  note: 'Entries independent with mean 0 and variance v, as in footnote 4 of Vaswani et al. 2017 (there v = 1): the unscaled score spreads like √d, the scaled one does not grow.',
};

// --- Bernoulli log-likelihood ----------------------------------------------------------------

/** ℓ(p) = k ln p + z ln(1 − p): k ones and z zeros in n = k + z independent Bernoulli draws. */
export function bernoulliLogLik(p: number, k: number, zeros: number): number {
  return (k > 0 ? k * Math.log(p) : 0) + (zeros > 0 ? zeros * Math.log(1 - p) : 0);
}

const bernoulliLogLikelihood: FunctionSpec = {
  id: 'bernoulli-log-likelihood',
  label: 'Bernoulli log-likelihood against p',
  tex: '\\ell(p) = k \\ln p + (n - k) \\ln(1 - p)',
  derivativeTex: "\\ell'(p) = \\frac{k}{p} - \\frac{n - k}{1 - p}, \\quad \\ell'(p) = 0 \\iff p = \\frac{k}{n}",
  xSymbol: 'p',
  xLabel: 'probability of a one, p',
  yLabel: 'log-likelihood ℓ(p) (nats)',
  params: [
    { name: 'k', label: 'Ones k', min: 0, max: 60, step: 1, default: 3 },
    { name: 'zeros', label: 'Zeros n − k', min: 0, max: 60, step: 1, default: 7 },
  ],
  domain: [0.01, 0.99],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  // From 15 nats below the maximum (at p = k/n, kept inside the domain) to just above it.
  yDomain: (p) => {
    const k = param(p, 'k');
    const zeros = param(p, 'zeros');
    const n = k + zeros;
    const top = n > 0 ? bernoulliLogLik(Math.min(0.99, Math.max(0.01, k / n)), k, zeros) : 0;
    return [top - 15, top + 1.5];
  },
  f: (x, p) => bernoulliLogLik(x, param(p, 'k'), param(p, 'zeros')),
  df: (x, p) => param(p, 'k') / x - param(p, 'zeros') / (1 - x),
  note: 'The maximum sits at the share of ones, k/n; more data with the same share keeps it there and narrows the curve.',
};

// --- Matrix chain: the cost of each grouping -------------------------------------------------

/**
 * FLOPs of each grouping of the chain X Y Z, with X of n0 × n1, Y of n1 × n2 and Z of n2 × n3, at
 * 2ndm FLOPs for an (n × d)(d × m) product (one multiply and one add per term, the matrix
 * multiplication notebook's convention): (XY)Z costs 2 n0 n1 n2 + 2 n0 n2 n3, X(YZ) costs
 * 2 n1 n2 n3 + 2 n0 n1 n3. The matrix-multiplication witness counts the same FLOPs in its loop.
 */
export function chainFlops(n0: number, n1: number, n2: number, n3: number): { left: number; right: number } {
  return { left: 2 * n0 * n1 * n2 + 2 * n0 * n2 * n3, right: 2 * n1 * n2 * n3 + 2 * n0 * n1 * n3 };
}

/** FLOPs of (XY)Z divided by FLOPs of X(YZ): above 1 X(YZ) is cheaper, below 1 (XY)Z is. */
export function chainCostRatio(n0: number, n1: number, n2: number, n3: number): number {
  const { left, right } = chainFlops(n0, n1, n2, n3);
  return left / right;
}

const CHAIN_SIZE = { min: 4, max: 400, step: 4 } as const;

const matmulChainRatio: FunctionSpec = {
  id: 'matmul-chain-ratio',
  label: 'matrix chain: FLOPs of (XY)Z ÷ FLOPs of X(YZ)',
  tex: '\\begin{aligned} r(n_1) &= \\frac{2 n_0 n_1 n_2 + 2 n_0 n_2 n_3}{2 n_1 n_2 n_3 + 2 n_0 n_1 n_3} \\\\ &= \\frac{n_0 n_2 \\, (n_1 + n_3)}{n_1 n_3 \\, (n_0 + n_2)} \\end{aligned}',
  derivativeTex: "r'(n_1) = -\\frac{n_0 n_2}{n_1^2 \\, (n_0 + n_2)}",
  xSymbol: 'n₁',
  xLabel: 'n₁: columns of X = rows of Y',
  yLabel: 'FLOPs of (XY)Z ÷ FLOPs of X(YZ)',
  params: [
    { name: 'n0', label: 'n₀: rows of X (steps of 4)', ...CHAIN_SIZE, default: 200 },
    { name: 'n2', label: 'n₂: columns of Y = rows of Z (steps of 4)', ...CHAIN_SIZE, default: 200 },
    { name: 'n3', label: 'n₃: columns of Z (steps of 4)', ...CHAIN_SIZE, default: 4 },
  ],
  domain: [1, 1000],
  xScale: 'log',
  xStep: 0.01,
  x0: 4,
  f: (n1, p) => chainCostRatio(param(p, 'n0'), n1, param(p, 'n2'), param(p, 'n3')),
  // r = n0 n2 (n1 + n3) / (n1 n3 (n0 + n2)) = (n0 n2 / (n0 + n2)) (1/n3 + 1/n1).
  df: (n1, p) => {
    const n0 = param(p, 'n0');
    const n2 = param(p, 'n2');
    return -(n0 * n2) / (n1 * n1 * (n0 + n2));
  },
  note: 'Same product, two groupings, counted at 2 FLOPs per multiply-add: above 1, X(YZ) is cheaper by that factor; below 1, (XY)Z is. The intermediate is n₀ × n₂ for (XY)Z and n₁ × n₃ for X(YZ). Sizes are whole numbers; the curve joins them.',
};

// --- Contrastive learning ----------------------------------------------------------------------

/**
 * InfoNCE (van den Oord et al. 2018, arXiv 1807.03748, Eq. 4) with the critic exp(cos / τ), when the
 * positive's cosine beats each of N − 1 equal negatives by a margin m:
 * L(m) = −log(e^{m/τ} / (e^{m/τ} + N − 1)) = log(1 + (N − 1) e^{−m/τ}), computed as a softplus of
 * a = log(N − 1) − m/τ so that it stays finite at small τ. L(0) = log N; dL/dm = −σ(a)/τ.
 */
export function infonceMargin(m: number, tau: number, n: number): number {
  return softplus(Math.log(n - 1) - m / tau);
}

/** dL/dm = −(1 − p₊)/τ, where 1 − p₊ = σ(a) is the softmax weight on all the negatives together. */
export function infonceMarginRate(m: number, tau: number, n: number): number {
  const a = Math.log(n - 1) - m / tau;
  return -sigmoid(a) / tau;
}

const infonceMarginSpec: FunctionSpec = {
  id: 'infonce-margin',
  label: 'InfoNCE loss against the positive’s similarity margin',
  tex: 'L(m) = -\\log \\frac{e^{m/\\tau}}{e^{m/\\tau} + (N - 1)} = \\log\\bigl(1 + (N - 1)\\, e^{-m/\\tau}\\bigr)',
  derivativeTex: "L'(m) = -\\frac{1}{\\tau} \\cdot \\frac{(N - 1)\\, e^{-m/\\tau}}{1 + (N - 1)\\, e^{-m/\\tau}}",
  xSymbol: 'm',
  xLabel: 'margin m = cos(positive) − cos(each negative)',
  yLabel: 'loss L (nats)',
  params: [
    { name: 'tau', label: 'Temperature τ', min: 0.02, max: 1, step: 0.01, default: 0.1 },
    { name: 'n', label: 'Candidates N (one positive, N − 1 negatives)', min: 2, max: 4096, step: 1, default: 64 },
  ],
  domain: [-1, 2],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  f: (m, p) => infonceMargin(m, param(p, 'tau'), param(p, 'n')),
  df: (m, p) => infonceMarginRate(m, param(p, 'tau'), param(p, 'n')),
  note: 'InfoNCE of van den Oord et al. 2018 with cosine similarities divided by τ, as SimCLR and CLIP use it, in the special case where all N − 1 negatives share one cosine; at m = 0 the loss is log N.',
};

// --- Preference learning -------------------------------------------------------------------------

/**
 * The Bradley–Terry log loss of a preference pair whose score margin is m, read at scale 1/β:
 * L = −log σ(β m) = log(1 + e^{−β m}), computed as a softplus so that it stays finite for large |β m|.
 * L(0) = log 2; dL/dm = −β σ(−β m).
 */
export function preferenceLoss(m: number, beta: number): number {
  return softplus(-beta * m);
}

/** dL/dm = −β σ(−β m): the weight the pair gets is the probability the model gives the wrong order. */
export function preferenceLossRate(m: number, beta: number): number {
  return -beta * sigmoid(-beta * m);
}

const bradleyTerryLossSpec: FunctionSpec = {
  id: 'bradley-terry-loss',
  label: 'Reward-model loss against the reward margin (Bradley–Terry)',
  tex: 'L(\\Delta r) = -\\log \\sigma(\\Delta r / \\beta) = \\log\\bigl(1 + e^{-\\Delta r/\\beta}\\bigr)',
  derivativeTex: "L'(\\Delta r) = -\\frac{1}{\\beta}\\, \\sigma(-\\Delta r/\\beta)",
  xSymbol: 'Δr',
  xLabel: 'reward margin Δr = r(x, y_w) − r(x, y_l)',
  yLabel: 'loss L (nats)',
  params: [{ name: 'beta', label: 'Reward scale β (the margin that gives odds of e to 1)', min: 0.25, max: 4, step: 0.05, default: 1 }],
  domain: [-6, 6],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0,
  f: (d, p) => preferenceLoss(d, 1 / param(p, 'beta')),
  df: (d, p) => preferenceLossRate(d, 1 / param(p, 'beta')),
  note: 'Equation 1 of InstructGPT (Ouyang et al. 2022) for one pair, with β = 1; a larger β stretches the reward axis, and β = 1 is the convention that sets the reward’s unit.',
};

const dpoLossSpec: FunctionSpec = {
  id: 'dpo-loss',
  label: 'DPO loss against the log-ratio margin',
  tex: 'L(h) = -\\log \\sigma(\\beta h) = \\log\\bigl(1 + e^{-\\beta h}\\bigr)',
  derivativeTex: "L'(h) = -\\beta\\, \\sigma(-\\beta h)",
  xSymbol: 'h',
  xLabel: 'log-ratio margin h = log π/π_ref (y_w) − log π/π_ref (y_l), nats',
  yLabel: 'loss L (nats)',
  params: [{ name: 'beta', label: 'KL weight β', min: 0.01, max: 1, step: 0.01, default: 0.1 }],
  domain: [-40, 40],
  xScale: 'linear',
  xStep: 0.1,
  x0: 0,
  f: (h, p) => preferenceLoss(h, param(p, 'beta')),
  df: (h, p) => preferenceLossRate(h, param(p, 'beta')),
  note: 'Equation 7 of Rafailov et al. 2023 for one pair: the implicit reward margin is β h, so a small β needs a large change in log-probabilities to move the loss.',
};

// --- Variational autoencoder ------------------------------------------------------------------

/**
 * The evidence lower bound of the 1-D linear-Gaussian model p(z) = N(0, 1), p(x | z) = N(z, 1) for
 * an encoder q(z | x) = N(m, s²): E_q[log p(x | z)] − KL(q ‖ p(z)), with the KL in the closed form
 * of Kingma & Welling 2013 (arXiv 1312.6114, Appendix B). It never exceeds log p(x) = log N(x; 0, 2)
 * and equals it at the true posterior m = x/2, s² = 1/2. The variational-autoencoder witness
 * computes the same numbers.
 */
export function vaeElbo(m: number, x: number, s: number): number {
  const recon = -0.5 * (Math.log(2 * Math.PI) + (x - m) ** 2 + s * s);
  const kl = -0.5 * (1 + Math.log(s * s) - m * m - s * s);
  return recon - kl;
}

/** log p(x) for p(x) = N(0, 2): the ceiling the ELBO touches only at the true posterior. */
export function vaeLogEvidence(x: number): number {
  return -0.5 * Math.log(4 * Math.PI) - (x * x) / 4;
}

const vaeElboMean: FunctionSpec = {
  id: 'vae-elbo-mean',
  label: 'VAE: ELBO against the encoder’s mean (linear-Gaussian model)',
  tex: '\\begin{aligned} \\mathcal{L}(m) &= -\\tfrac12 \\ln 2\\pi - \\tfrac12 (x - m)^2 - \\tfrac12 s^2 \\\\ &\\quad - \\tfrac12 \\left(m^2 + s^2 - 1 - \\ln s^2\\right) \\end{aligned}',
  derivativeTex: "\\mathcal{L}'(m) = x - 2m, \\quad \\mathcal{L}'(m) = 0 \\iff m = \\tfrac{x}{2}",
  xSymbol: 'm',
  xLabel: 'encoder mean m',
  yLabel: 'ELBO (nats)',
  params: [
    { name: 'x', label: 'Observed x', min: -4, max: 4, step: 0.1, default: 2 },
    { name: 's', label: 'Encoder standard deviation s', min: 0.1, max: 2, step: 0.01, default: 1 },
  ],
  domain: [-4, 4],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0,
  // The ceiling log p(x) near the top, so the gap below it is visible at every x.
  yDomain: (p) => {
    const top = vaeLogEvidence(param(p, 'x'));
    return [top - 10, top + 1];
  },
  f: (m, p) => vaeElbo(m, param(p, 'x'), param(p, 's')),
  df: (m, p) => param(p, 'x') - 2 * m,
  note: 'Prior N(0, 1), decoder N(z, 1), encoder N(m, s²). The ceiling is ln p(x) = −½ ln 4π − x²/4 (−2.266 nats at x = 2); the ELBO reaches it only at m = x/2 with s = 0.71, the exact posterior.',
};

// --- Diffusion models ---------------------------------------------------------------------------

/** Steps of the DDPM forward process (Ho et al. 2020, arXiv 2006.11239, section 4: T = 1000). */
export const DDPM_T = 1000;

/**
 * ln ᾱ_t for a linear schedule β_s = β₁ + (β_T − β₁)(s − 1)/(T − 1), s = 1..T, where
 * ᾱ_t = Π_{s ≤ t} (1 − β_s). The sum of ln(1 − β_s) is taken as the integral of ln(1 − β(u)) from
 * u = ½ to t + ½ (the midpoint rule), which is smooth in t and within 10⁻⁷ of the product at whole t (in ln ᾱ).
 */
export function ddpmLogAlphaBar(t: number, beta1: number, betaT: number, T = DDPM_T): number {
  const k = (betaT - beta1) / (T - 1);
  const w = (u: number) => 1 - beta1 - k * (u - 1);
  if (Math.abs(k) < 1e-15) return t * Math.log(1 - beta1);
  const F = (u: number) => {
    const v = w(u);
    return -(v * Math.log(v) - v) / k;
  };
  return F(t + 0.5) - F(0.5);
}

const ddpmSignalFraction: FunctionSpec = {
  id: 'ddpm-signal-fraction',
  label: 'DDPM: signal fraction √ᾱ_t against the step t (linear β schedule)',
  tex: '\\sqrt{\\bar\\alpha_t} = \\sqrt{\\textstyle\\prod_{s=1}^{t} (1 - \\beta_s)}',
  derivativeTex: "\\frac{d}{dt}\\sqrt{\\bar\\alpha_t} \\approx \\tfrac12 \\sqrt{\\bar\\alpha_t}\\, \\ln(1 - \\beta_t)",
  xSymbol: 't',
  xLabel: 'step t of the forward process',
  yLabel: 'signal fraction √ᾱ_t',
  params: [
    { name: 'beta1', label: 'First variance β₁', min: 0.00001, max: 0.001, step: 0.00001, default: 0.0001 },
    { name: 'betaT', label: 'Last variance β_T', min: 0.001, max: 0.05, step: 0.001, default: 0.02 },
  ],
  domain: [0, DDPM_T],
  xScale: 'linear',
  xStep: 1,
  x0: 500,
  yDomain: () => [0, 1.05],
  f: (t, p) => Math.exp(0.5 * ddpmLogAlphaBar(t, param(p, 'beta1'), param(p, 'betaT'))),
  // d/dt of exp(½ ln ᾱ): ½ √ᾱ times the integrand at the upper limit, ln(1 − β(t + ½)).
  df: (t, p) => {
    const b1 = param(p, 'beta1');
    const bT = param(p, 'betaT');
    const beta = b1 + ((bT - b1) * (t + 0.5 - 1)) / (DDPM_T - 1);
    return 0.5 * Math.exp(0.5 * ddpmLogAlphaBar(t, b1, bT)) * Math.log(1 - beta);
  },
  note: 'T = 1000 steps with β rising linearly from 10⁻⁴ to 0.02, as in DDPM; x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, so √ᾱ_t is how much of the data survives at step t (0.0064 at t = 1000).',
};

// --- Reward model over-optimisation ---------------------------------------------------------

/**
 * Gao, Schulman and Hilton 2022 (arXiv 2210.10760) fit the gold reward model's score, measured
 * from the initial policy's, against d = √KL(π ‖ π_init): best-of-n follows d (α − β d) and RL
 * follows d (α − β log d). Both start at 0 at d = 0; best-of-n peaks at d = α / (2β).
 */
export function gaoBestOfNGold(d: number, alpha: number, beta: number): number {
  return d * (alpha - beta * d);
}

export function gaoRlGold(d: number, alpha: number, beta: number): number {
  return d <= 0 ? 0 : d * (alpha - beta * Math.log(d));
}

const GAO_ALPHA: ParamSpec = { name: 'alpha', label: 'Gain coefficient α', min: 0, max: 4, step: 0.05, default: 2 };
const GAO_BETA: ParamSpec = { name: 'beta', label: 'Over-optimisation coefficient β', min: 0, max: 2, step: 0.01, default: 0.75 };

const gaoBestOfNSpec: FunctionSpec = {
  id: 'gao-bon-gold',
  label: 'over-optimisation: gold reward of best-of-n against d = √KL',
  tex: 'R_{\\text{bon}}(d) = d\\,(\\alpha - \\beta d)',
  derivativeTex: "R_{\\text{bon}}'(d) = \\alpha - 2 \\beta d",
  xSymbol: 'd',
  xLabel: 'd = √KL(π ‖ π_init), in √nats',
  yLabel: 'gold reward gain',
  params: [GAO_ALPHA, GAO_BETA],
  domain: [0, 6],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1,
  yDomain: () => [-4, 6],
  f: (d, p) => gaoBestOfNGold(d, param(p, 'alpha'), param(p, 'beta')),
  df: (d, p) => param(p, 'alpha') - 2 * param(p, 'beta') * d,
  note: 'Functional form of Gao, Schulman and Hilton 2022 for best-of-n; they fit α and β per proxy reward model. The defaults, α = 2 and β = 0.75, are the reward-hacking notebook’s toy, not values from the paper.',
};

const gaoRlSpec: FunctionSpec = {
  id: 'gao-rl-gold',
  label: 'over-optimisation: gold reward of RL against d = √KL',
  tex: 'R_{\\text{RL}}(d) = d\\,(\\alpha - \\beta \\log d)',
  derivativeTex: "R_{\\text{RL}}'(d) = \\alpha - \\beta\\,(\\log d + 1)",
  xSymbol: 'd',
  xLabel: 'd = √KL(π ‖ π_init), in √nats',
  yLabel: 'gold reward gain',
  params: [GAO_ALPHA, GAO_BETA],
  domain: [0.01, 20],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1,
  yDomain: () => [-4, 6],
  f: (d, p) => gaoRlGold(d, param(p, 'alpha'), param(p, 'beta')),
  df: (d, p) => param(p, 'alpha') - param(p, 'beta') * (Math.log(d) + 1),
  note: 'Functional form of Gao, Schulman and Hilton 2022 for RL (log is natural); it peaks at d = exp(α/β − 1). The defaults are illustrative, not values from the paper.',
};

// --- Reproducibility and versioning (the mlops notebooks) ----------------------------------

/**
 * Φ(z), the standard normal CDF, from erfc by the rational Chebyshev fit of Numerical Recipes
 * (fractional error below 1.2 × 10⁻⁷ everywhere); finite for every finite z.
 */
export function seedNormalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const poly =
    -ax * ax - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfcAx = t * Math.exp(poly);
  const erfcX = x >= 0 ? erfcAx : 2 - erfcAx;
  return 0.5 * erfcX;
}

/** P(the mean of n seeds ranks the worse of two models first) = Φ(−Δ√n / (σ√2)). */
export function wrongPickProbability(n: number, gap: number, sd: number): number {
  return seedNormalCdf((-gap * Math.sqrt(n)) / (sd * Math.SQRT2));
}

/** dP/dn = −φ(z) · Δ / (2σ√(2n)), with z = Δ√n / (σ√2). */
export function wrongPickRate(n: number, gap: number, sd: number): number {
  const z = (gap * Math.sqrt(n)) / (sd * Math.SQRT2);
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return (-density * gap) / (2 * sd * Math.sqrt(2 * n));
}

const seedWrongPick: FunctionSpec = {
  id: 'seed-wrong-pick',
  label: 'chance that n seeds per model rank the worse model first',
  tex: 'P_{\\text{wrong}}(n) = \\Phi\\!\\left(-\\frac{\\Delta \\sqrt{n}}{\\sigma \\sqrt{2}}\\right)',
  derivativeTex:
    "P_{\\text{wrong}}'(n) = -\\varphi(z)\\,\\frac{\\Delta}{2 \\sigma \\sqrt{2 n}}, \\quad z = \\frac{\\Delta \\sqrt{n}}{\\sigma \\sqrt{2}}",
  xSymbol: 'n',
  xLabel: 'n, seeds per model',
  yLabel: 'P(wrong model ranked first)',
  params: [
    { name: 'gap', label: 'True gap Δ (accuracy points)', min: 0, max: 3, step: 0.05, default: 1 },
    { name: 'sd', label: 'Seed-to-seed std σ (accuracy points)', min: 0.1, max: 3, step: 0.05, default: 1 },
  ],
  domain: [1, 30],
  xScale: 'linear',
  xStep: 1,
  x0: 1,
  yDomain: () => [0, 0.55],
  f: (n, p) => wrongPickProbability(n, param(p, 'gap'), param(p, 'sd')),
  df: (n, p) => wrongPickRate(n, param(p, 'gap'), param(p, 'sd')),
  note: 'Assumes each model’s score over seeds is normal with the same σ and the seeds are independent; the reproducibility notebook’s witness checks the formula by simulation.',
};

/** P(some two of k random b-bit ids coincide) ≈ 1 − exp(−k(k − 1) / 2^(b+1)), the birthday bound. */
export function hashCollisionProbability(k: number, b: number): number {
  return -Math.expm1((-k * (k - 1)) / 2 ** (b + 1));
}

/** dP/dk = exp(−k(k − 1) / 2^(b+1)) · (2k − 1) / 2^(b+1). */
export function hashCollisionRate(k: number, b: number): number {
  const scale = 2 ** (b + 1);
  return (Math.exp((-k * (k - 1)) / scale) * (2 * k - 1)) / scale;
}

const hashCollision: FunctionSpec = {
  id: 'hash-collision',
  label: 'chance that two of k content ids of b bits collide',
  tex: 'P_{\\text{coll}}(k) \\approx 1 - e^{-k(k-1)/2^{b+1}}',
  derivativeTex: "P_{\\text{coll}}'(k) \\approx e^{-k(k-1)/2^{b+1}} \\, \\frac{2k - 1}{2^{b+1}}",
  xSymbol: 'k',
  xLabel: 'k, number of stored objects',
  yLabel: 'P(at least one collision)',
  params: [{ name: 'b', label: 'Id length b (bits)', min: 8, max: 64, step: 4, default: 32 }],
  domain: [1, 1e12],
  xScale: 'log',
  xStep: 0.01,
  x0: 10_000,
  yDomain: () => [0, 1.05],
  f: (k, p) => hashCollisionProbability(k, param(p, 'b')),
  df: (k, p) => hashCollisionRate(k, param(p, 'b')),
  note: 'Treats the hash as a random function, as the versioning notebook’s witness checks by simulation at 16 bits; a full SHA-256 id (b = 256) stays below 10⁻⁵⁰ for a trillion objects.',
};

// --- Training compute ---------------------------------------------------------------------

/**
 * Wall-clock days to spend C training FLOPs on G accelerators of peak P FLOP/s each, running at
 * model FLOPs utilisation u (Chowdhery et al. 2022, arXiv 2204.02311, §4.1 and Appendix B):
 * t = C / (G · u · P · 86,400). G · t is the accelerator-days. The defaults are GPT-3's
 * 3.14 × 10²³ FLOPs (Brown et al. 2020, Table D.1) on 1,024 A100s at their dense BF16 peak of
 * 312 TFLOP/s (NVIDIA datasheet).
 */
export function trainingDays(C: number, mfu: number, peakFlops: number, gpus: number): number {
  return C / (gpus * mfu * peakFlops * 86400);
}

const trainingDaysMfu: FunctionSpec = {
  id: 'training-days-mfu',
  label: 'training time against model FLOPs utilisation',
  tex: 't(u) = \\frac{C}{G \\, u \\, P \\cdot 86{,}400 \\ \\text{s/day}}',
  derivativeTex: "t'(u) = -\\frac{t(u)}{u}",
  xSymbol: 'u',
  xLabel: 'model FLOPs utilisation u (MFU)',
  yLabel: 'training time t (days)',
  params: [
    { name: 'logc', label: 'Training compute log₁₀ C (FLOPs)', min: 20, max: 26, step: 0.001, default: 23.497 },
    { name: 'peak', label: 'Peak per accelerator P (TFLOP/s)', min: 50, max: 2000, step: 1, default: 312 },
    { name: 'gpus', label: 'Accelerators G', min: 8, max: 16384, step: 8, default: 1024 },
  ],
  domain: [0.05, 0.8],
  xScale: 'linear',
  xStep: 0.005,
  x0: 0.4,
  f: (u, p) => trainingDays(10 ** param(p, 'logc'), u, param(p, 'peak') * 1e12, param(p, 'gpus')),
  df: (u, p) => -trainingDays(10 ** param(p, 'logc'), u, param(p, 'peak') * 1e12, param(p, 'gpus')) / u,
  note: 'The defaults are GPT-3’s 3.14 × 10²³ training FLOPs (Brown et al. 2020, Table D.1) on 1,024 A100s at the dense BF16 peak of 312 TFLOP/s; multiply t by G for accelerator-days. PaLM reported an MFU of 46.2 % (Chowdhery et al. 2022, Table 3).',
};

// --- Emergent abilities ---------------------------------------------------------------------

/**
 * Schaeffer, Miranda and Koyejo 2023 (arXiv 2304.15004), §2: with a per-token loss that falls
 * as a power law, ℓ(N) = (N_c / N)^α, one answer token is right with probability p = e^(−ℓ);
 * exact match on an answer of K tokens scores p^K = e^(−Kℓ), and the token edit distance is about K (1 − p).
 * N_c = 10⁹ and the defaults are a toy family, not a fit to any model.
 */
export const EMERGENCE_NC = 1e9;

export function perTokenLoss(N: number, alpha: number): number {
  return (EMERGENCE_NC / N) ** alpha;
}

export function exactMatch(N: number, alpha: number, K: number): number {
  return Math.exp(-K * perTokenLoss(N, alpha));
}

export function tokenEditDistance(N: number, alpha: number, K: number): number {
  return -K * Math.expm1(-perTokenLoss(N, alpha));
}

const EMERGENCE_K: ParamSpec = { name: 'K', label: 'Answer length K (tokens)', min: 1, max: 30, step: 1, default: 10 };
const EMERGENCE_ALPHA: ParamSpec = { name: 'alpha', label: 'Loss exponent α', min: 0.2, max: 1, step: 0.01, default: 0.5 };

const exactMatchScale: FunctionSpec = {
  id: 'emergence-exact-match',
  label: 'exact match p^K against model size',
  tex: '\\text{EM}(N) = p(N)^{K} = e^{-K \\, \\ell(N)}, \\quad \\ell(N) = (N_c / N)^{\\alpha}',
  derivativeTex: "\\text{EM}'(N) = \\frac{K \\alpha}{N} \\, \\ell(N) \\, \\text{EM}(N)",
  xSymbol: 'N',
  xLabel: 'parameters N (toy family)',
  yLabel: 'exact match on a K-token answer',
  params: [EMERGENCE_K, EMERGENCE_ALPHA],
  domain: [1e7, 1e13],
  xScale: 'log',
  xStep: 0.01,
  x0: 1e11,
  yDomain: () => [0, 1],
  f: (N, p) => exactMatch(N, param(p, 'alpha'), param(p, 'K')),
  df: (N, p) => {
    const a = param(p, 'alpha');
    const K = param(p, 'K');
    return ((K * a) / N) * perTokenLoss(N, a) * exactMatch(N, a, K);
  },
  note: 'Toy family after Schaeffer et al. 2023, §2: per-token loss (N_c/N)^α with N_c = 10⁹; K = 1 is the per-token accuracy. Not fitted to any real model.',
};

const editDistanceScale: FunctionSpec = {
  id: 'emergence-edit-distance',
  label: 'token edit distance K(1 − p) against model size',
  tex: '\\text{ED}(N) = K \\, \\bigl(1 - p(N)\\bigr) = K \\, \\bigl(1 - e^{-\\ell(N)}\\bigr)',
  derivativeTex: "\\text{ED}'(N) = -\\frac{K \\alpha}{N} \\, \\ell(N) \\, p(N)",
  xSymbol: 'N',
  xLabel: 'parameters N (toy family)',
  yLabel: 'wrong tokens in a K-token answer',
  params: [EMERGENCE_K, EMERGENCE_ALPHA],
  domain: [1e7, 1e13],
  xScale: 'log',
  xStep: 0.01,
  x0: 1e11,
  yDomain: (p) => [0, param(p, 'K')],
  f: (N, p) => tokenEditDistance(N, param(p, 'alpha'), param(p, 'K')),
  df: (N, p) => {
    const a = param(p, 'alpha');
    const l = perTokenLoss(N, a);
    return ((-param(p, 'K') * a) / N) * l * Math.exp(-l);
  },
  note: 'The same toy family scored by a metric linear in the per-token errors, about K(1 − p) (Schaeffer et al. 2023, §2); it falls at every size.',
};

// --- Logistic regression on separable data ------------------------------------------------------

/**
 * Average logistic loss (binary cross-entropy, nats) of a 1-D logistic regression without intercept,
 * p(y = 1 | x) = σ(w x), on five points: zeros at x = −2 and −1, ones at x = 1 and 2, and a fifth one
 * at x = a. Each point costs log(1 + e^{−s w x}) with s = ±1 its signed label, computed as a softplus.
 * For a > 0 the data are separable and the loss falls all the way to 0 as w grows: no minimum. For
 * a < 0 the fifth point sits among the zeros and the minimum is finite (w ≈ 1.224 at a = −1). The
 * logistic-regression witness computes the same numbers.
 */
export function logisticFivePointLoss(w: number, a: number): number {
  return (2 * softplus(-w) + 2 * softplus(-2 * w) + softplus(-a * w)) / 5;
}

/** dL/dw = −[2σ(−w) + 4σ(−2w) + a σ(−a w)] / 5: negative for every w when a ≥ 0. */
export function logisticFivePointLossRate(w: number, a: number): number {
  return -(2 * sigmoid(-w) + 4 * sigmoid(-2 * w) + a * sigmoid(-a * w)) / 5;
}

const logisticSeparableSpec: FunctionSpec = {
  id: 'logistic-separable-loss',
  label: 'Logistic loss of five points against the weight w',
  tex: 'J(w) = \\tfrac{1}{5} \\sum_{i=1}^{5} \\log\\bigl(1 + e^{-s_i w x_i}\\bigr)',
  derivativeTex: "J'(w) = -\\tfrac{1}{5} \\sum_{i=1}^{5} s_i x_i \\, \\sigma(-s_i w x_i)",
  xSymbol: 'w',
  xLabel: 'weight w (the model is p = σ(w x), no intercept)',
  yLabel: 'average loss J(w) (nats)',
  params: [{ name: 'a', label: 'Position a of the fifth point, a one (a > 0: separable)', min: -2, max: 2, step: 0.1, default: 1 }],
  domain: [-1, 8],
  xScale: 'linear',
  xStep: 0.01,
  x0: 2,
  yDomain: () => [0, 2],
  f: (w, p) => logisticFivePointLoss(w, param(p, 'a')),
  df: (w, p) => logisticFivePointLossRate(w, param(p, 'a')),
  note: 'Zeros at x = −2 and −1, ones at x = 1, 2 and a. With a > 0 a threshold at 0 classifies every point and the loss has no minimum; with a < 0 it has one.',
};

// --- Stochastic gradient descent: the noise floor ------------------------------------------------

/**
 * The excess loss at which SGD with a constant step η hovers on a quadratic of curvature λ when each
 * minibatch gradient carries noise of variance σ²/B: ησ² / (2B(2 − ηλ)), here in units of σ² and with
 * λ = 1 (the SGD notebook's mean-estimation loss). Infinite from η = 2/λ on, where SGD diverges.
 */
export function sgdNoiseFloor(eta: number, B: number, lambda = 1): number {
  if (eta * lambda >= 2) return Infinity;
  return eta / (2 * B * (2 - eta * lambda));
}

const sgdNoiseFloorSpec: FunctionSpec = {
  id: 'sgd-noise-floor',
  label: 'SGD: noise floor against the learning rate',
  tex: 'F(\\eta) = \\frac{\\eta}{2B\\,(2 - \\eta)}',
  derivativeTex: "F'(\\eta) = \\frac{1}{B\\,(2 - \\eta)^2}",
  xSymbol: 'η',
  xLabel: 'learning rate η (curvature λ = 1)',
  yLabel: 'excess loss, in units of σ²',
  params: [{ name: 'B', label: 'Batch size B', min: 1, max: 64, step: 1, default: 1 }],
  domain: [0.01, 1.99],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.1,
  yDomain: () => [0, 0.5],
  f: (eta, p) => sgdNoiseFloor(eta, param(p, 'B')),
  df: (eta, p) => 1 / (param(p, 'B') * (2 - eta) ** 2),
  note: 'Stationary excess loss of SGD with a constant step on f(x) = mean of (x − aᵢ)²/2, derived in the stochastic gradient descent notebook and checked there by simulation; it grows without bound as η nears 2/λ = 2.',
};

// --- Vector norms: the Lp unit circle ------------------------------------------------------------

/** The upper-right quarter of the Lp unit circle |x|^p + |y|^p = 1: y = (1 − x^p)^(1/p) for 0 ≤ x ≤ 1. */
export function lpUnitCircle(x: number, p: number): number {
  return Math.pow(Math.max(0, 1 - Math.pow(x, p)), 1 / p);
}

const lpUnitCircleSpec: FunctionSpec = {
  id: 'lp-unit-circle',
  label: 'Lp unit circle (first quadrant)',
  tex: 'y = (1 - x^p)^{1/p}',
  derivativeTex: '\\frac{dy}{dx} = -x^{p-1} (1 - x^p)^{1/p - 1}',
  xSymbol: 'x',
  xLabel: 'x (first coordinate)',
  yLabel: 'y with ‖(x, y)‖ₚ = 1',
  params: [{ name: 'p', label: 'Exponent p', min: 0.5, max: 16, step: 0.1, default: 2 }],
  domain: [0, 1],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0.5,
  yDomain: () => [0, 1.05],
  f: (x, p) => lpUnitCircle(x, param(p, 'p')),
  df: (x, p) => {
    const e = param(p, 'p');
    return -Math.pow(x, e - 1) * Math.pow(Math.max(0, 1 - Math.pow(x, e)), 1 / e - 1);
  },
  note: 'For p ≥ 1 the curve bounds a convex unit ball and ‖·‖ₚ is a norm; below p = 1 it bends inwards and the triangle inequality fails. It crosses the diagonal y = x at 2^(−1/p).',
};

// --- Mutual information ----------------------------------------------------------------------

/**
 * I(X; Y) in nats for k independent pairs of standard Gaussians, each pair with correlation ρ:
 * k times −½ ln(1 − ρ²). Infinite at ρ = ±1, where one variable determines the other. The
 * mutual-information witness computes the same numbers (0.830 nats at ρ = 0.9, k = 1).
 */
export function gaussianMutualInformation(rho: number, k: number): number {
  return -0.5 * k * Math.log(1 - rho * rho) + 0;
}

const gaussianMiSpec: FunctionSpec = {
  id: 'gaussian-mi',
  label: 'Mutual information of correlated Gaussians against the correlation ρ',
  tex: 'I(\\rho) = -\\frac{k}{2} \\ln\\bigl(1 - \\rho^2\\bigr)',
  derivativeTex: "I'(\\rho) = \\frac{k \\rho}{1 - \\rho^2}",
  xSymbol: 'ρ',
  xLabel: 'correlation ρ of each pair',
  yLabel: 'mutual information I (nats)',
  params: [{ name: 'k', label: 'Independent pairs k', min: 1, max: 16, step: 1, default: 1 }],
  domain: [-0.999, 0.999],
  xScale: 'linear',
  xStep: 0.001,
  x0: 0.9,
  yDomain: (p) => [0, 3.6 * param(p, 'k')],
  f: (rho, p) => gaussianMutualInformation(rho, param(p, 'k')),
  df: (rho, p) => (param(p, 'k') * rho) / (1 - rho * rho),
  note: 'Zero at ρ = 0 (independent), the same for ρ and −ρ, and unbounded as |ρ| → 1; divide by ln 2 ≈ 0.693 for bits (1.198 bits at ρ = 0.9).',
};

// --- Normalizing flows -------------------------------------------------------------------------

/**
 * The density of a one-layer 1-D flow: z = f(x) = x + a tanh x with z ~ N(0, 1), so by the change
 * of variables p(x) = N(f(x); 0, 1) · |f′(x)|, f′(x) = 1 + a sech² x. For a > −1 the map is
 * increasing and p integrates to 1; for a < −1 it folds (f′ < 0 near 0) and the same formula
 * overcounts. The normalizing-flows witness computes the same numbers (p(0) = 0.0399 at a = −0.9).
 */
export function flowTanhDensity(x: number, a: number): number {
  const u = x + a * Math.tanh(x);
  const sech = 1 / Math.cosh(x);
  return (Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI)) * Math.abs(1 + a * sech * sech);
}

/** dp/dx = sign(f′) · N(f(x)) · (f″(x) − f(x) f′(x)²), with f″(x) = −2a sech² x tanh x. */
export function flowTanhDensityRate(x: number, a: number): number {
  const u = x + a * Math.tanh(x);
  const sech2 = 1 / Math.cosh(x) ** 2;
  const g = 1 + a * sech2;
  const g1 = -2 * a * sech2 * Math.tanh(x);
  return (Math.sign(g) * Math.exp(-0.5 * u * u) * (g1 - u * g * g)) / Math.sqrt(2 * Math.PI);
}

const flowTanhDensitySpec: FunctionSpec = {
  id: 'flow-tanh-density',
  label: 'Normalizing flow: density of x when z = x + a tanh x is a standard Gaussian',
  tex: '\\begin{aligned} p_x(x) &= \\mathcal{N}\\bigl(f(x); 0, 1\\bigr)\\, \\bigl|f\'(x)\\bigr| \\\\ f(x) &= x + a \\tanh x \\\\ f\'(x) &= 1 + a\\, \\mathrm{sech}^2 x \\end{aligned}',
  derivativeTex: "\\begin{aligned} p_x'(x) &= \\operatorname{sgn} f'(x)\\, \\mathcal{N}\\bigl(f(x); 0, 1\\bigr) \\\\ &\\quad \\cdot \\bigl(f''(x) - f(x)\\, f'(x)^2\\bigr) \\end{aligned}",
  xSymbol: 'x',
  xLabel: 'data value x',
  yLabel: 'density p_x(x)',
  params: [{ name: 'a', label: 'Warp a (invertible only for a > −1)', min: -1.5, max: 3, step: 0.05, default: 0 }],
  domain: [-4, 4],
  xScale: 'linear',
  xStep: 0.01,
  x0: 0,
  // p(0) = (1 + a) N(0) is the top for a > 0; below that the bumps stay under 0.45.
  yDomain: (p) => [0, Math.max(0.45, 0.42 * (1 + param(p, 'a')))],
  f: (x, p) => flowTanhDensity(x, param(p, 'a')),
  df: (x, p) => flowTanhDensityRate(x, param(p, 'a')),
  // Where f′ = 0 (a < −1) |f′| has a corner: cosh² x = −a.
  breaks: (p) => {
    const a = param(p, 'a');
    if (a >= -1) return [];
    const x = Math.acosh(Math.sqrt(-a));
    return [
      { x: -x, kind: 'corner' },
      { x, kind: 'corner' },
    ];
  },
  note: 'One invertible layer z = x + a tanh x pulling data towards a standard Gaussian; at a = 0 it is the identity and p_x is the Gaussian itself. Below a = −1 the map is no longer one-to-one and the formula stops being a density.',
};

// --- Bias and variance against the number of features ----------------------------------------

/**
 * Expected in-sample squared error of least squares on the first p of N orthonormal features
 * (Hastie, Tibshirani & Friedman, ESL §7.3: noise σ² + average bias² + (p/N) σ²), when the true
 * coefficients have θ_j² = S(1 − r) r^j, so that the bias² left after p features is S r^p.
 */
export function biasVarianceError(p: number, N: number, S: number, r: number, s2: number): number {
  return s2 + S * r ** p + (s2 * p) / N;
}

const biasVarianceInSample: FunctionSpec = {
  id: 'bias-variance-in-sample',
  label: 'expected error against the number of features p: noise + bias² + variance',
  tex: '\\mathrm{Err}(p) = \\sigma^2 + S\\, r^{p} + \\sigma^2 \\frac{p}{N}',
  derivativeTex: '\\frac{d\\,\\mathrm{Err}}{dp} = S\\, r^{p} \\ln r + \\frac{\\sigma^2}{N}',
  xSymbol: 'p',
  xLabel: 'number of features p fitted',
  yLabel: 'expected squared error on new targets',
  params: [
    { name: 'N', label: 'Training points N', min: 50, max: 1000, step: 10, default: 50 },
    { name: 'S', label: 'Signal power S (bias² with no features)', min: 0.5, max: 10, step: 0.5, default: 4 },
    { name: 'r', label: 'Share r of the remaining signal each feature leaves', min: 0.5, max: 0.95, step: 0.05, default: 0.8 },
    { name: 's2', label: 'Noise variance σ²', min: 0.1, max: 4, step: 0.1, default: 1 },
  ],
  domain: [0, 50],
  xScale: 'linear',
  xStep: 1,
  x0: 17,
  f: (x, p) => biasVarianceError(x, param(p, 'N'), param(p, 'S'), param(p, 'r'), param(p, 's2')),
  df: (x, p) => param(p, 'S') * param(p, 'r') ** x * Math.log(param(p, 'r')) + param(p, 's2') / param(p, 'N'),
  note: 'Fixed inputs and orthonormal features, so bias² = S rᵖ and variance = σ² p/N exactly (ESL §7.3); the minimum is where the slope crosses 0. The setting is illustrative, checked by the bias-variance witness.',
};

// --- How much K-fold cross-validation overstates the error -------------------------------------

/**
 * Least squares with p features on m training points whose inputs are N(0, I): the expected
 * squared error on a new point is σ²(1 + p/(m − p − 1)). K-fold cross-validation trains on
 * m = N(K − 1)/K points, so its expectation exceeds the error of the model trained on all N;
 * returned in percent of that error (σ² cancels). Needs m > p + 1.
 */
export function kfoldOverstatement(K: number, N: number, p: number): number {
  const m = (N * (K - 1)) / K;
  const errN = 1 + p / (N - p - 1);
  return (100 * (p / (m - p - 1) - p / (N - p - 1))) / errN;
}

const kfoldOverstatementSpec: FunctionSpec = {
  id: 'kfold-overstatement',
  label: 'how much K-fold cross-validation overstates the error, against K',
  tex: '100\\,\\% \\times \\Big(\\frac{\\mathrm{Err}_{m}}{\\mathrm{Err}_{N}} - 1\\Big), \\quad m = N \\frac{K - 1}{K}',
  xSymbol: 'K',
  xLabel: 'number of folds K (K = N is leave-one-out)',
  yLabel: 'overstatement of the error, %',
  params: [
    { name: 'N', label: 'Data points N', min: 100, max: 1000, step: 10, default: 100 },
    { name: 'p', label: 'Features p of the linear model', min: 1, max: 40, step: 1, default: 10 },
  ],
  domain: [2, 100],
  xScale: 'log',
  xStep: 0.01,
  x0: 5,
  f: (K, p) => kfoldOverstatement(K, param(p, 'N'), param(p, 'p')),
  df: (K, p) => {
    const N = param(p, 'N');
    const q = param(p, 'p');
    const m = (N * (K - 1)) / K;
    return (-100 * q * N) / (K * K * (m - q - 1) ** 2 * (1 + q / (N - q - 1)));
  },
  note: 'Errₘ = σ²(1 + p/(m − p − 1)) is the expected error of least squares trained on m points; exact for Gaussian inputs and a correct linear model (checked by the cross-validation witness); it shows the direction and size of the bias, not a rule for every learner.',
};

// --- Ridge regression: expected error against the penalty -------------------------------------

/**
 * Ridge regression with orthonormal inputs (XᵀX = N I) multiplies every least-squares coefficient
 * by s = N/(N + λ) (Hastie, Tibshirani & Friedman, ESL §3.4.1, there with XᵀX = I). Its expected
 * in-sample error is σ² + (1 − s)² S + s² p σ²/N, with S = ‖θ‖² the signal power; lowest at λ = pσ²/S.
 */
export function ridgeError(lam: number, N: number, p: number, S: number, s2: number): number {
  const s = N / (N + lam);
  return s2 + (1 - s) ** 2 * S + (s * s * p * s2) / N;
}

const ridgeErrorSpec: FunctionSpec = {
  id: 'ridge-error',
  label: 'expected error of ridge regression against the penalty λ: noise + bias² + variance',
  tex: '\\mathrm{Err}(\\lambda) = \\sigma^2 + (1 - s)^2 S + s^2 \\frac{p\\,\\sigma^2}{N}, \\quad s = \\frac{N}{N + \\lambda}',
  derivativeTex: '\\frac{d\\,\\mathrm{Err}}{d\\lambda} = \\frac{2N\\,(\\lambda S - p\\,\\sigma^2)}{(N + \\lambda)^3}',
  xSymbol: 'λ',
  xLabel: 'penalty λ (log scale)',
  yLabel: 'expected squared error on new targets',
  params: [
    { name: 'N', label: 'Training points N', min: 50, max: 500, step: 10, default: 50 },
    { name: 'p', label: 'Features p', min: 1, max: 45, step: 1, default: 40 },
    { name: 'S', label: 'Signal power S = ‖θ‖²', min: 0.25, max: 10, step: 0.25, default: 1 },
    { name: 's2', label: 'Noise variance σ²', min: 0.1, max: 4, step: 0.1, default: 1 },
  ],
  domain: [0.1, 1000],
  xScale: 'log',
  xStep: 0.01,
  x0: 40,
  f: (lam, p) => ridgeError(lam, param(p, 'N'), param(p, 'p'), param(p, 'S'), param(p, 's2')),
  df: (lam, p) => {
    const N = param(p, 'N');
    return (2 * N * (lam * param(p, 'S') - param(p, 'p') * param(p, 's2'))) / (N + lam) ** 3;
  },
  note: 'Orthonormal inputs and a correct linear model, so every term is exact (checked by the regularization witness); least squares is λ = 0, where the error is σ²(1 + p/N), and the minimum sits at λ = pσ²/S.',
};

// --- Evaluation pipelines: error bars on a benchmark score -----------------------------------

/** Two-sided 95 % point of the standard normal, as in the evaluation-pipelines witness. */
export const EVAL_Z95 = 1.96;

/**
 * Half-width of the 95 % interval of one accuracy p measured on n independent items, in
 * percentage points: 100 · 1.96 · √(p(1 − p)/n) (Miller 2024, arXiv 2411.00640, on standard errors of independent questions).
 */
export function accuracyCiHalfwidth(n: number, p: number): number {
  return 100 * EVAL_Z95 * Math.sqrt((p * (1 - p)) / n);
}

/**
 * Half-width of the 95 % interval of the difference between two models with the same accuracy p,
 * scored on the same n items, whose per-item scores have correlation ρ, in percentage points:
 * 100 · 1.96 · √(2p(1 − p)(1 − ρ)/n). ρ = 0 is the unpaired interval; pairing gains through ρ > 0
 * (Miller 2024, on paired comparisons).
 */
export function pairedDiffCiHalfwidth(n: number, p: number, rho: number): number {
  return 100 * EVAL_Z95 * Math.sqrt((2 * p * (1 - p) * Math.max(0, 1 - rho)) / n);
}

const EVAL_ACCURACY: ParamSpec = { name: 'p', label: 'Accuracy p', min: 0.05, max: 0.95, step: 0.01, default: 0.7 };

const accuracyCiHalfwidthSpec: FunctionSpec = {
  id: 'accuracy-ci-halfwidth',
  label: 'error bar of one accuracy against the number of items n',
  tex: 'h(n) = 100 \\cdot 1.96 \\sqrt{\\frac{p\\,(1 - p)}{n}}',
  derivativeTex: "h'(n) = -\\frac{h(n)}{2n}",
  xSymbol: 'n',
  xLabel: 'test items n',
  yLabel: '95 % half-width (percentage points)',
  params: [EVAL_ACCURACY],
  domain: [10, 100_000],
  xScale: 'log',
  xStep: 0.01,
  x0: 1000,
  yDomain: () => [0, 20],
  f: (n, p) => accuracyCiHalfwidth(n, param(p, 'p')),
  df: (n, p) => -accuracyCiHalfwidth(n, param(p, 'p')) / (2 * n),
  note: 'Normal approximation to the mean of n independent 0/1 scores; it needs items drawn independently and is poor for small n or p near 0 or 1.',
};

const pairedDiffCiHalfwidthSpec: FunctionSpec = {
  id: 'paired-diff-ci-halfwidth',
  label: 'error bar of a difference between two models on the same n items',
  tex: 'h_{\\Delta}(n) = 100 \\cdot 1.96 \\sqrt{\\frac{2 p\\,(1 - p)(1 - \\rho)}{n}}',
  derivativeTex: "h_{\\Delta}'(n) = -\\frac{h_{\\Delta}(n)}{2n}",
  xSymbol: 'n',
  xLabel: 'test items n, shared by both models',
  yLabel: '95 % half-width of the gap (points)',
  params: [
    EVAL_ACCURACY,
    { name: 'rho', label: 'Per-item correlation ρ (0: unpaired)', min: 0, max: 0.95, step: 0.05, default: 0.5 },
  ],
  domain: [10, 100_000],
  xScale: 'log',
  xStep: 0.01,
  x0: 1000,
  yDomain: () => [0, 20],
  f: (n, p) => pairedDiffCiHalfwidth(n, param(p, 'p'), param(p, 'rho')),
  df: (n, p) => -pairedDiffCiHalfwidth(n, param(p, 'p'), param(p, 'rho')) / (2 * n),
  note: 'Both models at accuracy p; ρ is the correlation of their per-item 0/1 scores. At ρ = 0 this is the unpaired interval √2 times one model’s; at ρ = 0.5 it equals one model’s.',
};

// --- Quantization --------------------------------------------------------------------------

/**
 * RMS rounding error of uniform quantization to b bits over a range r (in units of the values'
 * typical spread): step s = r / (2^b − 1), error spread evenly over [−s/2, s/2], so its root
 * mean square is s / √12 (the quantization notebook's witness checks the 1/12 on a million values).
 */
export function quantizationRmsError(b: number, r: number): number {
  return r / ((2 ** b - 1) * Math.sqrt(12));
}

/** d/db of r / ((2^b − 1) √12) = −r · 2^b ln 2 / ((2^b − 1)² √12). */
export function quantizationRmsErrorRate(b: number, r: number): number {
  const levels = 2 ** b - 1;
  return (-r * 2 ** b * Math.LN2) / (levels * levels * Math.sqrt(12));
}

const quantizationRmsErrorSpec: FunctionSpec = {
  id: 'quantization-rms-error',
  label: 'rounding error of b-bit quantization over a range r',
  tex: 'e(b) = \\frac{s}{\\sqrt{12}} = \\frac{r}{(2^b - 1)\\sqrt{12}}',
  derivativeTex: "e'(b) = -\\frac{r \\, 2^b \\ln 2}{(2^b - 1)^2 \\sqrt{12}}",
  xSymbol: 'b',
  xLabel: 'bits b per value',
  yLabel: 'rms error, in units of the typical spread',
  params: [{ name: 'r', label: 'Range r covered by the scale (typical spread = 1)', min: 2, max: 500, step: 1, default: 10 }],
  domain: [1, 16],
  xScale: 'linear',
  xStep: 0.01,
  x0: 8,
  yDomain: () => [0, 1],
  f: (b, p) => quantizationRmsError(b, param(p, 'r')),
  df: (b, p) => quantizationRmsErrorRate(b, param(p, 'r')),
  note: 'About 10 is the range of a million unit-spread Gaussian values; one column 50 times larger stretches a shared scale to about 400. Integer b are the real formats; the curve between them is for reading.',
};

// --- Gaussian density and Bayes' rule for a test ----------------------------------------------

/**
 * The Gaussian density N(x; μ, σ²) = exp(−(x − μ)² / 2σ²) / (σ √(2π)). The gaussian-distribution
 * witness computes the same numbers (peak 0.3989 at σ = 1, 0.2420 one σ from the mean).
 */
export function gaussianDensity(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}

const gaussianDensitySpec: FunctionSpec = {
  id: 'gaussian-density',
  label: 'Gaussian density against x',
  tex: 'f(x) = \\frac{1}{\\sigma\\sqrt{2\\pi}} \\exp\\!\\left(-\\frac{(x - \\mu)^2}{2\\sigma^2}\\right)',
  derivativeTex: "f'(x) = -\\frac{x - \\mu}{\\sigma^2} \\, f(x)",
  xSymbol: 'x',
  xLabel: 'value x',
  yLabel: 'density f(x) (per unit of x)',
  params: [
    { name: 'mu', label: 'Mean μ', min: -3, max: 3, step: 0.25, default: 0 },
    { name: 'sigma', label: 'Standard deviation σ', min: 0.25, max: 3, step: 0.25, default: 1 },
  ],
  domain: [-6, 6],
  xScale: 'linear',
  xStep: 0.01,
  x0: 1,
  yDomain: () => [0, 1.65],
  f: (x, p) => gaussianDensity(x, param(p, 'mu'), param(p, 'sigma')),
  df: (x, p) => (-(x - param(p, 'mu')) / param(p, 'sigma') ** 2) * gaussianDensity(x, param(p, 'mu'), param(p, 'sigma')),
  note: 'The peak is 1/(σ√(2π)), 0.399 at σ = 1; halving σ doubles the peak, because the area under the curve stays 1. The slope is steepest one σ from the mean.',
};

/**
 * P(condition | positive test) by Bayes' rule, for prior π, sensitivity s = P(+ | condition) and
 * specificity c = P(− | no condition): s π / (s π + (1 − c)(1 − π)). The bayes-rule witness
 * computes the same numbers (0.0902 at π = 0.001, s = c = 0.99; 0.5 at π = 0.01).
 */
export function testPosterior(prior: number, sens: number, spec: number): number {
  const hit = sens * prior;
  return hit / (hit + (1 - spec) * (1 - prior));
}

const bayesTestPosteriorSpec: FunctionSpec = {
  id: 'bayes-test-posterior',
  label: 'Probability of the condition after a positive test, against the prior',
  tex: 'P(D \\mid +) = \\frac{s\\,\\pi}{s\\,\\pi + (1 - c)(1 - \\pi)}',
  derivativeTex: '\\frac{dP(D \\mid +)}{d\\pi} = \\frac{s\\,(1 - c)}{\\bigl(s\\,\\pi + (1 - c)(1 - \\pi)\\bigr)^2}',
  xSymbol: 'π',
  xLabel: 'prior π = P(D), the base rate',
  yLabel: 'posterior P(D | +)',
  params: [
    { name: 'sens', label: 'Sensitivity s = P(+ | D)', min: 0.5, max: 0.999, step: 0.001, default: 0.99 },
    { name: 'spec', label: 'Specificity c = P(− | not D)', min: 0.5, max: 0.999, step: 0.001, default: 0.99 },
  ],
  domain: [0.0001, 1],
  xScale: 'log',
  xStep: 0.01,
  x0: 0.001,
  yDomain: () => [0, 1.02],
  f: (x, p) => testPosterior(x, param(p, 'sens'), param(p, 'spec')),
  df: (x, p) => {
    const s = param(p, 'sens');
    const fp = 1 - param(p, 'spec');
    return (s * fp) / (s * x + fp * (1 - x)) ** 2;
  },
  note: 'At a base rate of 1 in 1,000 a test with 99 % sensitivity and 99 % specificity is right about a positive only 9 % of the time; the false positives from the many healthy outnumber the true ones.',
};

export const REGISTRY: readonly FunctionSpec[] = [
  sinOfSquare,
  tanhAffine,
  sigmoidAffine,
  reluLeaky,
  softmaxTemperature,
  lrWarmupCosine,
  lrStepDecay,
  scalingLaw,
  attentionHbmRatioSpec,
  scoresPerQuery,
  chinchillaIsoflop,
  blockAttention,
  speculativeTokensPerPass,
  speculativeSpeedupSpec,
  dotProductSpread,
  bernoulliLogLikelihood,
  matmulChainRatio,
  infonceMarginSpec,
  bradleyTerryLossSpec,
  dpoLossSpec,
  vaeElboMean,
  ddpmSignalFraction,
  gaoBestOfNSpec,
  gaoRlSpec,
  seedWrongPick,
  hashCollision,
  trainingDaysMfu,
  exactMatchScale,
  editDistanceScale,
  logisticSeparableSpec,
  sgdNoiseFloorSpec,
  lpUnitCircleSpec,
  gaussianMiSpec,
  flowTanhDensitySpec,
  biasVarianceInSample,
  kfoldOverstatementSpec,
  ridgeErrorSpec,
  accuracyCiHalfwidthSpec,
  pairedDiffCiHalfwidthSpec,
  quantizationRmsErrorSpec,
  gaussianDensitySpec,
  bayesTestPosteriorSpec,
];

export const getFunction = (id: string): FunctionSpec | undefined => REGISTRY.find((s) => s.id === id);

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
