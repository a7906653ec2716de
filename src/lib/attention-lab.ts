/**
 * Isomorphic: the attention lab's state — its presets, the limits on every input, reading what a
 * reader typed (clamped, with a message instead of NaN), and the state's form in the URL hash. The
 * arithmetic lives in attention.ts and the markup in attention-lab-view.ts.
 *
 * The lab works on T = 2..6 tokens with d_model = 4: Q, K and V are T × 4, so a single head has
 * d_k = 4 (and divides by √4 = 2), two heads have d_k = 2 each and four heads d_k = 1. The state
 * always holds MAX_TOKENS rows; the first T are in use, so removing a token and typing it back
 * restores its row.
 */
import type { Matrix } from './attention';

export const LAB_ID = 'attention-lab';
export const D_MODEL = 4;
export const MIN_TOKENS = 2;
export const MAX_TOKENS = 6;
export const MAX_TOKEN_CHARS = 12;
/** Entries of Q, K and V stay within ±ENTRY_LIMIT. */
export const ENTRY_LIMIT = 9;
export const TEMPERATURE_MIN = 0.1;
export const TEMPERATURE_MAX = 10;
/** The temperature slider's stops; the number field takes any value in range. */
export const TEMPERATURE_STOPS = [0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10] as const;
export const DK_MIN = 1;
export const DK_MAX = 512;
/** The d_k slider's stops (powers of two); the number field takes any whole number in range. */
export const DK_STOPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] as const;
export const HEAD_CHOICES = [1, 2, 4] as const;
export type Heads = (typeof HEAD_CHOICES)[number];
export const SEED_MAX = 99999;
/** Random queries and keys in the √d_k statistics. */
export const SATURATION_QUERIES = 200;
export const SATURATION_KEYS = 8;

export interface Preset {
  label: string;
  /** One sentence: what to look at. */
  note: string;
  tokens: string[];
  q: Matrix;
  k: Matrix;
  v: Matrix;
  heads?: Heads;
}

// Feature tags for the lookup presets: 1 determiner, 2 adjective, 3 noun, 4 verb.
const DET = [2, 0, 0, 0];
const ADJ = [0, 2, 0, 0];
const NOUN = [0, 0, 2, 0];
const VERB = [0, 0, 0, 2];
const ZERO = [0, 0, 0, 0];
const times = (rows: Matrix, c: number): Matrix => rows.map((r) => r.map((x) => x * c));
const LOOKUP_K = [DET, ADJ, NOUN, VERB, NOUN, VERB];
const LOOKUP_V = times(LOOKUP_K, 0.5);
// Two relations in two column blocks: columns 1–2 point at the previous position (six directions
// 60° apart, rounded: √3 ≈ 1.73), columns 3–4 find nouns.
const DIRS = [
  [2, 0],
  [1, 1.73],
  [-1, 1.73],
  [-2, 0],
  [-1, -1.73],
  [1, -1.73],
];
const TWO_TOKENS = ['the', 'fox', 'saw', 'a', 'red', 'hen'];
const IS_NOUN = [false, true, false, false, false, true];

