/**
 * Isomorphic: one model preset for the KV-cache calculator, one YAML file each under content/models/.
 * Every number comes from the model's published config file or paper, cited in `sources`.
 */
import { z } from 'zod';
import { ATTENTIONS } from '../lib/kv-cache/model';
import { SlugSchema } from './slug';

const count = z.number().int().positive();

export const ModelSchema = z
  .object({
    /** Display name, e.g. "Llama 3.1 8B". */
    name: z.string().min(1),
    /** How keys and values are cached: mha (H_kv = H), mqa (H_kv = 1), gqa (1 < H_kv < H), mla (latent). */
    attention: z.enum(ATTENTIONS),
    /** Transformer layers (num_hidden_layers). */
    layers: count,
    /** Query heads per layer (num_attention_heads). */
    heads: count,
    /** Key/value heads per layer (num_key_value_heads); for MLA the query head count, unused by the cache. */
    kvHeads: count,
    /** Width of one head (head_dim, or hidden_size / num_attention_heads when the config has no head_dim). */
    headDim: count,
    /** MLA only: width of the compressed key/value latent (kv_lora_rank). */
    kvLoraRank: count.optional(),
    /** MLA only: width of the decoupled RoPE key shared by all heads (qk_rope_head_dim). */
    ropeDim: count.optional(),
    /** Sliding-window size in tokens for the windowed layers (sliding_window), if the model has any. */
    window: count.optional(),
    /** With a window: how many layers attend over the full context (the rest keep `window` tokens). */
    globalLayers: z.number().int().nonnegative().optional(),
    /** Total parameters in billions (for the weights in the budget fit). */
    paramsB: z.number().positive(),
    /**
     * Mixture-of-experts models only: the parameters one token passes through, in billions (the
     * paper's "active" or "activated" count). Absent for a dense model, which uses every parameter
     * for every token.
     */
    activeParamsB: z.number().positive().optional(),
    /** The dtype the released weights and cache use (torch_dtype). */
    dtype: z.enum(['fp32', 'fp16', 'bf16']),
    /** Longest context the model supports, in tokens (max_position_embeddings or the paper's figure). */
    maxContext: count,
    /** What a reader should know about reading this config, e.g. an explicit head_dim. */
    note: z.string().min(1).optional(),
    /** Paper ids (content/papers/) of the config files and papers these numbers come from. */
    sources: z.array(SlugSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (m.attention === 'mla' && (m.kvLoraRank === undefined || m.ropeDim === undefined))
      issue('kvLoraRank', 'an MLA model needs kvLoraRank and ropeDim');
    if (m.attention === 'mha' && m.kvHeads !== m.heads) issue('kvHeads', 'mha means kvHeads equals heads');
    if (m.attention === 'mqa' && m.kvHeads !== 1) issue('kvHeads', 'mqa means kvHeads is 1');
    if (m.attention === 'gqa' && (m.kvHeads <= 1 || m.kvHeads >= m.heads || m.heads % m.kvHeads !== 0))
      issue('kvHeads', 'gqa means 1 < kvHeads < heads, with heads divisible by kvHeads');
    if (m.globalLayers !== undefined && m.window === undefined)
      issue('globalLayers', 'globalLayers needs a window');
    if (m.globalLayers !== undefined && m.globalLayers > m.layers)
      issue('globalLayers', 'cannot exceed layers');
    if (m.activeParamsB !== undefined && m.activeParamsB >= m.paramsB)
      issue(
        'activeParamsB',
        'a mixture of experts uses fewer parameters per token than it has: keep activeParamsB below paramsB',
      );
  });
export type ModelPreset = z.infer<typeof ModelSchema>;
