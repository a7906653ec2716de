/**
 * Isomorphic: the roofline of a dense decoder-only model on a GPU, for both phases of generation.
 *
 * The roofline model (Williams, Waterman and Patterson 2009) bounds a computation that performs F
 * floating-point operations while moving M bytes to and from memory:
 *
 *   time ≥ max(F / peak, M / bandwidth),   attainable FLOP/s = min(peak, bandwidth · I),  I = F / M
 *
 * and the ridge point I* = peak / bandwidth separates memory-bound work (I < I*) from compute-bound
 * work (I ≥ I*). Here F and M are counted for one forward pass of a dense decoder:
 *
 *   FLOPs:  2 per parameter per token (one multiply, one add), plus attention: each query head
 *           dots the new query with T keys and mixes T values, 2·T·d_head FLOPs each, so
 *           4 · H · d_head · Σ_layers T_ℓ per token (T_ℓ = min(T, window) on windowed layers).
 *   Bytes:  every weight is read once per pass (weight bytes = params · bytes per weight), plus the
 *           KV cache: decode reads each sequence's whole cache, prefill writes the prompt's once.
 *
 * Decode with B sequences of T tokens: F = B·(2N + A(T)), M = N·b + B·KV(T), so I = F/M ≈ 2B/b,
 * which is B FLOPs per byte for 16-bit weights while the cache is small. Prefill of a P-token prompt
 * has I ≈ P for the same reason: the tokens of one pass share one read of the weights.
 *
 * Activations, the embedding lookup (which reads B rows, not the whole table), kernel launch and
 * communication are left out: every time here is a lower bound and every rate an upper bound.
 */
import type { GpuPreset } from '../schemas/gpu';
import type { ModelPreset } from '../schemas/model';
import { type Architecture, type KvDtype, DTYPE_BITS, kvCache, layerGroups } from './kv-cache/model';

/** What the roofline needs to know about a model. */
export interface RooflineModel {
  /** Parameters N; each is read once per forward pass and does 2 FLOPs per token. */
  params: number;
  /** Bytes per weight b (2 for bf16 and fp16). */
  weightBytes: number;
  /** Layers, heads and windows: the KV cache and the attention FLOPs come from these. */
  arch: Architecture;
  /** Dtype of the cached keys and values. */
  kvDtype: KvDtype;
}

/** One GPU, or `count` of them treated as one device with the summed peak, bandwidth and memory. */
export interface Hardware {
  /** Dense peak in FLOP/s. */
  peakFlops: number;
  /** Memory bandwidth in bytes per second. */
  bandwidth: number;
  /** Memory in bytes. */
  memory: number;
}

export type Bound = 'memory' | 'compute';

/** The cost of one forward pass and the roofline's verdict on it. */
export interface Pass {
  /** Tokens processed: B for a decode step, P for a prefill. */
  tokens: number;
  flops: number;
  /** Bytes of weights read. */
  weightBytes: number;
  /** Bytes of KV cache read (decode) or written (prefill). */
  kvBytes: number;
  /** weightBytes + kvBytes. */
  bytes: number;
  /** Arithmetic intensity, FLOPs per byte. */
  intensity: number;
  /** flops / peak: the time if memory were free. */
  computeTime: number;
  /** bytes / bandwidth: the time if arithmetic were free. */
  memoryTime: number;
  /** Lower bound on the pass: the larger of the two. */
  time: number;
  /** Which of the two sets `time`. */
  bound: Bound;
  /** min(peak, bandwidth · intensity): the roof above this intensity. */
  attainableFlops: number;
}

/** A preset usable by the roofline: a dense model (no experts, no latent attention). */
export function isDense(preset: ModelPreset): boolean {
  return preset.activeParamsB === undefined && preset.attention !== 'mla';
}

/** The roofline's view of a model preset, with weights and cache in the preset's own dtype. */
export function rooflineModel(preset: ModelPreset): RooflineModel {
  return {
    params: preset.paramsB * 1e9,
    weightBytes: DTYPE_BITS[preset.dtype] / 8,
    arch: preset,
    kvDtype: preset.dtype,
  };
}

/** The dense bf16 peak in TFLOP/s: the datasheet's figure, halved when it is quoted with sparsity. */
export function denseTflops(gpu: GpuPreset): number {
  return gpu.quotedWithSparsity ? gpu.bf16TflopsQuoted / 2 : gpu.bf16TflopsQuoted;
}

/** `count` GPUs as one device: peak, bandwidth and memory add up (communication is ignored). */
export function hardware(gpu: GpuPreset, count = 1): Hardware {
  return {
    peakFlops: denseTflops(gpu) * 1e12 * count,
    bandwidth: gpu.bandwidthGBs * 1e9 * count,
    memory: gpu.memoryGB * 1e9 * count,
  };
}

/** I* = peak / bandwidth, FLOPs per byte: below it a pass is memory-bound. */
export const ridgePoint = (hw: Hardware): number => hw.peakFlops / hw.bandwidth;

/** The roof: min(peak, bandwidth · I). */
export const attainable = (hw: Hardware, intensity: number): number =>
  Math.min(hw.peakFlops, hw.bandwidth * intensity);

/** Bytes of KV cache one sequence holds at `tokens` tokens (windows included), from the KV-cache model. */
export function kvBytesPerSequence(model: RooflineModel, tokens: number): number {
  if (tokens <= 0) return 0;
  return Number(kvCache(model.arch, { batch: 1, tokens, dtype: model.kvDtype }).totalBytes);
}

