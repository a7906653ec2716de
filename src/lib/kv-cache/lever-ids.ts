/**
 * Isomorphic: the names of the KV-cache levers, apart from their arithmetic (levers.ts), so the lab
 * and the start trail can read and label predictions without shipping the memory model.
 */

/** Window the sliding-window lever imposes (Mistral 7B's, and Gemma 2's local layers'). */
export const LEVER_WINDOW = 4096;

export const LEVER_LABELS = {
  mqa: 'Share one KV head (MQA)',
  fp8: 'Store the cache in fp8',
  int4: 'Store the cache in int4',
  window: `Sliding window of ${LEVER_WINDOW.toLocaleString('en-US')} tokens`,
  'half-batch': 'Halve the batch',
  'weights-fp8': 'Quantize the weights to fp8',
} as const;

export type LeverId = keyof typeof LEVER_LABELS;
export const LEVER_IDS = Object.keys(LEVER_LABELS) as [LeverId, ...LeverId[]];

export const isLeverId = (value: string): value is LeverId => Object.hasOwn(LEVER_LABELS, value);
