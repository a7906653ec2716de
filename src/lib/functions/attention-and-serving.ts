/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Attention and serving: FlashAttention's memory traffic, windowed attention scores, the attention
 * share of a block, speculative decoding, and quantization error.
 */
import { type FunctionSpec, type ParamSpec, param } from './spec';

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

export const ATTENTION_AND_SERVING: readonly FunctionSpec[] = [
  attentionHbmRatioSpec,
  scoresPerQuery,
  blockAttention,
  speculativeTokensPerPass,
  speculativeSpeedupSpec,
  quantizationRmsErrorSpec,
];
