/**
 * The island's way to the registry: loadFunction(id) imports only the family module that holds id,
 * so a notebook downloads the functions of its own explorer and not the whole atlas's.
 *
 * FAMILY_OF is the one place an id is written a second time (beside its entry). It is kept by hand
 * rather than generated because a dynamic import needs a literal path for the bundler to split on,
 * and a build step for 42 rows would be more machinery than the table. What makes it safe is
 * tests/unit/function-loader.test.ts: it loads every family through FAMILIES and checks, both ways,
 * that each entry's id maps to the family that holds it and that every row names an entry there,
 * and that the families together are exactly the registry that build time uses. Adding an entry
 * without its row, or a family without its loader, fails that test.
 */
import type { FunctionSpec } from './spec';

export type Family =
  | 'activations'
  | 'vectors-and-matrices'
  | 'optimization'
  | 'scaling-laws'
  | 'attention-and-serving'
  | 'classical-ml'
  | 'generative'
  | 'alignment'
  | 'evaluation-and-mlops';

/** Each family's entries, imported on first use (the bundler makes one chunk per family). */
export const FAMILIES: Readonly<Record<Family, () => Promise<readonly FunctionSpec[]>>> = {
  activations: () => import('./activations').then((m) => m.ACTIVATIONS),
  'vectors-and-matrices': () => import('./vectors-and-matrices').then((m) => m.VECTORS_AND_MATRICES),
  optimization: () => import('./optimization').then((m) => m.OPTIMIZATION),
  'scaling-laws': () => import('./scaling-laws').then((m) => m.SCALING_LAWS),
  'attention-and-serving': () => import('./attention-and-serving').then((m) => m.ATTENTION_AND_SERVING),
  'classical-ml': () => import('./classical-ml').then((m) => m.CLASSICAL_ML),
  generative: () => import('./generative').then((m) => m.GENERATIVE),
  alignment: () => import('./alignment').then((m) => m.ALIGNMENT),
  'evaluation-and-mlops': () => import('./evaluation-and-mlops').then((m) => m.EVALUATION_AND_MLOPS),
};

/** Which family holds each registry id. */
export const FAMILY_OF: Readonly<Record<string, Family>> = {
  'sin-x-squared': 'activations',
  'tanh-affine': 'activations',
  'sigmoid-affine': 'activations',
  'relu-leaky': 'activations',
  'softmax-temperature': 'activations',
  'dot-product-std': 'vectors-and-matrices',
  'matmul-chain-ratio': 'vectors-and-matrices',
  'lp-unit-circle': 'vectors-and-matrices',
  'lr-warmup-cosine': 'optimization',
  'lr-step-decay': 'optimization',
  'logistic-separable-loss': 'optimization',
  'sgd-noise-floor': 'optimization',
  'scaling-law-params': 'scaling-laws',
  'chinchilla-isoflop': 'scaling-laws',
  'training-days-mfu': 'scaling-laws',
  'emergence-exact-match': 'scaling-laws',
  'emergence-edit-distance': 'scaling-laws',
  'attention-hbm-ratio': 'attention-and-serving',
  'attention-scores-per-query': 'attention-and-serving',
  'block-attention-share': 'attention-and-serving',
  'speculative-tokens-per-pass': 'attention-and-serving',
  'speculative-speedup': 'attention-and-serving',
  'quantization-rms-error': 'attention-and-serving',
  'bernoulli-log-likelihood': 'classical-ml',
  'bias-variance-in-sample': 'classical-ml',
  'kfold-overstatement': 'classical-ml',
  'ridge-error': 'classical-ml',
  'gaussian-density': 'classical-ml',
  'bayes-test-posterior': 'classical-ml',
  'infonce-margin': 'generative',
  'vae-elbo-mean': 'generative',
  'ddpm-signal-fraction': 'generative',
  'gaussian-mi': 'generative',
  'flow-tanh-density': 'generative',
  'bradley-terry-loss': 'alignment',
  'dpo-loss': 'alignment',
  'gao-bon-gold': 'alignment',
  'gao-rl-gold': 'alignment',
  'seed-wrong-pick': 'evaluation-and-mlops',
  'hash-collision': 'evaluation-and-mlops',
  'accuracy-ci-halfwidth': 'evaluation-and-mlops',
  'paired-diff-ci-halfwidth': 'evaluation-and-mlops',
};

/** The family that holds id, or undefined for an id the registry does not know. */
export const familyOf = (id: string): Family | undefined =>
  Object.hasOwn(FAMILY_OF, id) ? FAMILY_OF[id] : undefined;

/**
 * The registry entry for id, importing its family on first use; undefined for an unknown id.
 * Rejects only if the family's module cannot be fetched (the caller tells the reader).
 */
export async function loadFunction(id: string): Promise<FunctionSpec | undefined> {
  const family = familyOf(id);
  if (!family) return undefined;
  return (await FAMILIES[family]()).find((s) => s.id === id);
}
