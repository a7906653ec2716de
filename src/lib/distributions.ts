/**
 * Isomorphic: two discrete distributions and the information measures between them — entropy,
 * cross-entropy and the Kullback–Leibler divergence in both directions — in bits or nats.
 *
 *   H(P)     = −Σ p_i log p_i                 (0 · log 0 counts as 0)
 *   H(P, Q)  = −Σ p_i log q_i                 = H(P) + KL(P‖Q)
 *   KL(P‖Q)  =  Σ p_i log(p_i / q_i)          ≥ 0, and 0 only when P = Q
 *
 * A term with p_i > 0 and q_i = 0 is infinite: Q says outcome i never happens while P says it does.
 * Such results come back as { finite: false, reason } and never as Infinity or NaN, so a page can say
 * "infinite" and why.
 */

export type Unit = 'bits' | 'nats';
export const UNITS: readonly Unit[] = ['bits', 'nats'];

/** A measure that may be infinite; the reason names the outcome that makes it so. */
export type Amount = { finite: true; value: number } | { finite: false; reason: string };

const logIn = (x: number, unit: Unit) => (unit === 'bits' ? Math.log2(x) : Math.log(x));

export interface Normalised {
  p: number[];
  /** Set when the weights could not be used as they were (a bad weight, or none positive). */
  message?: string;
}

/**
 * Weights → probabilities by dividing by their sum. A negative or non-finite weight counts as 0; if no
 * weight is positive there is no distribution, and the uniform one stands in (with a message).
 */
export function normalise(weights: readonly number[], name = 'P'): Normalised {
  const bad = weights.some((w) => !Number.isFinite(w) || w < 0);
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((s, w) => s + w, 0);
  if (clean.length === 0) return { p: [], message: `${name} has no outcomes.` };
  if (!(sum > 0) || !Number.isFinite(sum))
    return {
      p: clean.map(() => 1 / clean.length),
      message: `${name} needs at least one positive weight; showing the uniform distribution until it has one.`,
    };
  return {
    p: clean.map((w) => w / sum),
    message: bad ? `${name}: weights must be non-negative numbers; a bad weight counts as 0.` : undefined,
  };
}

/** softmax(z / T), computed on z/T − max so that no exponential overflows. T must be positive. */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  if (logits.length === 0) return [];
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / sum);
}

/** Entropy H(P). Always finite for a distribution. */
export function entropy(p: readonly number[], unit: Unit = 'bits'): number {
  let h = 0;
  for (const x of p) if (x > 0) h -= x * logIn(x, unit);
  return Math.max(0, h);
}

/** Formats a probability for a reason: "0.25", "0.0001", "< 0.0001". */
export function probabilityText(x: number): string {
  if (x === 0) return '0';
  if (x < 0.0001) return '< 0.0001';
  return String(Number(x.toPrecision(3)));
}

interface Names {
  /** Name of the first distribution (the one the average is taken under). */
  a: string;
  /** Name of the second. */
  b: string;
  /** Outcome labels, for the reason. */
  labels: readonly string[];
}

function infiniteAt(p: readonly number[], q: readonly number[]): number {
  return p.findIndex((x, i) => x > 0 && !(q[i]! > 0));
}

function reason(i: number, p: readonly number[], n: Names, term: string): string {
  const label = n.labels[i] ?? String(i + 1);
  return `${n.b} gives “${label}” probability 0 while ${n.a} gives it ${probabilityText(p[i]!)}, so the term ${term} is infinite.`;
}

/** Cross-entropy H(P, Q) = −Σ p_i log q_i: infinite when Q misses an outcome P can produce. */
export function crossEntropy(
  p: readonly number[],
  q: readonly number[],
  unit: Unit = 'bits',
  names: Names = { a: 'P', b: 'Q', labels: [] },
): Amount {
  const i = infiniteAt(p, q);
  if (i >= 0) return { finite: false, reason: reason(i, p, names, `−${probabilityText(p[i]!)} · log 0`) };
  let h = 0;
  p.forEach((x, j) => {
    if (x > 0) h -= x * logIn(q[j]!, unit);
  });
  return { finite: true, value: Math.max(0, h) };
}

/**
 * One term of KL(P‖Q) per outcome: p_i log(p_i / q_i), 0 where p_i = 0, null where it is infinite.
 * Terms can be negative; their sum cannot.
 */
