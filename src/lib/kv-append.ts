/**
 * Isomorphic: the KV cache during decoding, one step at a time, for one sequence. After step t the
 * cache holds t tokens' keys and values in every layer; its bytes come from the calculator's model
 * (src/lib/kv-cache/model.ts), never from a second copy of the formula.
 *
 * Work is counted exactly, in multiply-adds (one multiplication and one addition; FLOPs = 2 × that),
 * per sequence, for the two parts of attention that a cache changes:
 *
 *   K/V projections: each token position projected in a layer costs 2 · d_model · H_kv · d_head
 *     (one d_model × H_kv·d_head matrix for keys, one for values);
 *   attention itself: one query head attending over n keys costs n · d_head for the scores QKᵀ and
 *     n · d_head for the weighted sum of values, so 2 · H · n · d_head for all H query heads.
 *
 * With a cache, step t projects only the new token and only its query attends (over t keys).
 * Without one, step t reruns the whole prefix: it projects all t positions and position i attends
 * over i keys, for every i ≤ t. Not counted: the query and output projections, the feed-forward
 * layers, softmax's exponentials, norms and the vocabulary projection. A run without a cache redoes
 * all of those for every position too, so the gap shown here understates the real one.
 */
import { type Architecture, KV_DTYPES, type KvDtype, kvCache } from './kv-cache/model';

/** The model shape the stepper needs. */
export interface AppendModel {
  layers: number;
  /** Query heads per layer, H. */
  heads: number;
  /** Key/value heads per layer, H_kv (divides H). */
  kvHeads: number;
  headDim: number;
  /** Width of the token representations, d_model (sets the cost of the K/V projections). */
  dModel: number;
  dtype: KvDtype;
}

/** The cache model's view of the shape: MHA when H_kv = H, MQA when 1, GQA otherwise. */
export function architecture(m: AppendModel): Architecture {
  const attention = m.kvHeads === m.heads ? 'mha' : m.kvHeads === 1 ? 'mqa' : 'gqa';
  return { attention, layers: m.layers, heads: m.heads, kvHeads: m.kvHeads, headDim: m.headDim };
}

/** Work of one step or of several, per sequence. */
export interface Work {
  /** Token positions projected to keys and values, summed over layers. */
  kvPositions: bigint;
  /** Multiply-adds of the K/V projections. */
  projection: bigint;
  /** Multiply-adds of QKᵀ and of the attention-weighted sum of values. */
  attention: bigint;
  /** projection + attention. */
  total: bigint;
  /** 2 × total. */
  flops: bigint;
}

function work(m: AppendModel, positions: bigint, keysAttended: bigint): Work {
  const L = BigInt(m.layers);
  const projection = L * positions * 2n * BigInt(m.dModel) * BigInt(m.kvHeads) * BigInt(m.headDim);
  const attention = L * keysAttended * 2n * BigInt(m.heads) * BigInt(m.headDim);
  const total = projection + attention;
  return { kvPositions: L * positions, projection, attention, total, flops: 2n * total };
}

/**
 * Work of step t (t ≥ 1) alone. With a cache: 1 position projected, t keys attended.
 * Without: t positions projected, 1 + 2 + … + t = t(t+1)/2 keys attended.
 */
export function stepWork(m: AppendModel, t: number, cached: boolean): Work {
  const n = BigInt(Math.max(0, t));
  if (n === 0n) return work(m, 0n, 0n);
  return cached ? work(m, 1n, n) : work(m, n, (n * (n + 1n)) / 2n);
}

/**
 * Work of steps 1 … T together, in closed form (the unit tests check it against the sum of stepWork).
 * With a cache: T positions, Σ t = T(T+1)/2 keys. Without: Σ t = T(T+1)/2 positions and
 * Σ t(t+1)/2 = T(T+1)(T+2)/6 keys.
 */
export function totalWork(m: AppendModel, T: number, cached: boolean): Work {
  const n = BigInt(Math.max(0, T));
  return cached
    ? work(m, n, (n * (n + 1n)) / 2n)
    : work(m, (n * (n + 1n)) / 2n, (n * (n + 1n) * (n + 2n)) / 6n);
}

