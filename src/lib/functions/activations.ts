/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Activations and compositions for the chain rule: sin(k x²), tanh and σ of an affine unit, the
 * (leaky) ReLU with its corner, and softmax temperature.
 */
import { type FunctionSpec, type Params, param, sigmoid } from './spec';

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

export const ACTIVATIONS: readonly FunctionSpec[] = [
  sinOfSquare,
  tanhAffine,
  sigmoidAffine,
  reluLeaky,
  softmaxTemperature,
];