export function klTerms(p: readonly number[], q: readonly number[], unit: Unit = 'bits'): (number | null)[] {
  return p.map((x, i) => {
    if (!(x > 0)) return 0;
    const y = q[i]!;
    return y > 0 ? x * (logIn(x, unit) - logIn(y, unit)) : null;
  });
}

/** KL(P‖Q) = Σ p_i log(p_i / q_i). */
export function kl(
  p: readonly number[],
  q: readonly number[],
  unit: Unit = 'bits',
  names: Names = { a: 'P', b: 'Q', labels: [] },
): Amount {
  const i = infiniteAt(p, q);
  if (i >= 0) {
    const x = probabilityText(p[i]!);
    return { finite: false, reason: reason(i, p, names, `${x} · log(${x} / 0)`) };
  }
  const sum = klTerms(p, q, unit).reduce<number>((s, t) => s + (t ?? 0), 0);
  // Rounding can leave −1e-17 when P = Q; the divergence is never negative.
  return { finite: true, value: Math.max(0, sum) };
}

/* ---------------------------------------------------------------------------------------------- */
/* The lab's state and its inputs                                                                   */
/* ---------------------------------------------------------------------------------------------- */

export type PMode = 'weights' | 'logits';

export interface LabState {
  labels: string[];
  /** Where P comes from: its own weights, or softmax(logits / T). */
  pMode: PMode;
  pWeights: number[];
  logits: number[];
  temperature: number;
  qWeights: number[];
  unit: Unit;
}

/** Inclusive bounds of each input. */
export const BOUNDS = {
  weight: [0, 1000],
  logit: [-20, 20],
  temperature: [0.1, 10],
} as const satisfies Record<string, readonly [number, number]>;

/** Outcomes the lab allows. */
export const MIN_OUTCOMES = 2;
export const MAX_OUTCOMES = 8;

export interface Parsed {
  value: number;
  message?: string;
}

/** A number within bounds, else the nearest one that is (with a message); a non-number keeps `fallback`. */
export function parseNumber(
  text: string | null | undefined,
  bounds: readonly [number, number],
  fallback: number,
): Parsed {
  if (text === null || text === undefined) return { value: fallback };
  const t = text.trim().replace('−', '-');
  const value = t === '' ? NaN : Number(t);
  const [lo, hi] = bounds;
  if (!Number.isFinite(value))
    return { value: fallback, message: `Type a number from ${lo} to ${hi}; using ${fallback}.` };
  if (value < lo)
    return {
      value: lo,
      message: `${lo === 0 ? 'Cannot be negative' : `Must be at least ${lo}`}; using ${lo}.`,
    };
  if (value > hi) return { value: hi, message: `Must be at most ${hi}; using ${hi}.` };
  return { value };
}

/** Messages keyed by field: "p-0" … (P's weights), "z-0" … (its logits), "q-0" …, "t", and "p", "q" for a whole list. */
export type Messages = Record<string, string>;

/**
 * The lab's state from a hash's parameters over a fallback state: p=1,2,3 (P's weights), z=… and t=…
 * (logits and temperature; P = softmax(z / t)), mode=weights|logits, q=…, unit=bits|nats.
 * Lists keep the fallback's number of outcomes; every bad entry is replaced and named in a message.
 */
export function parseLab(
  params: URLSearchParams,
  fallback: LabState,
): { state: LabState; messages: Messages } {
  const messages: Messages = {};
  const n = fallback.labels.length;
  const list = (key: 'p' | 'z' | 'q', bounds: readonly [number, number], base: number[]) => {
    const raw = params.get(key);
    if (raw === null) return [...base];
    const parts = raw.split(',');
    if (parts.length !== n)
      messages[key === 'q' ? 'q' : 'p'] =
        `The link gives ${parts.length} numbers for ${n} outcomes; ${parts.length < n ? 'the missing ones keep their values' : 'the extra ones are ignored'}.`;
    return base.map((b, i) => {
      const parsed = parseNumber(parts[i], bounds, b);
      if (parsed.message) messages[`${key}-${i}`] = parsed.message;
      return parsed.value;
    });
  };
  const mode = params.get('mode');
  const unit = params.get('unit');
  const t = parseNumber(params.get('t'), BOUNDS.temperature, fallback.temperature);
  if (t.message) messages.t = t.message;
  const state: LabState = {
    labels: fallback.labels,
    pMode: mode === 'logits' || mode === 'weights' ? mode : fallback.pMode,
    pWeights: list('p', BOUNDS.weight, fallback.pWeights),
    logits: list('z', BOUNDS.logit, fallback.logits),
    temperature: t.value,
    qWeights: list('q', BOUNDS.weight, fallback.qWeights),
    unit: unit === 'bits' || unit === 'nats' ? unit : fallback.unit,
  };
  return { state, messages };
}

