/**
 * Isomorphic: how much cache fits on a set of GPUs once the weights are loaded.
 *
 * Like vLLM's gpu_memory_utilization, a fraction of the GPUs' memory is available to the model; the
 * weights (parameters × bytes per weight) come out of it and the cache gets the rest. Tensor
 * parallelism that replicates KV heads (or MLA's latent) costs its copies out of the same budget.
 */
import { type Architecture, DTYPE_BITS, type KvDtype, elementsPerGpuTokenLayer, kvCache } from './model';

export interface Hardware {
  /** Memory per GPU in GiB (2^30 bytes). */
  gpuMemGiB: number;
  gpus: number;
  /** Parameters in billions. */
  weightsParamsB: number;
  weightsDtype: KvDtype;
  /** Fraction of GPU memory the engine may use, 0 < u ≤ 1. */
  utilization: number;
}

export interface BudgetFit {
  poolBytes: bigint;
  weightsBytes: bigint;
  /** Pool minus weights; negative when the weights alone do not fit. */
  kvBudgetBytes: bigint;
  /** Bytes one cached token costs across all GPUs (with replication). */
  tokenCostBytes: bigint;
  /** Total tokens (over all sequences) the cache can hold at the full per-token cost. */
  maxTokens: bigint;
  /** Sequences of T tokens that fit. */
  maxBatch: bigint;
  /** Longest T for B sequences; null when windows cap the cache so any T fits. */
  maxTokensAtBatch: bigint | null;
}

const GIB = 2n ** 30n;
const PPM = 1_000_000n;

/** Bytes of the weights: parameters (billions) × bits / 8, rounded up. */
export function weightsBytes(paramsB: number, dtype: KvDtype): bigint {
  const params = BigInt(Math.round(paramsB * 1e9));
  return (params * BigInt(DTYPE_BITS[dtype]) + 7n) / 8n;
}

/** Cost of B sequences at T tokens on all GPUs together, copies included. */
function batchCost(
  a: Architecture,
  batch: number,
  tokens: number,
  dtype: KvDtype,
  block?: number,
  tp = 1,
): bigint {
  return kvCache(a, { batch, tokens, dtype, block, tp }).perGpuBytes * BigInt(Math.max(1, tp));
}

export function fitBudget(
  a: Architecture,
  w: { batch: number; tokens: number; dtype: KvDtype; block?: number; tp?: number },
  h: Hardware,
): BudgetFit {
  const tp = w.tp ?? 1;
  const poolBytes =
    (BigInt(Math.round(h.gpuMemGiB * 1e6)) * GIB * BigInt(h.gpus) * BigInt(Math.round(h.utilization * 1e6))) /
    (PPM * PPM);
  const weights = weightsBytes(h.weightsParamsB, h.weightsDtype);
  const kvBudgetBytes = poolBytes - weights;
  const tokenCostBytes =
    (BigInt(a.layers) *
      BigInt(elementsPerGpuTokenLayer(a, tp) * Math.max(1, tp)) *
      BigInt(DTYPE_BITS[w.dtype]) +
      7n) /
    8n;
  const free = kvBudgetBytes > 0n ? kvBudgetBytes : 0n;
  const perSequence = batchCost(a, 1, w.tokens, w.dtype, w.block, tp);
  return {
    poolBytes,
    weightsBytes: weights,
    kvBudgetBytes,
    tokenCostBytes,
    maxTokens: free / tokenCostBytes,
    maxBatch: perSequence > 0n ? free / perSequence : 0n,
    maxTokensAtBatch: longestContext(a, w.batch, w.dtype, w.block, tp, free),
  };
}

/** Largest T with cost(B, T) ≤ budget, by binary search (cost grows monotonically with T). */
function longestContext(
  a: Architecture,
  batch: number,
  dtype: KvDtype,
  block: number | undefined,
  tp: number,
  budget: bigint,
): bigint | null {
  const cost = (t: number) => batchCost(a, batch, t, dtype, block, tp);
  const everyLayerWindowed = a.window !== undefined && (a.globalLayers ?? 0) === 0;
  if (everyLayerWindowed && cost(a.window! + (block ?? 0)) <= budget) return null;
  if (cost(1) > budget) return 0n;
  let lo = 1;
  let hi = 2;
  while (hi < Number.MAX_SAFE_INTEGER / 2 && cost(hi) <= budget) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cost(mid) <= budget) lo = mid;
    else hi = mid;
  }
  return BigInt(lo);
}
