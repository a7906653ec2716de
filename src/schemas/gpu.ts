/**
 * Isomorphic: one GPU preset for the roofline, one YAML file each under content/gpus/.
 * Every figure is copied from the vendor's datasheet, cited in `sources`; a figure that cannot be
 * checked against the datasheet keeps the GPU out of the atlas.
 */
import { z } from 'zod';
import { SlugSchema } from './slug';

export const GpuSchema = z.object({
  /** Display name as the datasheet writes it, e.g. "NVIDIA H100 SXM". */
  name: z.string().min(1),
  /**
   * Peak bf16 (bfloat16) Tensor Core throughput exactly as the datasheet prints it, in teraFLOP/s
   * (10^12 floating-point operations per second).
   */
  bf16TflopsQuoted: z.number().positive(),
  /**
   * True when the datasheet's bf16 figure is the structured-sparsity figure (its footnote "with
   * sparsity"); the dense peak a dense model can use is then half of it.
   */
  quotedWithSparsity: z.boolean(),
  /** Memory bandwidth as printed, in decimal GB/s (10^9 bytes per second). */
  bandwidthGBs: z.number().positive(),
  /** Memory size as printed, in decimal GB (10^9 bytes). */
  memoryGB: z.number().positive(),
  /** What a reader should know about reading the datasheet, e.g. which footnote halves a figure. */
  note: z.string().min(1).optional(),
  /** Paper ids (content/papers/) of the datasheets these figures come from. */
  sources: z.array(SlugSchema).min(1),
});
export type GpuPreset = z.infer<typeof GpuSchema>;