/** A number as the link writes it: up to 4 decimals, no trailing zeros. */
const short = (x: number) => String(Number(x.toFixed(4)));

/** The hash parameters for a state (only P's active source is written). */
export function labParams(s: LabState): Record<string, string> {
  const out: Record<string, string> = { mode: s.pMode };
  if (s.pMode === 'logits') {
    out.z = s.logits.map(short).join(',');
    out.t = short(s.temperature);
  } else out.p = s.pWeights.map(short).join(',');
  out.q = s.qWeights.map(short).join(',');
  out.unit = s.unit;
  return out;
}

/** Everything the lab shows for a state. */
export interface LabResult {
  p: number[];
  q: number[];
  hP: number;
  hQ: number;
  /** H(P, Q) and H(Q, P). */
  crossPQ: Amount;
  crossQP: Amount;
  klPQ: Amount;
  klQP: Amount;
  termsPQ: (number | null)[];
  termsQP: (number | null)[];
  /** Messages about whole distributions ("p", "q"). */
  messages: Messages;
}

export function analyse(s: LabState): LabResult {
  const messages: Messages = {};
  const P = s.pMode === 'logits' ? { p: softmax(s.logits, s.temperature) } : normalise(s.pWeights, 'P');
  const Q = normalise(s.qWeights, 'Q');
  if (P.message) messages.p = P.message;
  if (Q.message) messages.q = Q.message;
  const p = P.p;
  const q = Q.p;
  const pq = { a: 'P', b: 'Q', labels: s.labels };
  const qp = { a: 'Q', b: 'P', labels: s.labels };
  return {
    p,
    q,
    hP: entropy(p, s.unit),
    hQ: entropy(q, s.unit),
    crossPQ: crossEntropy(p, q, s.unit, pq),
    crossQP: crossEntropy(q, p, s.unit, qp),
    klPQ: kl(p, q, s.unit, pq),
    klQP: kl(q, p, s.unit, qp),
    termsPQ: klTerms(p, q, s.unit),
    termsQP: klTerms(q, p, s.unit),
    messages,
  };
}

/** Presets, for n outcomes: each gives P's and Q's weights. */
export const PRESETS = {
  uniform: { label: 'Both uniform', make: (n: number) => ({ p: Array(n).fill(1), q: Array(n).fill(1) }) },
  peaked: {
    label: 'Peaked P, uniform Q',
    make: (n: number) => ({ p: Array.from({ length: n }, (_, i) => (i === 0 ? 8 : 1)), q: Array(n).fill(1) }),
  },
  'zero-in-q': {
    label: 'A zero in Q',
    make: (n: number) => ({
      p: Array.from({ length: n }, (_, i) => n - i),
      q: Array.from({ length: n }, (_, i) => (i === n - 1 ? 0 : n - i + 1)),
    }),
  },
} as const;
export type PresetId = keyof typeof PRESETS;
export const isPresetId = (id: string): id is PresetId => Object.hasOwn(PRESETS, id);

/** A preset applied to a state. With P from logits, P's weights become logits log w (T = 1). */
export function applyPreset(s: LabState, id: PresetId): LabState {
  const { p, q } = PRESETS[id].make(s.labels.length);
  if (s.pMode === 'logits')
    return { ...s, logits: p.map((w) => Number(Math.log(w).toFixed(4))), temperature: 1, qWeights: q };
  return { ...s, pWeights: p, qWeights: q };
}

/** P and Q exchanged (P's weights mode only: a softmax cannot put a zero where Q may have one). */
export function swap(s: LabState): LabState {
  return { ...s, pWeights: s.qWeights, qWeights: s.pWeights };
}

/** Outcome labels from a comma-separated list: MIN_OUTCOMES … MAX_OUTCOMES, else a, b, c, d. */
export function parseLabels(text: string | undefined): string[] {
  const labels = (text ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, MAX_OUTCOMES);
  return labels.length >= MIN_OUTCOMES ? labels : ['a', 'b', 'c', 'd'];
}