/** Everything the stepper shows after step t. */
export interface AppendState {
  step: number;
  /** Tokens whose keys and values are stored (= step). */
  cachedTokens: number;
  /** Key rows (and as many value rows) in each layer: one per cached token, H_kv · d_head numbers each. */
  rowsPerLayer: number;
  /** K rows appended this step across all layers (the same number of V rows). */
  rowsAppended: number;
  /** Numbers stored per K row (and per V row): H_kv · d_head. */
  rowWidth: number;
  perTokenBytes: bigint;
  /** The whole cache after this step. */
  bytes: bigint;
  /** Bytes this step appended. */
  addedBytes: bigint;
  /** With a cache, step t reads every stored key and value: the whole cache. */
  bytesRead: bigint;
  withCache: { step: Work; total: Work };
  withoutCache: { step: Work; total: Work };
}

export function appendState(m: AppendModel, step: number): AppendState {
  const t = Math.max(0, Math.floor(step));
  const a = architecture(m);
  const bytesAt = (n: number) => kvCache(a, { batch: 1, tokens: n, dtype: m.dtype }).totalBytes;
  const bytes = bytesAt(t);
  return {
    step: t,
    cachedTokens: t,
    rowsPerLayer: t,
    rowsAppended: t === 0 ? 0 : m.layers,
    rowWidth: m.kvHeads * m.headDim,
    perTokenBytes: kvCache(a, { batch: 1, tokens: 1, dtype: m.dtype }).perTokenBytes,
    bytes,
    addedBytes: t === 0 ? 0n : bytes - bytesAt(t - 1),
    bytesRead: bytes,
    withCache: { step: stepWork(m, t, true), total: totalWork(m, t, true) },
    withoutCache: { step: stepWork(m, t, false), total: totalWork(m, t, false) },
  };
}

/** a / b to three significant figures, as text ("9.245"); "–" when b is 0. */
export function ratioText(a: bigint, b: bigint): string {
  if (b === 0n) return '–';
  return String(Number((Number(a) / Number(b)).toPrecision(4)));
}

/* ---------------------------------------------------------------------------------------------- */
/* The toy numbers in the picture                                                                   */
/* ---------------------------------------------------------------------------------------------- */

/** Numbers drawn per row: the first few of d_head. */
export const TOY_DIMS = 8;

/** A small deterministic generator (mulberry32), so the build and the browser draw the same rows. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A toy vector for position j (1-based) of one kind; the same j always gives the same vector. */
export function toyVector(kind: 'q' | 'k' | 'v', j: number, dims: number): number[] {
  const next = random(j * 7919 + { q: 1, k: 2, v: 3 }[kind] * 104729);
  // Uniform on [−√3, √3]: mean 0, variance 1.
  return Array.from({ length: dims }, () => Math.sqrt(3) * (2 * next() - 1));
}

/** What the picture draws at step t: the new query, the stored rows and the query's attention. */
export interface ToyPicture {
  dims: number;
  query: number[];
  keys: number[][];
  values: number[][];
  /** softmax(q · k_j / √dims) over j = 1 … t; sums to 1. */
  weights: number[];
}

export function toyPicture(step: number, headDim: number): ToyPicture {
  const t = Math.max(0, Math.floor(step));
  const dims = Math.max(1, Math.min(TOY_DIMS, headDim));
  const keys = Array.from({ length: t }, (_, i) => toyVector('k', i + 1, dims));
  const values = Array.from({ length: t }, (_, i) => toyVector('v', i + 1, dims));
  const query = t === 0 ? [] : toyVector('q', t, dims);
  const scores = keys.map((k) => k.reduce((s, x, i) => s + x * query[i]!, 0) / Math.sqrt(dims));
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((s, x) => s + x, 0);
  return { dims, query, keys, values, weights: exps.map((x) => x / sum) };
}

/* ---------------------------------------------------------------------------------------------- */
/* Inputs                                                                                            */
/* ---------------------------------------------------------------------------------------------- */

/** Input fields and their hash-state names. */
export const FIELDS = ['layers', 'heads', 'kv_heads', 'head_dim', 'd_model', 'dtype'] as const;
export type Field = (typeof FIELDS)[number];
type NumberField = Exclude<Field, 'dtype'>;
const KEY: Record<NumberField, Exclude<keyof AppendModel, 'dtype'>> = {
  layers: 'layers',
  heads: 'heads',
  kv_heads: 'kvHeads',
  head_dim: 'headDim',
  d_model: 'dModel',
};