export const PRESETS = {
  lookup: {
    label: 'Each token looks up one other',
    note: 'Columns are tags (determiner, adjective, noun, verb). Each key carries its tag, each query asks for one: red asks for a determiner, fox for an adjective, ran for a noun. The values copy the tag, so each output row shows what its token read.',
    tokens: ['the', 'red', 'fox', 'ran'],
    k: LOOKUP_K,
    q: [NOUN, DET, ADJ, NOUN, VERB, NOUN],
    v: LOOKUP_V,
  },
  average: {
    label: 'Zero queries: a plain average',
    note: 'Every query is zero, so every score is 0 and the softmax spreads each row evenly over the keys it can see. With the mask on, row i is the running mean of the first i values.',
    tokens: ['the', 'red', 'fox', 'ran'],
    k: LOOKUP_K,
    q: [ZERO, ZERO, ZERO, ZERO, ZERO, ZERO],
    v: LOOKUP_V,
  },
  self: {
    label: 'Queries equal keys',
    note: 'Each query is its own key, so each token matches itself best; with the mask off, a later token with the same tag competes.',
    tokens: ['the', 'red', 'fox', 'ran'],
    k: LOOKUP_K,
    q: LOOKUP_K,
    v: LOOKUP_V,
  },
  large: {
    label: 'Large vectors: scaling is not enough',
    note: 'The lookup preset with every query and key three times longer: scores of 36, still 18 after ÷ √d_k, so each row is one-hot. Dividing by √d_k removes the growth that comes from the dimension, not from large vectors; a higher temperature softens it.',
    tokens: ['the', 'red', 'fox', 'ran'],
    k: times(LOOKUP_K, 3),
    q: times([NOUN, DET, ADJ, NOUN, VERB, NOUN], 3),
    v: LOOKUP_V,
  },
  'two-heads': {
    label: 'Two relations, one per head',
    note: 'Columns 1–2 make each query point at the previous position; columns 3–4 make every query look for a noun. Each value row is its position (1 to 6), so an output reads as “where did this token read from”. With two heads each relation gets its own weights; with one head they blur together.',
    tokens: TWO_TOKENS,
    k: DIRS.map((d, j) => [...d, ...(IS_NOUN[j] ? [2, 0] : [0, 0])]),
    q: DIRS.map((_, i) => [...DIRS[(i + 5) % 6], 2, 0]),
    v: TWO_TOKENS.map((_, j) => [j + 1, j + 1, j + 1, j + 1]),
    heads: 2,
  },
} satisfies Record<string, Preset>;

export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];
export const isPresetId = (id: string): id is PresetId => Object.hasOwn(PRESETS, id);

export interface LabState {
  /** The preset the matrices come from, or 'custom' once a reader edits an entry. */
  preset: PresetId | 'custom';
  tokens: string[];
  /** MAX_TOKENS × D_MODEL each; the first tokens.length rows are in use. */
  q: Matrix;
  k: Matrix;
  v: Matrix;
  scale: boolean;
  causal: boolean;
  temperature: number;
  heads: Heads;
  /** The head shown step by step, 0..heads−1. */
  head: number;
  /** Width of the random queries and keys in the √d_k experiment. */
  dk: number;
  seed: number;
}

const copy = (m: Matrix): Matrix => m.map((r) => [...r]);

/** A preset's matrices and tokens with the other settings given (defaults otherwise). */
export function stateFor(id: PresetId, settings: Partial<LabState> = {}): LabState {
  const p: Preset = PRESETS[id];
  const heads = settings.heads ?? p.heads ?? 1;
  return {
    scale: true,
    causal: true,
    temperature: 1,
    dk: 64,
    seed: 1,
    head: 0,
    ...settings,
    heads,
    preset: id,
    tokens: [...p.tokens],
    q: copy(p.q),
    k: copy(p.k),
    v: copy(p.v),
  };
}

/** The rows in use. */
export function inUse(state: LabState): { q: Matrix; k: Matrix; v: Matrix } {
  const t = state.tokens.length;
  return { q: state.q.slice(0, t), k: state.k.slice(0, t), v: state.v.slice(0, t) };
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** A number as the lab shows it: at most `digits` decimals, trailing zeros dropped, a real minus sign. */
export function formatNumber(x: number, digits = 2): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (Number.isNaN(x)) return '?';
  let s = x.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0(\.0*)?$/.test(s)) s = '0';
  return s.replace('-', '−');
}

/** A table entry with exactly two decimals, so columns line up (infinities as ∞ and −∞). */
export function formatFixed(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s.replace('-', '−');
}

