/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Optimization: learning-rate schedules, logistic regression on separable data, and the noise floor
 * of stochastic gradient descent.
 */
import { type FunctionSpec, param, sigmoid, softplus } from './spec';

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

export const OPTIMIZATION: readonly FunctionSpec[] = [
  lrWarmupCosine,
  lrStepDecay,
  logisticSeparableSpec,
  sgdNoiseFloorSpec,
];
