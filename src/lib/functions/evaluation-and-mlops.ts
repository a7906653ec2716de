/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Evaluation and MLOps: the chance a seed picks the wrong model, hash collisions, and error bars on
 * a benchmark score.
 */
import { type FunctionSpec, type ParamSpec, param } from './spec';

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

export const EVALUATION_AND_MLOPS: readonly FunctionSpec[] = [
  seedWrongPick,
  hashCollision,
  accuracyCiHalfwidthSpec,
  pairedDiffCiHalfwidthSpec,
];
