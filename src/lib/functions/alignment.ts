/**
 * Isomorphic: a family of the function explorer's registry (see ./spec.ts for what an entry holds).
 * Alignment: the Bradley–Terry and DPO preference losses, and reward-model over-optimisation (Gao
 * et al.).
 */
import { type FunctionSpec, type ParamSpec, param, sigmoid, softplus } from './spec';

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

export const ALIGNMENT: readonly FunctionSpec[] = [
  bradleyTerryLossSpec,
  dpoLossSpec,
  gaoBestOfNSpec,
  gaoRlSpec,
];
