/**
 * Isomorphic: scaled dot-product attention on small dense matrices, written out so a reader (and a
 * test) can follow every number: QKᵀ, the division by √d_k, a temperature, the causal mask, a
 * numerically stable softmax, the weighted sum of values, the split into heads, and a seeded
 * random generator for the "why √d_k" experiment.
 *
 * Matrices are arrays of rows (number[][]). Shape mistakes are programming errors and throw a
 * RangeError; callers that take reader input clamp it first (see attention-lab.ts), so nothing a
 * reader types reaches these functions as NaN or Infinity.
 *
 * Follows Vaswani et al. (2017), arXiv 1706.03762: equation (1), footnote 4 and section 3.2.3.
 */

export type Matrix = number[][];

function shape(a: Matrix): [number, number] {
  return [a.length, a[0]?.length ?? 0];
}

function assertRectangular(a: Matrix, name: string): void {
  const [, cols] = shape(a);
  for (const row of a) if (row.length !== cols) throw new RangeError(`${name}: rows have different lengths`);
}

/** Aᵀ: row i of the result is column i of A. */
export function transpose(a: Matrix): Matrix {
  assertRectangular(a, 'transpose');
  const [rows, cols] = shape(a);
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a[i][j]));
}

/** AB for A (n × k) and B (k × m); entry (i, j) is row i of A dotted with column j of B. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  assertRectangular(a, 'matmul');
  assertRectangular(b, 'matmul');
  const [n, k] = shape(a);
  const [k2, m] = shape(b);
  if (n > 0 && k !== k2) throw new RangeError(`matmul: (${n} × ${k}) times (${k2} × ${m}) does not fit`);
  return a.map((row) => {
    const out = new Array<number>(m).fill(0);
    for (let t = 0; t < k; t++) {
      const x = row[t];
      if (x === 0) continue; // 0 × finite is 0; skipping keeps -0 out of the results
      const brow = b[t];
      for (let j = 0; j < m; j++) out[j] += x * brow[j];
    }
    return out;
  });
}

/** The dot product of two vectors of equal length. */
export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths ${a.length} and ${b.length} differ`);
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t] * b[t];
  return s;
}

/**
 * The causal mask for n queries over m keys: 0 where key j is at or before query i (j ≤ i), −∞
 * where it is later. Added to the scores, it gives every later key a weight of exactly 0.
 */
export function causalMask(n: number, m: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => (j <= i ? 0 : -Infinity)));
}

/**
 * Softmax of one row of scores at temperature τ: e^{s_j/τ} / Σ_l e^{s_l/τ}.
 *
 * Stable: the row's maximum is subtracted first, so no exponential overflows and the largest term is
 * exactly e^0 = 1; (s − max)/τ is the same as s/τ − max/τ. A −∞ score (a masked key) gets weight
 * exactly 0. If every score is −∞ nothing is visible and every weight is 0 (the row does not sum to 1;
 * a causal mask never does this, because the diagonal stays visible). If some scores are +∞ they share
 * the weight equally. Never returns NaN.
 */
export function softmax(row: readonly number[], temperature = 1): number[] {
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new RangeError(`softmax: the temperature must be a positive number, not ${temperature}`);
  if (row.some(Number.isNaN)) throw new RangeError('softmax: a score is NaN');
  let top = -Infinity;
  for (const s of row) if (s > top) top = s;
  if (top === -Infinity) return row.map(() => 0);
  if (top === Infinity) {
    const count = row.filter((s) => s === Infinity).length;
    return row.map((s) => (s === Infinity ? 1 / count : 0));
  }
  const e = row.map((s) => Math.exp((s - top) / temperature));
  let total = 0;
  for (const x of e) total += x; // at least 1: the maximum contributes e^0
  return e.map((x) => x / total);
}

/** Shannon entropy of a row of weights, in nats (0 · log 0 counts as 0). */
export function entropy(p: readonly number[]): number {
  let h = 0;
  for (const x of p) if (x > 0) h -= x * Math.log(x);
  return h;
}

/**
 * Size of the softmax's Jacobian diag(p) − ppᵀ at weights p (Frobenius norm). It is what a gradient
 * passing back through the softmax is multiplied by: 0 for a one-hot row, largest for a spread row.
 * Σ_ij (δ_ij p_i − p_i p_j)² = Σ p² − 2 Σ p³ + (Σ p²)².
 */
export function softmaxJacobianNorm(p: readonly number[]): number {
  let s2 = 0;
  let s3 = 0;
  for (const x of p) {
    s2 += x * x;
    s3 += x * x * x;
  }
  return Math.sqrt(Math.max(0, s2 - 2 * s3 + s2 * s2));
}

/** How attention is computed. */
export interface AttentionOptions {
  /** Divide the scores by √d_k (the "scaled" in scaled dot-product attention). */
  scale: boolean;
  /** Add the causal mask: query i sees keys j ≤ i only. */
  causal: boolean;
  /** Softmax temperature τ > 0: the logits are divided by it (1 leaves them as they are). */
  temperature: number;
}

export const DEFAULT_OPTIONS: AttentionOptions = { scale: true, causal: false, temperature: 1 };

/** Every intermediate table of one attention, so a page can show each step. */
export interface AttentionWeights {
  /** Width of the queries and keys. */
  dk: number;
  /** √d_k when scaling, else 1. */
  divisor: number;
  /** QKᵀ: entry (i, j) is q_i · k_j. */
  raw: Matrix;
  /** raw / divisor. */
  scaled: Matrix;
  /** What the softmax receives: scaled / τ, plus −∞ where masked. */
  logits: Matrix;
  /** softmax of each row of logits. */
  weights: Matrix;
  /** Entropy of each row of weights (nats). */
  entropy: number[];
  /** Whether key j is visible to query i. */
  visible: boolean[][];
}

export interface AttentionResult extends AttentionWeights {
  /** weights · V: row i is the weighted average of the value rows. */
  output: Matrix;
}

function assertFinite(a: Matrix, name: string): void {
  for (const row of a)
    for (const x of row) if (!Number.isFinite(x)) throw new RangeError(`${name} holds ${x}`);
}

/** The weights of softmax(QKᵀ/√d_k + M) with every intermediate step, for Q (n × d_k) and K (m × d_k). */
export function attentionWeights(
  q: Matrix,
  k: Matrix,
  options: AttentionOptions = DEFAULT_OPTIONS,
): AttentionWeights {
  assertFinite(q, 'Q');
  assertFinite(k, 'K');
  const dk = shape(q)[1];
  if (shape(k)[1] !== dk) throw new RangeError(`Q has width ${dk} but K has width ${shape(k)[1]}`);
  if (dk === 0) throw new RangeError('queries and keys need at least one dimension');
  const { scale, causal, temperature } = options;
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new RangeError(`the temperature must be a positive number, not ${temperature}`);
  const divisor = scale ? Math.sqrt(dk) : 1;
  const raw = matmul(q, transpose(k));
  const scaled = raw.map((row) => row.map((s) => s / divisor));
  const visible = raw.map((row, i) => row.map((_, j) => !causal || j <= i));
  const logits = scaled.map((row, i) => row.map((s, j) => (visible[i][j] ? s / temperature : -Infinity)));
  // The temperature is already in the logits.
  const weights = logits.map((row) => softmax(row));
  return { dk, divisor, raw, scaled, logits, weights, entropy: weights.map(entropy), visible };
}

/** softmax(QKᵀ/√d_k + M) V with every intermediate step. V has one row per key. */
export function attention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  options: AttentionOptions = DEFAULT_OPTIONS,
): AttentionResult {
  assertFinite(v, 'V');
  if (v.length !== k.length) throw new RangeError(`K has ${k.length} rows but V has ${v.length}`);
  const w = attentionWeights(q, k, options);
  return { ...w, output: matmul(w.weights, v) };
}

/** Columns [from, to) of every row. */
export function columns(a: Matrix, from: number, to: number): Matrix {
  return a.map((row) => row.slice(from, to));
}

/**
 * Split the columns of X (T × d_model) into h blocks of d_model/h, one per head. For Q = XW_Q this is
 * the same as giving head i its own projection, the i-th block of columns of W_Q.
 */
export function splitHeads(x: Matrix, heads: number): Matrix[] {
  assertRectangular(x, 'splitHeads');
  const width = shape(x)[1];
  if (!Number.isInteger(heads) || heads < 1 || width % heads !== 0)
    throw new RangeError(`${heads} heads do not divide a width of ${width}`);
  const d = width / heads;
  return Array.from({ length: heads }, (_, i) => columns(x, i * d, (i + 1) * d));
}

/** Put the heads' outputs side by side again: the inverse of splitHeads. */
export function concatHeads(parts: readonly Matrix[]): Matrix {
  if (parts.length === 0) return [];
  const rows = parts[0].length;
  if (parts.some((p) => p.length !== rows))
    throw new RangeError('concatHeads: heads have different row counts');
  return Array.from({ length: rows }, (_, i) => parts.flatMap((p) => p[i]));
}

export interface MultiHeadResult {
  /** Width of each head's queries and keys, d_model / h. */
  headDim: number;
  heads: AttentionResult[];
  /** The heads' outputs side by side (before any output projection W_O). */
  output: Matrix;
}

/**
 * Multi-head attention on already projected Q, K, V: split their columns into h heads, run scaled
 * dot-product attention in each (so each divides by √(d_model/h)), and concatenate the outputs.
 */
export function multiHeadAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  heads: number,
  options: AttentionOptions = DEFAULT_OPTIONS,
): MultiHeadResult {
  const qs = splitHeads(q, heads);
  const ks = splitHeads(k, heads);
  const vs = splitHeads(v, heads);
  const results = qs.map((qh, i) => attention(qh, ks[i], vs[i], options));
  return { headDim: shape(qs[0])[1], heads: results, output: concatHeads(results.map((r) => r.output)) };
}

// ---------------------------------------------------------------------------------------------
// Seeded random vectors, for the √d_k experiment

/**
 * A small seeded generator of uniform numbers in [0, 1) (mulberry32). The same seed always gives the
 * same sequence on every machine, so a shared link reproduces the same draw.
 */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers (mean 0, variance 1) from a uniform generator, by Box–Muller. */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - uniform(); // in (0, 1], so the logarithm is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** A rows × cols matrix of independent standard normal entries. */
export function normalMatrix(rows: number, cols: number, next: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

/** Summary of many rows of attention weights. */
export interface SaturationSummary {
  /** Standard deviation of every score fed to the softmax. */
  scoreStd: number;
  /** Mean over rows of the largest weight (1 means one-hot; 1/keys means uniform). */
  meanMaxWeight: number;
  /** Mean over rows of the entropy, in nats (0 for one-hot; log keys for uniform). */
  meanEntropy: number;
  /** Share of rows whose largest weight exceeds 0.99: one-hot to within 1 %. */
  oneHotShare: number;
  /** Median over rows of the softmax Jacobian's size: how much gradient gets through. */
  medianGradient: number;
}

export interface SaturationResult {
  dk: number;
  queries: number;
  keys: number;
  /** log(keys): the entropy of uniform weights, the most a row can have. */
  maxEntropy: number;
  /** Scores q · k as they are. */
  unscaled: SaturationSummary;
  /** Scores q · k / √d_k. */
  scaled: SaturationSummary;
}

function std(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let mean = 0;
  for (const x of values) mean += x;
  mean /= values.length;
  let v = 0;
  for (const x of values) v += (x - mean) ** 2;
  return Math.sqrt(v / values.length);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summarise(scores: Matrix): SaturationSummary {
  const rows = scores.map((row) => softmax(row));
  const maxes = rows.map((p) => Math.max(...p));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    scoreStd: std(scores.flat()),
    meanMaxWeight: mean(maxes),
    meanEntropy: mean(rows.map(entropy)),
    oneHotShare: mean(maxes.map((m) => (m > 0.99 ? 1 : 0))),
    medianGradient: median(rows.map(softmaxJacobianNorm)),
  };
}

/**
 * The √d_k experiment: `queries` random queries against `keys` random keys, all entries independent
 * standard normals of dimension dk, drawn from `seed`. Returns the spread of the scores and how
 * saturated the softmax is, with and without the division by √d_k (no mask, temperature 1).
 */
export function saturation(
  dk: number,
  { queries = 200, keys = 8, seed = 1 }: { queries?: number; keys?: number; seed?: number } = {},
): SaturationResult {
  if (!Number.isInteger(dk) || dk < 1) throw new RangeError(`d_k must be a whole number ≥ 1, not ${dk}`);
  if (!Number.isInteger(queries) || queries < 1 || !Number.isInteger(keys) || keys < 1)
    throw new RangeError('saturation needs at least one query and one key');
  const next = seededNormal(seed);
  const k = normalMatrix(keys, dk, next);
  const q = normalMatrix(queries, dk, next);
  const raw = matmul(q, transpose(k));
  const root = Math.sqrt(dk);
  return {
    dk,
    queries,
    keys,
    maxEntropy: Math.log(keys),
    unscaled: summarise(raw),
    scaled: summarise(raw.map((row) => row.map((s) => s / root))),
  };
}
