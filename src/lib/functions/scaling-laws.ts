/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Scaling laws: loss against parameters (Kaplan), Chinchilla along a fixed compute budget, training
 * days at a given utilization, and emergence as a choice of metric.
 */
import { type FunctionSpec, type ParamSpec, param } from './spec';

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

export const SCALING_LAWS: readonly FunctionSpec[] = [
  scalingLaw,
  chinchillaIsoflop,
  trainingDaysMfu,
  exactMatchScale,
  editDistanceScale,
];
