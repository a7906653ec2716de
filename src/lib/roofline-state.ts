/**
 * Isomorphic: the roofline demo's inputs — their limits, the stops its sliders move through, and
 * how a typed value or a shared hash becomes a valid state. Every out-of-range or unreadable value
 * becomes the nearest valid one plus a sentence saying what happened, so the demo never computes
 * with NaN, Infinity or an empty field.
 */

/** The demo's whole state; it is what the hash records. */
export interface RooflineState {
  /** Model preset id (file name in content/models/). */
  model: string;
  /** GPU preset id (file name in content/gpus/). */
  gpu: string;
  /** How many GPUs act as one device. */
  gpus: number;
  /** Decode batch B: sequences decoded together. */
  batch: number;
  /** Context T: positions each new token attends over. */
  context: number;
  /** Prompt length P of the prefill. */
  prompt: number;
}

export type NumberField = 'gpus' | 'batch' | 'context' | 'prompt';
export const NUMBER_FIELDS: readonly NumberField[] = ['gpus', 'batch', 'context', 'prompt'];

/** Fixed limits; context and prompt are further capped by the model's longest context. */
export const LIMITS: Record<NumberField, { min: number; max: number }> = {
  gpus: { min: 1, max: 16 },
  batch: { min: 1, max: 4096 },
  context: { min: 1, max: 1 << 20 },
  prompt: { min: 1, max: 1 << 20 },
};

const NOUN: Record<NumberField, string> = {
  gpus: 'The number of GPUs',
  batch: 'The batch',
  context: 'The context',
  prompt: 'The prompt',
};

/** Batch sizes the batch slider steps through: roughly ×1.5 apart, so small batches stay reachable. */
export const BATCH_STOPS: readonly number[] = [
  1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
];

/** Token counts the context and prompt sliders step through, up to the model's longest context. */
export function tokenStops(maxContext: number): number[] {
  const stops: number[] = [];
  for (let t = 16; t < maxContext; t *= 2) stops.push(t, Math.round(t * 1.5));
  return [...stops.filter((t) => t < maxContext), maxContext];
}

/** Index of the stop nearest to `value` on a log scale (the sliders are logarithmic). */
export function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++)
    if (Math.abs(Math.log(stops[i]!) - Math.log(value)) < Math.abs(Math.log(stops[best]!) - Math.log(value)))
      best = i;
  return best;
}

/** 131072 → "131,072". */
export const groupNumber = (n: number): string => n.toLocaleString('en-US');

export interface Checked {
  /** A whole number inside the limits. */
  value: number;
  /** Why the value differs from what was typed, or null when it was taken as it is. */
  message: string | null;
}

/**
 * A typed value for one field: trimmed, read as a number, rounded to a whole number and clamped to
 * [min, max]. Text that is not a number keeps `fallback` (the last valid value) and says so.
 */
export function checkNumber(
  field: NumberField,
  raw: string,
  fallback: number,
  max = LIMITS[field].max,
  why = '',
): Checked {
  const { min } = LIMITS[field];
  const text = raw.trim().replace(/[,_\s]/g, '');
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n))
    return {
      value: fallback,
      message: `${NOUN[field]} needs a whole number from ${groupNumber(min)} to ${groupNumber(max)}; keeping ${groupNumber(fallback)}.`,
    };
  const whole = Math.round(n);
  if (whole < min)
    return {
      value: min,
      message: `${NOUN[field]} is at least ${groupNumber(min)}; set to ${groupNumber(min)}.`,
    };
  if (whole > max)
    return {
      value: max,
      message: `${NOUN[field]} is at most ${groupNumber(max)}${why}; set to ${groupNumber(max)}.`,
    };
  if (whole !== n)
    return {
      value: whole,
      message: `Rounded to ${groupNumber(whole)}: it counts whole ${field === 'gpus' ? 'GPUs' : field === 'batch' ? 'sequences' : 'tokens'}.`,
    };
  return { value: whole, message: null };
}

export interface Catalogue {
  /** Model ids the demo offers, the first being the default. */
  models: readonly string[];
  /** GPU ids the demo offers, the first being the default. */
  gpus: readonly string[];
  /** Longest context of each model, in tokens. */
  maxContext: (model: string) => number;
  /** Display name of each model, for messages. */
  modelName: (model: string) => string;
}

export interface Resolved {
  state: RooflineState;
  /** A message per field whose value was not taken as given. */
  messages: Partial<Record<keyof RooflineState, string>>;
}

/**
 * The state from a hash's parameters over `defaults`: unknown presets fall back to the default with
 * a message, numbers are checked, and context and prompt are capped by the model's longest context.
 */
export function resolveState(
  params: URLSearchParams,
  defaults: RooflineState,
  catalogue: Catalogue,
): Resolved {
  const messages: Resolved['messages'] = {};
  const pick = (key: 'model' | 'gpu', known: readonly string[], what: string): string => {
    const raw = params.get(key);
    if (raw === null) return defaults[key];
    if (known.includes(raw)) return raw;
    messages[key] = `There is no ${what} preset named “${raw}”; showing the default instead.`;
    return defaults[key];
  };
  const model = pick('model', catalogue.models, 'model');
  const gpu = pick('gpu', catalogue.gpus, 'GPU');
  const state: RooflineState = { ...defaults, model, gpu };
  for (const field of NUMBER_FIELDS) {
    const raw = params.get(field);
    const checked =
      raw === null ? { value: defaults[field], message: null } : checkNumber(field, raw, defaults[field]);
    state[field] = checked.value;
    if (checked.message) messages[field] = checked.message;
  }
  return { state, messages: { ...messages, ...capContext(state, catalogue) } };
}

/**
 * Context and prompt above the model's longest context come down to it (in place), with a message
 * naming the model; used after any change of model or tokens.
 */
export function capContext(state: RooflineState, catalogue: Catalogue): Resolved['messages'] {
  const max = catalogue.maxContext(state.model);
  const messages: Resolved['messages'] = {};
  for (const field of ['context', 'prompt'] as const)
    if (state[field] > max) {
      state[field] = max;
      messages[field] =
        `${catalogue.modelName(state.model)} reads at most ${groupNumber(max)} tokens; set to ${groupNumber(max)}.`;
    }
  return messages;
}

/** The parameters a hash records for a state, in a fixed order. */
export function stateParams(state: RooflineState): Record<string, string> {
  return {
    model: state.model,
    gpu: state.gpu,
    gpus: String(state.gpus),
    batch: String(state.batch),
    context: String(state.context),
    prompt: String(state.prompt),
  };
}
