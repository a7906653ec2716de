/**
 * Isomorphic: the function explorer's whole registry, for build time and tests. The entries live in
 * one module per family under ./functions/ (their shared types and helpers in ./functions/spec.ts);
 * this module gathers them and re-exports every family's helpers, so importers see one registry.
 * The island does not import this module: the build writes on each explorer the families it needs,
 * and the island loads only those (./functions/load.ts).
 */
import type { FunctionSpec } from './functions/spec';
import type { Family } from './functions/load';
import { ACTIVATIONS } from './functions/activations';
import { VECTORS_AND_MATRICES } from './functions/vectors-and-matrices';
import { OPTIMIZATION } from './functions/optimization';
import { SCALING_LAWS } from './functions/scaling-laws';
import { ATTENTION_AND_SERVING } from './functions/attention-and-serving';
import { CLASSICAL_ML } from './functions/classical-ml';
import { GENERATIVE } from './functions/generative';
import { ALIGNMENT } from './functions/alignment';
import { EVALUATION_AND_MLOPS } from './functions/evaluation-and-mlops';

export * from './functions/spec';
export * from './functions/activations';
export * from './functions/vectors-and-matrices';
export * from './functions/optimization';
export * from './functions/scaling-laws';
export * from './functions/attention-and-serving';
export * from './functions/classical-ml';
export * from './functions/generative';
export * from './functions/alignment';
export * from './functions/evaluation-and-mlops';

/** Each family's entries, under the names the island's loader uses (./functions/load.ts). */
export const REGISTRY_BY_FAMILY: Readonly<Record<Family, readonly FunctionSpec[]>> = {
  activations: ACTIVATIONS,
  'vectors-and-matrices': VECTORS_AND_MATRICES,
  optimization: OPTIMIZATION,
  'scaling-laws': SCALING_LAWS,
  'attention-and-serving': ATTENTION_AND_SERVING,
  'classical-ml': CLASSICAL_ML,
  generative: GENERATIVE,
  alignment: ALIGNMENT,
  'evaluation-and-mlops': EVALUATION_AND_MLOPS,
};

export const REGISTRY: readonly FunctionSpec[] = Object.values(REGISTRY_BY_FAMILY).flat();

const FAMILY_OF = new Map(
  Object.entries(REGISTRY_BY_FAMILY).flatMap(([family, specs]) =>
    specs.map((s) => [s.id, family as Family] as const),
  ),
);

/** The family that holds id, or undefined for an id the registry does not know. */
export const familyOf = (id: string): Family | undefined => FAMILY_OF.get(id);

export const getFunction = (id: string): FunctionSpec | undefined => REGISTRY.find((s) => s.id === id);
