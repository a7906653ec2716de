/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Vectors and matrices: the spread of a dot product, the cost of each grouping of a matrix chain,
 * and the Lp unit circle.
 */
import { type FunctionSpec, param } from './spec';

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

export const VECTORS_AND_MATRICES: readonly FunctionSpec[] = [
  dotProductSpread,
  matmulChainRatio,
  lpUnitCircleSpec,
];
