/**
 * Isomorphic: the function explorer's whole registry, for build time and tests. The entries live in
 * one module per family under ./functions/ (their shared types and helpers in ./functions/spec.ts);
 * this module gathers them and re-exports every family's helpers, so importers see one registry.
 * The island does not import this module: it loads one family at a time (./functions/load.ts).
 */
import type { FunctionSpec } from './functions/spec';
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

export const REGISTRY: readonly FunctionSpec[] = [
  ...ACTIVATIONS,
  ...VECTORS_AND_MATRICES,
  ...OPTIMIZATION,
  ...SCALING_LAWS,
  ...ATTENTION_AND_SERVING,
  ...CLASSICAL_ML,
  ...GENERATIVE,
  ...ALIGNMENT,
  ...EVALUATION_AND_MLOPS,
];

export const getFunction = (id: string): FunctionSpec | undefined => REGISTRY.find((s) => s.id === id);
