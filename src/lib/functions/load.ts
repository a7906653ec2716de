/**
 * The island's way to the registry: it imports only the families its explorer names, so a notebook
 * downloads the functions of its own explorer and not the whole atlas's. Which family holds an id is
 * decided at build time (familyOf in ../function-registry.ts) and written on the explorer as
 * data-families; the dynamic imports below need literal paths for the bundler to split on.
 * tests/unit/function-loader.test.ts checks that each loader yields its build-time family.
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

/** True for a family name this loader knows (the page's attribute is text). */
export const isFamily = (name: string): name is Family => Object.hasOwn(FAMILIES, name);

/**
 * The registry entries for ids, in that order, importing each named family on first use; an id
 * none of the families holds is left out. Rejects only if a family's module cannot be fetched
 * (the caller tells the reader).
 */
export async function loadFunctions(
  families: readonly string[],
  ids: readonly string[],
): Promise<FunctionSpec[]> {
  const loaded = (await Promise.all(families.filter(isFamily).map((f) => FAMILIES[f]()))).flat();
  return ids.flatMap((id) => loaded.filter((s) => s.id === id));
}
