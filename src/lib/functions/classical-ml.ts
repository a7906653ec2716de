/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Classical ML and probability: the Bernoulli log-likelihood, bias and variance against the number
 * of features, K-fold cross-validation, ridge regression, the Gaussian density and Bayes' rule for
 * a test.
 */
import { type FunctionSpec, param } from './spec';

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

export const CLASSICAL_ML: readonly FunctionSpec[] = [
  bernoulliLogLikelihood,
  biasVarianceInSample,
  kfoldOverstatementSpec,
  ridgeErrorSpec,
  gaussianDensitySpec,
  bayesTestPosteriorSpec,
];