/** A weight: exactly 0 and exactly 1 as "0" and "1", anything else with two decimals (so 0.00 means "tiny, not zero"). */
export function formatWeight(w: number): string {
  if (w === 0) return '0';
  if (w === 1) return '1';
  return w.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Reading input

export interface NumberRule {
  /** How the message names the field. */
  label: string;
  min: number;
  max: number;
  integer?: boolean;
}

export interface Reading {
  value: number;
  /** Empty when the text was used as typed; otherwise what was done instead, for beside the field. */
  message: string;
}

/**
 * A number from a text field. Accepts a Unicode minus and a decimal comma. Empty or unreadable text
 * keeps `fallback`; out-of-range values clamp; a fraction where a whole number is needed rounds.
 */
export function readNumber(text: string, rule: NumberRule, fallback: number): Reading {
  const t = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(',', '.');
  const { label, min, max } = rule;
  if (t === '')
    return {
      value: fallback,
      message: `Enter a number for ${label}; still using ${formatNumber(fallback)}.`,
    };
  const x = Number(t);
  if (Number.isNaN(x)) {
    const shown = t.length > 12 ? `${t.slice(0, 12)}…` : t;
    return {
      value: fallback,
      message: `“${shown}” is not a number; ${label} stays ${formatNumber(fallback)}.`,
    };
  }
  if (x < min || x > max) {
    const value = x < min ? min : max;
    return {
      value,
      message: `${label} goes from ${formatNumber(min)} to ${formatNumber(max)}: using ${formatNumber(value)}.`,
    };
  }
  if (rule.integer && !Number.isInteger(x)) {
    const value = Math.min(max, Math.max(min, Math.round(x)));
    return { value, message: `${label} is a whole number: using ${value}.` };
  }
  return { value: x === 0 ? 0 : x, message: '' };
}

export const TEMPERATURE_RULE: NumberRule = { label: 'τ', min: TEMPERATURE_MIN, max: TEMPERATURE_MAX };
export const DK_RULE: NumberRule = { label: 'd_k', min: DK_MIN, max: DK_MAX, integer: true };
export const SEED_RULE: NumberRule = { label: 'The seed', min: 1, max: SEED_MAX, integer: true };
export const ENTRY_RULE: NumberRule = { label: 'the entry', min: -ENTRY_LIMIT, max: ENTRY_LIMIT };

/**
 * Tokens from a line of text, split at spaces. Keeps 2..6 tokens of at most 12 characters; with
 * fewer than 2 it keeps `fallback` and says so.
 */
export function readTokens(text: string, fallback: string[]): { tokens: string[]; message: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < MIN_TOKENS)
    return {
      tokens: fallback,
      message: `Enter ${MIN_TOKENS} to ${MAX_TOKENS} tokens separated by spaces; still using “${fallback.join(' ')}”.`,
    };
  const notes: string[] = [];
  let tokens = words;
  if (words.length > MAX_TOKENS) {
    tokens = words.slice(0, MAX_TOKENS);
    notes.push(`The lab takes ${MAX_TOKENS} tokens at most: using the first ${MAX_TOKENS}.`);
  }
  if (tokens.some((w) => [...w].length > MAX_TOKEN_CHARS)) {
    tokens = tokens.map((w) => [...w].slice(0, MAX_TOKEN_CHARS).join(''));
    notes.push(`Tokens are cut to ${MAX_TOKEN_CHARS} characters.`);
  }
  return { tokens, message: notes.join(' ') };
}

/** The index of the stop nearest to x (on a log scale, which is how the stops are spaced). */
export function nearestStop(stops: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++)
    if (Math.abs(Math.log(stops[i] / x)) < Math.abs(Math.log(stops[best] / x))) best = i;
  return best;
}

// ---------------------------------------------------------------------------------------------
// The URL hash: "#attention-lab?preset=lookup&tokens=the+red+fox+ran&scale=on&..."

const ROW_SEP = '*';
const ENTRY_SEP = '_';

/** A matrix in a URL: entries joined by "_", rows by "*" (neither is escaped in a query string). */
export function encodeMatrix(m: Matrix): string {
  return m.map((row) => row.map((x) => String(x)).join(ENTRY_SEP)).join(ROW_SEP);
}

/** The hash parameters for a state; the matrices only when they were edited. */
export function toParams(state: LabState): Record<string, string> {
  const params: Record<string, string> = {
    preset: state.preset,
    tokens: state.tokens.join(' '),
    scale: state.scale ? 'on' : 'off',
    mask: state.causal ? 'on' : 'off',
    temp: String(state.temperature),
    heads: String(state.heads),
    head: String(state.head + 1),
    dk: String(state.dk),
    seed: String(state.seed),
  };
  if (state.preset === 'custom') {
    const used = inUse(state);
    params.q = encodeMatrix(used.q);
    params.k = encodeMatrix(used.k);
    params.v = encodeMatrix(used.v);
  }
  return params;
}