/** H · d_head: the width of all query heads together, which attention's FLOPs scale with. */
const queryWidth = (a: Architecture) => a.heads * a.headDim;

/** Attention FLOPs for one new token that sees `tokens` positions: 4 · H · d_head · Σ_ℓ T_ℓ. */
export function attentionFlopsPerToken(model: RooflineModel, tokens: number): number {
  const seen = layerGroups(model.arch, tokens).reduce((sum, g) => sum + g.layers * g.tokens, 0);
  return 4 * queryWidth(model.arch) * seen;
}

/** Σ_{i=1..P} min(i, W): key positions summed over the P queries of a causal prompt. */
export function causalPairs(prompt: number, window = Infinity): number {
  if (prompt <= 0) return 0;
  if (prompt <= window) return (prompt * (prompt + 1)) / 2;
  return (window * (window + 1)) / 2 + (prompt - window) * window;
}

/** Attention FLOPs of a whole causal prefill of `prompt` tokens. */
export function prefillAttentionFlops(model: RooflineModel, prompt: number): number {
  const { arch } = model;
  const global = arch.window === undefined ? arch.layers : (arch.globalLayers ?? 0);
  const windowed = arch.layers - global;
  const pairs = global * causalPairs(prompt) + windowed * causalPairs(prompt, arch.window ?? Infinity);
  return 4 * queryWidth(arch) * pairs;
}

/** Bytes of all weights: read once by every forward pass, however many tokens it carries. */
export const weightBytes = (model: RooflineModel): number => model.params * model.weightBytes;

function pass(hw: Hardware, tokens: number, flops: number, weights: number, kv: number): Pass {
  const bytes = weights + kv;
  const intensity = flops / bytes;
  const computeTime = flops / hw.peakFlops;
  const memoryTime = bytes / hw.bandwidth;
  return {
    tokens,
    flops,
    weightBytes: weights,
    kvBytes: kv,
    bytes,
    intensity,
    computeTime,
    memoryTime,
    time: Math.max(computeTime, memoryTime),
    bound: computeTime >= memoryTime ? 'compute' : 'memory',
    attainableFlops: attainable(hw, intensity),
  };
}

/**
 * One decode step: B sequences each add one token that attends over `context` positions.
 * F = B · (2N + A(T)),  M = N·b + B · KV(T).
 */
export function decodeStep(model: RooflineModel, hw: Hardware, batch: number, context: number): Pass {
  const flops = batch * (2 * model.params + attentionFlopsPerToken(model, context));
  return pass(hw, batch, flops, weightBytes(model), batch * kvBytesPerSequence(model, context));
}

/**
 * The prefill of one prompt of P tokens in a single pass: F = 2N·P + causal attention, M = N·b + KV(P)
 * (the cache is written once). Its time bounds the time to first token.
 */
export function prefill(model: RooflineModel, hw: Hardware, prompt: number): Pass {
  const flops = 2 * model.params * prompt + prefillAttentionFlops(model, prompt);
  return pass(hw, prompt, flops, weightBytes(model), kvBytesPerSequence(model, prompt));
}

/** Tokens per second a decode step allows at most: B tokens every `time` seconds. */
export const tokensPerSecond = (step: Pass): number => step.tokens / step.time;

/** Where decode stops gaining from a larger batch, at one context length. */
export interface BatchLimits {
  /** lim B→∞ of the decode intensity, (2N + A(T)) / KV(T): the cache read caps it. */
  intensityLimit: number;
  /** The smallest batch whose decode step reaches the ridge, or null if the cap is below the ridge. */
  ridgeBatch: number | null;
  /** The largest batch whose cache fits beside the weights (0 if the weights alone do not fit). */
  maxBatch: number;
  /** N·b / KV(T): the batch at which the cache read equals the weight read. */
  evenBatch: number;
  /** Decode tokens/s as B → ∞ without a memory limit: the peak over 2N + A(T) past the ridge, else bandwidth / KV(T). */
  tokensPerSecondLimit: number;
}

export function batchLimits(model: RooflineModel, hw: Hardware, context: number): BatchLimits {
  const perToken = 2 * model.params + attentionFlopsPerToken(model, context);
  const kv = kvBytesPerSequence(model, context);
  const weights = weightBytes(model);
  const ridge = ridgePoint(hw);
  const intensityLimit = perToken / kv;
  // B·perToken / (weights + B·kv) ≥ ridge  ⇔  B · (perToken − ridge·kv) ≥ ridge·weights.
  const gain = perToken - ridge * kv;
  let ridgeBatch: number | null = null;
  if (gain > 0) {
    ridgeBatch = Math.max(1, Math.ceil((ridge * weights) / gain));
    // Guard the ceiling against rounding in the division: step down while the smaller batch still reaches it.
    while (ridgeBatch > 1 && decodeStep(model, hw, ridgeBatch - 1, context).intensity >= ridge) ridgeBatch--;
    while (decodeStep(model, hw, ridgeBatch, context).intensity < ridge) ridgeBatch++;
  }
  return {
    intensityLimit,
    ridgeBatch,
    maxBatch: hw.memory > weights ? Math.floor((hw.memory - weights) / kv) : 0,
    evenBatch: weights / kv,
    tokensPerSecondLimit: gain > 0 ? hw.peakFlops / perToken : hw.bandwidth / kv,
  };
}
