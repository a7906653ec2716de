/**
 * Isomorphic: one scenario of the "Predict the KV-cache lever" lab, one YAML file each under
 * content/labs/kv-cache-lever/. The model comes from content/models/; the lab computes every
 * number from it, so a scenario holds only the workload, the hardware and the words around them.
 */
import { z } from 'zod';
import { KV_DTYPES } from '../lib/kv-cache/model';
import { SlugSchema } from './slug';

export const LeverScenarioSchema = z.object({
  /** Position in the lab, from 1. */
  order: z.number().int().positive(),
  /** Short title, e.g. "Llama 3.1 70B at 128k on eight GPUs". */
  title: z.string().min(1),
  /** Preset id from content/models/. */
  model: SlugSchema,
  batch: z.number().int().positive(),
  tokens: z.number().int().positive(),
  /** KV dtype; the model's own dtype when absent. */
  dtype: z.enum(KV_DTYPES).optional(),
  tp: z.number().int().positive().default(1),
  gpus: z.number().int().positive(),
  gpuMemGiB: z.number().positive(),
  /** The situation, in a sentence or two, as the reader sees it before predicting. */
  setup: z.string().min(1),
  /** Why the ranking comes out as it does, shown after the reveal. */
  explanation: z.string().min(1),
});
export type LeverScenario = z.infer<typeof LeverScenarioSchema>;