/** Inclusive bounds of each number field; large enough for published models. */
export const LIMITS: Record<NumberField, [number, number]> = {
  layers: [1, 128],
  heads: [1, 128],
  kv_heads: [1, 128],
  head_dim: [1, 512],
  d_model: [1, 32768],
};
/** Most tokens the strip can hold. */
export const MAX_TOKENS = 32;

export interface Parsed {
  model: AppendModel;
  step: number;
  /** A message per field whose input was changed (clamped, rounded or replaced) before use. */
  messages: Partial<Record<Field, string>>;
}

const num = (n: number) => n.toLocaleString('en-US');

/** One number field: a whole number within its bounds, else the nearest one that is, with a message. */
function parseCount(
  field: NumberField,
  raw: string | null,
  fallback: number,
): { value: number; message?: string } {
  const [lo, hi] = LIMITS[field];
  const range = `from ${num(lo)} to ${num(hi)}`;
  if (raw === null) return { value: fallback };
  const text = raw.trim();
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value))
    return { value: fallback, message: `Type a whole number ${range}; using ${num(fallback)}.` };
  const clamped = Math.min(hi, Math.max(lo, Math.round(value)));
  if (!Number.isInteger(value))
    return { value: clamped, message: `Must be a whole number ${range}; using ${num(clamped)}.` };
  if (clamped !== value) return { value: clamped, message: `Must be ${range}; using ${num(clamped)}.` };
  return { value };
}

/** The largest divisor of n that is at most k (so H_kv divides H). */
export function largestDivisorAtMost(n: number, k: number): number {
  for (let d = Math.min(n, Math.max(1, k)); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

/**
 * Read the inputs (a hash's parameters, or the form's values) over a fallback model. Every value comes
 * out usable: a bad one is replaced by the nearest valid value and gets a message saying so.
 */
export function parseAppend(
  params: URLSearchParams,
  fallback: AppendModel,
  fallbackStep: number,
  maxStep: number,
): Parsed {
  const messages: Parsed['messages'] = {};
  const model: AppendModel = { ...fallback };
  for (const field of Object.keys(KEY) as NumberField[]) {
    const { value, message } = parseCount(field, params.get(field), fallback[KEY[field]]);
    model[KEY[field]] = value;
    if (message) messages[field] = message;
  }
  const dtype = params.get('dtype');
  if (dtype !== null) {
    if ((KV_DTYPES as readonly string[]).includes(dtype)) model.dtype = dtype as KvDtype;
    else messages.dtype = `Unknown dtype; using ${fallback.dtype}.`;
  }
  if (model.kvHeads > model.heads || model.heads % model.kvHeads !== 0) {
    const fixed = largestDivisorAtMost(model.heads, model.kvHeads);
    messages.kv_heads =
      model.kvHeads > model.heads
        ? `There cannot be more key/value heads than query heads (${num(model.heads)}); using ${num(fixed)}.`
        : `H_kv must divide H = ${num(model.heads)}, so every key/value head serves as many query heads; using ${num(fixed)}.`;
    model.kvHeads = fixed;
  }
  const rawStep = params.get('step');
  const step = rawStep === null ? fallbackStep : Number(rawStep);
  return {
    model,
    step: Number.isFinite(step) ? Math.min(maxStep, Math.max(0, Math.round(step))) : fallbackStep,
    messages,
  };
}

/** The hash parameters for a state. */
export function toParams(m: AppendModel, step: number): Record<string, string | number> {
  return {
    step,
    layers: m.layers,
    heads: m.heads,
    kv_heads: m.kvHeads,
    head_dim: m.headDim,
    d_model: m.dModel,
    dtype: m.dtype,
  };
}

/** The tokens of the strip: split on spaces, at most MAX_TOKENS, at least one. */
export function splitTokens(text: string): string[] {
  const tokens = text.split(/\s+/).filter(Boolean).slice(0, MAX_TOKENS);
  return tokens.length > 0 ? tokens : ['token'];
}
