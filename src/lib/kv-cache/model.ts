/**
 * Isomorphic: the KV-cache memory model. Everything is counted in exact integers (BigInt inside),
 * so results are whole bytes with no floating-point drift; a half byte (int4 with an odd element
 * count) rounds up.
 *
 *   MHA/MQA/GQA: Mem_KV = B · Σ_layers tokens_ℓ · H_kv · d_head · 2 · bytes
 *   MLA:         Mem_KV = B · Σ_layers tokens_ℓ · (d_c + d_R) · bytes   (no factor 2, no heads)
 *
 * where tokens_ℓ is T for a global layer and min(T, window) for a sliding-window layer, rounded up to
 * whole blocks when the cache is paged.
 */

/** How keys and values are cached (one list for schemas, URL parsing and forms). */
export const ATTENTIONS = ['mha', 'mqa', 'gqa', 'mla'] as const;
export type Attention = (typeof ATTENTIONS)[number];
export const KV_DTYPES = ['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;
export type KvDtype = (typeof KV_DTYPES)[number];

/** Bits per stored element. Bits, not bytes, so that int4's half byte stays an integer. */
export const DTYPE_BITS: Record<KvDtype, number> = { fp32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, int4: 4 };

/** Bytes per element as a reader writes it: "2", "1", "0.5". */
export const bytesPerElement = (dtype: KvDtype): string => String(DTYPE_BITS[dtype] / 8);

/** The architecture in words: what each layer caches, and which layers keep a window. */
export function describeArchitecture(a: Architecture): { cache: string; window: string } {
  const cache =
    a.attention === 'mla'
      ? `MLA: a latent of ${a.kvLoraRank} + a RoPE key of ${a.ropeDim} per token and layer`
      : a.attention === 'mha'
        ? `MHA: ${a.heads} KV heads (one per query head) of ${a.headDim}`
        : a.attention === 'mqa'
          ? `MQA: one KV head of ${a.headDim} for ${a.heads} query heads`
          : `GQA: ${a.kvHeads} KV heads of ${a.headDim} for ${a.heads} query heads`;
  const global = a.globalLayers ?? 0;
  const window =
    a.window === undefined
      ? 'none: every layer keeps the whole context'
      : global === 0
        ? `${a.window.toLocaleString('en-US')} tokens on all ${a.layers} layers`
        : `${a.window.toLocaleString('en-US')} tokens on ${a.layers - global} of ${a.layers} layers; ${global} keep the whole context`;
  return { cache, window };
}

export interface Architecture {
  attention: Attention;
  layers: number;
  /** Query heads per layer. */
  heads: number;
  /** Key/value heads per layer (read only for gqa: mha uses `heads`, mqa uses 1). */
  kvHeads: number;
  headDim: number;
  /** MLA: width of the compressed latent d_c (kv_lora_rank). */
  kvLoraRank?: number;
  /** MLA: width of the decoupled RoPE key d_R (qk_rope_head_dim). */
  ropeDim?: number;
  /** Sliding window in tokens for the windowed layers; absent means every layer is global. */
  window?: number;
  /** With a window: layers that still keep the full context (default 0). */
  globalLayers?: number;
}

export interface Workload {
  /** Sequences decoded at once (B). */
  batch: number;
  /** Tokens cached per sequence (T). */
  tokens: number;
  dtype: KvDtype;
  /** Paged cache: tokens per block; each layer's tokens round up to whole blocks. */
  block?: number;
  /** Tensor-parallel degree: GPUs the KV heads are split across. */
  tp?: number;
}

/** Key/value heads the cache actually stores, from the attention kind. */
export function effectiveKvHeads(a: Architecture): number {
  if (a.attention === 'mha') return a.heads;
  if (a.attention === 'mqa') return 1;
  return a.kvHeads;
}

/** Elements cached for one token in one layer. */
export function elementsPerTokenLayer(a: Architecture): number {
  if (a.attention === 'mla') return (a.kvLoraRank ?? 0) + (a.ropeDim ?? 0);
  return 2 * effectiveKvHeads(a) * a.headDim;
}

/**
 * Elements one GPU caches per token and layer under tensor parallelism. KV heads split evenly across
 * `tp` GPUs; with more GPUs than KV heads each GPU still holds one whole head (so heads are
 * replicated tp/H_kv times); MLA's single latent is replicated on every GPU. Valid inputs have
 * H_kv divisible by tp, or tp divisible by H_kv (params.ts checks).
 */
export function elementsPerGpuTokenLayer(a: Architecture, tp = 1): number {
  if (a.attention === 'mla' || tp <= 1) return elementsPerTokenLayer(a);
  const kv = effectiveKvHeads(a);
  return 2 * Math.max(1, Math.floor(kv / tp)) * a.headDim;
}

/** Copies of the cache across the tp GPUs: 1 when the heads split evenly. */
export function replication(a: Architecture, tp = 1): number {
  return (elementsPerGpuTokenLayer(a, tp) * Math.max(1, tp)) / elementsPerTokenLayer(a);
}

/** Layers grouped by how many tokens they keep: global layers keep T, windowed ones min(T, window). */
export function layerGroups(a: Architecture, tokens: number): { layers: number; tokens: number }[] {
  if (a.window === undefined) return [{ layers: a.layers, tokens }];
  const global = a.globalLayers ?? 0;
  return [
    { layers: global, tokens },
    { layers: a.layers - global, tokens: Math.min(tokens, a.window) },
  ].filter((g) => g.layers > 0);
}

const roundUpTo = (n: number, block: number) => Math.ceil(n / block) * block;
/** ceil(bits / 8) in exact integer arithmetic. */
const bitsToBytes = (bits: bigint) => (bits + 7n) / 8n;

/** Token-layers one sequence caches (Σ over layers of its tokens), exact and after block rounding. */
export function tokenLayers(
  a: Architecture,
  tokens: number,
  block?: number,
): { exact: bigint; paged: bigint } {
  let exact = 0n;
  let paged = 0n;
  for (const g of layerGroups(a, tokens)) {
    exact += BigInt(g.layers) * BigInt(g.tokens);
    paged += BigInt(g.layers) * BigInt(block ? roundUpTo(g.tokens, block) : g.tokens);
  }
  return { exact, paged };
}

export interface KvBreakdown {
  /** One token of one sequence in every layer (no window, no blocks): the per-token cost. */
  perTokenBytes: bigint;
  /** Whole cache for the batch; windows and block rounding included. */
  totalBytes: bigint;
  /** The same without block rounding. */
  exactBytes: bigint;
  /** totalBytes − exactBytes: slots reserved in partly filled blocks. */
  blockWasteBytes: bigint;
  /** Bytes on each GPU under tensor parallelism (replicated heads counted on every GPU holding them). */
  perGpuBytes: bigint;
  /** Copies of the cache across the tp GPUs (1 when heads split evenly). */
  replication: number;
  elementsPerTokenLayer: number;
}

/** The cache for a workload. Inputs must already be valid (see params.ts). */
export function kvCache(a: Architecture, w: Workload): KvBreakdown {
  const bits = BigInt(DTYPE_BITS[w.dtype]);
  const perLayer = BigInt(elementsPerTokenLayer(a));
  const batch = BigInt(w.batch);
  const { exact, paged } = tokenLayers(a, w.tokens, w.block);
  const totalBytes = bitsToBytes(batch * paged * perLayer * bits);
  const exactBytes = bitsToBytes(batch * exact * perLayer * bits);
  const perGpuLayer = BigInt(elementsPerGpuTokenLayer(a, w.tp));
  return {
    perTokenBytes: bitsToBytes(BigInt(a.layers) * perLayer * bits),
    totalBytes,
    exactBytes,
    blockWasteBytes: totalBytes - exactBytes,
    perGpuBytes: bitsToBytes(batch * paged * perGpuLayer * bits),
    replication: replication(a, w.tp),
    elementsPerTokenLayer: Number(perLayer),
  };
}

/** Bytes one sequence of `tokens` tokens needs, windows and blocks included. */
export function sequenceBytes(a: Architecture, tokens: number, dtype: KvDtype, block?: number): bigint {
  return kvCache(a, { batch: 1, tokens, dtype, block }).totalBytes;
}
