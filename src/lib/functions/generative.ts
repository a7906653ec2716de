/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Information theory and generative models: the InfoNCE margin, the VAE's ELBO, the DDPM noise
 * schedule, Gaussian mutual information and a normalizing flow's density.
 */
import { type FunctionSpec, param, sigmoid, softplus } from './spec';

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

export const GENERATIVE: readonly FunctionSpec[] = [
  infonceMarginSpec,
  vaeElboMean,
  ddpmSignalFraction,
  gaussianMiSpec,
  flowTanhDensitySpec,
];