function readSwitch(value: string | null, name: string, fallback: boolean, notes: string[]): boolean {
  if (value === null) return fallback;
  if (value === 'on' || value === 'true' || value === '1') return true;
  if (value === 'off' || value === 'false' || value === '0') return false;
  notes.push(
    `The link’s ${name}=“${value.slice(0, 12)}” is neither on nor off; keeping ${fallback ? 'on' : 'off'}.`,
  );
  return fallback;
}

function readMatrix(text: string, name: string, base: Matrix, rows: number, notes: string[]): Matrix {
  const out = copy(base);
  const lines = text.split(ROW_SEP);
  let problems = 0;
  for (let i = 0; i < rows; i++) {
    const entries = (lines[i] ?? '').split(ENTRY_SEP);
    for (let j = 0; j < D_MODEL; j++) {
      const r = readNumber(entries[j] ?? '', ENTRY_RULE, base[i][j]);
      if (r.message) problems++;
      out[i][j] = r.value;
    }
  }
  if (problems > 0 || lines.length !== rows)
    notes.push(
      `The link’s ${name} should have ${rows} rows of ${D_MODEL} numbers from −${ENTRY_LIMIT} to ${ENTRY_LIMIT}; ` +
        `${problems === 1 ? 'one entry was' : `${problems} entries were`} missing or out of range and ${problems === 1 ? 'was' : 'were'} filled in or clamped.`,
    );
  return out;
}

/**
 * A state from hash parameters on top of `base` (the instance's configured start). Everything is
 * checked: unknown values are ignored and out-of-range ones clamped, each with a note for the reader.
 */
export function fromParams(params: URLSearchParams, base: LabState): { state: LabState; notes: string[] } {
  const notes: string[] = [];
  const preset = params.get('preset');
  let state: LabState = { ...base };
  const custom = preset === 'custom';
  if (preset !== null && !custom) {
    if (isPresetId(preset)) state = stateFor(preset, { ...base, heads: undefined });
    else
      notes.push(
        `The link names a preset “${preset.slice(0, 20)}” that the lab does not have; showing “${PRESETS[base.preset === 'custom' ? 'lookup' : base.preset].label}”.`,
      );
  }
  const tokens = params.get('tokens');
  if (tokens !== null) {
    const r = readTokens(tokens, state.tokens);
    state.tokens = r.tokens;
    if (r.message) notes.push(`From the link: ${r.message}`);
  }
  if (custom) {
    state.preset = 'custom';
    for (const name of ['q', 'k', 'v'] as const) {
      const text = params.get(name);
      if (text !== null)
        state[name] = readMatrix(text, name.toUpperCase(), state[name], state.tokens.length, notes);
    }
  }
  state.scale = readSwitch(params.get('scale'), 'scale', state.scale, notes);
  state.causal = readSwitch(params.get('mask'), 'mask', state.causal, notes);
  const number = (key: string, rule: NumberRule, fallback: number) => {
    const text = params.get(key);
    if (text === null) return fallback;
    const r = readNumber(text, rule, fallback);
    if (r.message) notes.push(`From the link: ${r.message}`);
    return r.value;
  };
  state.temperature = number('temp', TEMPERATURE_RULE, state.temperature);
  state.dk = number('dk', DK_RULE, state.dk);
  state.seed = number('seed', SEED_RULE, state.seed);
  const heads = params.get('heads');
  if (heads !== null) {
    const h = Number(heads);
    if ((HEAD_CHOICES as readonly number[]).includes(h)) state.heads = h as Heads;
    else
      notes.push(
        `The link asks for ${heads.slice(0, 12)} heads; the lab splits d_model = ${D_MODEL} into 1, 2 or 4.`,
      );
  }
  const shown = Math.min(state.head, state.heads - 1) + 1;
  state.head =
    number('head', { label: 'The head shown', min: 1, max: state.heads, integer: true }, shown) - 1;
  return { state, notes };
}
