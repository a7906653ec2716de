/**
 * Isomorphic: the central equation of the first route and its symbols — what each means, which
 * calculator field sets it and which concept teaches it. The home page and the calculator share it.
 */
import type { Field } from './params';

export const MEM_KV_TEX = String.raw`\mathrm{Mem}_{KV} = B \cdot N_{\text{layers}} \cdot T \cdot H_{kv} \cdot d_{\text{head}} \cdot 2 \cdot \text{bytes}`;
/** The MLA form: one latent of d_c plus a shared RoPE key of d_R per token and layer. */
export const MEM_KV_MLA_TEX = String.raw`\mathrm{Mem}_{KV} = B \cdot N_{\text{layers}} \cdot T \cdot (d_c + d_R) \cdot \text{bytes}`;

export interface EquationSymbol {
  /** Stable name, used in element ids. */
  id: string;
  tex: string;
  /** How a screen reader should say it. */
  spoken: string;
  /** Short meaning, for a legend. */
  meaning: string;
  /** A fuller explanation for the calculator. */
  explanation: string;
  /** The calculator field it sets. */
  field: Field;
  /** The concept that teaches it. */
  concept: string;
}

export const MEM_KV_SYMBOLS: EquationSymbol[] = [
  {
    id: 'batch',
    spoken: 'B',
    tex: 'B',
    meaning: 'sequences decoded at once',
    explanation:
      'The batch: every sequence being decoded keeps its own cache, so memory grows linearly with it.',
    field: 'batch',
    concept: 'continuous-batching',
  },
  {
    id: 'layers',
    spoken: 'N layers',
    tex: String.raw`N_{\text{layers}}`,
    meaning: 'transformer layers, each with its own cache',
    explanation: 'Every transformer layer attends with its own keys and values, so each layer keeps a cache.',
    field: 'layers',
    concept: 'transformer-block',
  },
  {
    id: 'tokens',
    spoken: 'T',
    tex: 'T',
    meaning: 'tokens cached per sequence',
    explanation:
      'The context length: prompt plus generated tokens. Sliding-window layers keep at most their window.',
    field: 'tokens',
    concept: 'long-context-pressure',
  },
  {
    id: 'kv-heads',
    spoken: 'H k v',
    tex: 'H_{kv}',
    meaning: 'key/value heads (fewer than query heads under GQA)',
    explanation:
      'Key/value heads, not query heads: H for multi-head, 1 for multi-query, a divisor of H for grouped-query attention.',
    field: 'kv_heads',
    concept: 'grouped-query-attention',
  },
  {
    id: 'head-dim',
    spoken: 'd head',
    tex: String.raw`d_{\text{head}}`,
    meaning: 'width of one head',
    explanation:
      'The width of each key and value vector. Read it from the config: some models (Gemma) set it apart from hidden size / heads.',
    field: 'head_dim',
    concept: 'multi-head-attention',
  },
  {
    id: 'two',
    spoken: '2',
    tex: '2',
    meaning: 'one key and one value per head',
    explanation:
      'One key and one value per head. MLA drops it: it caches one shared latent instead of separate keys and values.',
    field: 'attention',
    concept: 'kv-cache',
  },
  {
    id: 'bytes',
    spoken: 'bytes',
    tex: String.raw`\text{bytes}`,
    meaning: 'bytes per element (2 for fp16)',
    explanation:
      'Bytes per stored number: 4 for fp32, 2 for fp16 and bf16, 1 for fp8 and int8, 0.5 for int4.',
    field: 'dtype',
    concept: 'kv-cache-quantization',
  },
];
