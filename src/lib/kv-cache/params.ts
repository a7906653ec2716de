/**
 * Isomorphic: the calculator's inputs as a query string — parse, validate, serialise. The URL is the
 * state: the page computes from it on load and writes it back on every change, and tests drive the
 * page through it. Validation never throws; every problem comes back as a message for one field.
 */
import type { Hardware } from './budget';
import { ATTENTIONS, type Architecture, type KvDtype, KV_DTYPES, type Workload, kvCache } from './model';

/** What the calculator needs from a model preset (a subset of content/models/*.yaml). */
export interface Preset extends Architecture {
  name: string;
  paramsB: number;
  dtype: KvDtype;
  maxContext: number;
}

/** Fields that describe the model itself: editing one departs from the chosen preset. */
const ARCH = [
  'attention',
  'layers',
  'heads',
  'kv_heads',
  'head_dim',
  'kv_lora_rank',
  'rope_dim',
  'window',
  'global_layers',
] as const;

/** Every query parameter, in the order the URL writes them. */
export const FIELDS = [
  'model',
  ...ARCH,
  'batch',
  'tokens',
  'dtype',
  'block',
  'tp',
  'gpu_mem_gib',
  'gpus',
  'weights_params_b',
  'weights_dtype',
  'utilization',
] as const;
export type Field = (typeof FIELDS)[number];
export const ARCH_FIELDS: ReadonlySet<Field> = new Set<Field>(ARCH);
export type Values = Partial<Record<Field, string>>;
export type Errors = Partial<Record<Field, string>>;

/** Workload and hardware defaults: a modest serving setup on one 80 GiB GPU. */
export const DEFAULTS: Values = {
  batch: '8',
  tokens: '8192',
  block: '',
  tp: '1',
  gpu_mem_gib: '80',
  gpus: '1',
  utilization: '0.9',
};
export const DEFAULT_MODEL = 'llama-3-1-8b';

/** The form values a preset implies (model fields, and its own dtype for weights and cache). */
export function presetValues(p: Preset): Values {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    attention: p.attention,
    layers: s(p.layers),
    heads: s(p.heads),
    kv_heads: s(p.kvHeads),
    head_dim: s(p.headDim),
    kv_lora_rank: s(p.kvLoraRank),
    rope_dim: s(p.ropeDim),
    window: s(p.window),
    global_layers: s(p.window === undefined ? undefined : (p.globalLayers ?? 0)),
    dtype: p.dtype,
    weights_params_b: s(p.paramsB),
    weights_dtype: p.dtype,
  };
}

/** Values in force: defaults, then the preset, then whatever the query string sets explicitly. */
export function resolveValues(
  query: URLSearchParams,
  presets: Record<string, Preset>,
): { values: Values; explicit: Set<Field> } {
  const explicit = new Set<Field>();
  const given: Values = {};
  for (const f of FIELDS) {
    const v = query.get(f);
    if (v !== null) {
      given[f] = v.trim();
      explicit.add(f);
    }
  }
  // Without a model the URL must describe the architecture itself; otherwise start from the default.
  const model = given.model ?? (hasModelFields(explicit) ? '' : DEFAULT_MODEL);
  const preset = presets[model];
  let values: Values = { ...DEFAULTS, ...(preset ? presetValues(preset) : {}), ...given, model };
  // Choosing MHA or MQA fixes the KV heads unless the URL also sets them (then they are checked).
  if (!explicit.has('kv_heads')) values = harmonise(values, 'attention', presets);
  return { values, explicit };
}

/**
 * Keep related fields consistent after the reader changes one: a model fills in its architecture,
 * MHA and MQA fix the KV heads, and typing a KV-head count names the attention kind it implies.
 */
export function harmonise(values: Values, changed: Field, presets: Record<string, Preset>): Values {
  const v = { ...values };
  if (changed === 'model' && v.model && presets[v.model]) return { ...v, ...presetValues(presets[v.model]) };
  if (changed === 'attention' || (changed === 'heads' && v.attention === 'mha')) {
    if (v.attention === 'mha') v.kv_heads = v.heads;
    if (v.attention === 'mqa') v.kv_heads = '1';
  }
  if (changed === 'kv_heads' && v.attention !== 'mla' && v.kv_heads && v.heads) {
    if (v.kv_heads === v.heads) v.attention = 'mha';
    else if (v.kv_heads === '1') v.attention = 'mqa';
    else v.attention = 'gqa';
  }
  return v;
}

function hasModelFields(explicit: Set<Field>): boolean {
  return ['layers', 'heads', 'kv_heads', 'head_dim'].every((f) => explicit.has(f as Field));
}

export interface Parsed {
  arch: Architecture;
  workload: Workload;
  hardware: Hardware;
}

/** Largest whole number any field accepts; beyond it products stop being exact. */
const MAX_FIELD = 2 ** 40;
const LIMIT_BYTES = 2n ** 53n;

/** Parse every field; returns the inputs when all are valid, and a message per bad field. */
export function parseValues(
  values: Values,
  presets: Record<string, Preset>,
): { parsed: Parsed | null; errors: Errors } {
  const errors: Errors = {};
  const text = (f: Field) => values[f] ?? '';

  const integer = (f: Field, label: string, min: number, optional = false): number | undefined => {
    const raw = text(f);
    if (raw === '') {
      if (!optional) errors[f] = `Enter the ${label}.`;
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) errors[f] = `The ${label} must be a number; "${raw}" is not.`;
    else if (!Number.isInteger(n)) errors[f] = `The ${label} must be a whole number, not ${raw}.`;
    else if (n < min)
      errors[f] = `The ${label} must be at least ${min}${n <= 0 && min > 0 ? ', not zero or less' : ''}.`;
    else if (n > MAX_FIELD)
      errors[f] = `The ${label} is too large to be real (at most ${MAX_FIELD.toLocaleString('en-US')}).`;
    else return n;
    return undefined;
  };
  const decimal = (
    f: Field,
    label: string,
    min: number,
    max: number,
    openMin: boolean,
  ): number | undefined => {
    const raw = text(f);
    if (raw === '') {
      errors[f] = `Enter the ${label}.`;
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) errors[f] = `The ${label} must be a number; "${raw}" is not.`;
    else if (openMin ? n <= min : n < min) errors[f] = `The ${label} must be more than ${min}.`;
    else if (n > max) errors[f] = `The ${label} must be at most ${max.toLocaleString('en-US')}.`;
    else return n;
    return undefined;
  };
  const choice = <T extends string>(f: Field, label: string, options: readonly T[]): T | undefined => {
    const raw = text(f) as T;
    if (options.includes(raw)) return raw;
    errors[f] =
      raw === '' ? `Choose the ${label}.` : `Unknown ${label} "${raw}": use one of ${options.join(', ')}.`;
    return undefined;
  };

  if (text('model') !== '' && !presets[text('model')])
    errors.model = `Unknown model "${text('model')}": choose one from the list, or set the architecture by hand.`;

  const attention = choice('attention', 'attention type', ATTENTIONS);
  const layers = integer('layers', 'number of layers', 1);
  const heads = integer('heads', 'number of query heads', 1);
  const kvHeads = integer('kv_heads', 'number of KV heads', 1);
  const headDim = integer('head_dim', 'head dimension', 1);
  const mla = attention === 'mla';
  const kvLoraRank = integer('kv_lora_rank', 'latent width (kv_lora_rank)', 1, !mla);
  const ropeDim = integer('rope_dim', 'RoPE key width (rope_dim)', 1, !mla);
  const window = integer('window', 'sliding window', 1, true);
  const globalLayers = integer('global_layers', 'number of global layers', 0, true);
  const batch = integer('batch', 'batch size', 1);
  const tokens = integer('tokens', 'context length', 1);
  const dtype = choice('dtype', 'KV dtype', KV_DTYPES);
  const block = integer('block', 'block size', 1, true);
  const tp = integer('tp', 'tensor-parallel degree', 1);
  const gpuMemGiB = decimal('gpu_mem_gib', 'GPU memory', 0, 1e6, true);
  const gpus = integer('gpus', 'number of GPUs', 1);
  const weightsParamsB = decimal('weights_params_b', 'parameter count', 0, 1e6, false);
  const weightsDtype = choice('weights_dtype', 'weights dtype', KV_DTYPES);
  const utilization = decimal('utilization', 'memory utilisation', 0, 1, true);

  // Relations between fields.
  if (heads !== undefined && kvHeads !== undefined && !mla) {
    if (attention === 'mha' && kvHeads !== heads)
      errors.kv_heads = `Multi-head attention keeps one KV head per query head: ${heads}, not ${kvHeads}. Choose GQA for fewer.`;
    else if (attention === 'mqa' && kvHeads !== 1)
      errors.kv_heads = 'Multi-query attention keeps exactly one KV head. Choose GQA for more.';
    else if (kvHeads > heads)
      errors.kv_heads = `There cannot be more KV heads (${kvHeads}) than query heads (${heads}).`;
    else if (heads % kvHeads !== 0)
      errors.kv_heads = `The ${heads} query heads must split evenly into groups: ${kvHeads} KV heads does not divide ${heads}.`;
  }
  if (window === undefined && text('global_layers') !== '' && globalLayers !== undefined && globalLayers > 0)
    errors.global_layers = 'Global layers only make sense with a sliding window: set the window too.';
  if (layers !== undefined && globalLayers !== undefined && globalLayers > layers)
    errors.global_layers = `There are only ${layers} layers, so at most ${layers} can be global.`;
  if (tp !== undefined && tp > 1 && kvHeads !== undefined && !mla && attention !== undefined) {
    const kv = attention === 'mqa' ? 1 : attention === 'mha' ? (heads ?? kvHeads) : kvHeads;
    if (kv % tp !== 0 && tp % kv !== 0)
      errors.tp = `Tensor parallelism splits whole KV heads: ${kv} KV heads need a tp that divides ${kv} or is a multiple of it.`;
  }
  if (gpus !== undefined && tp !== undefined && tp > gpus)
    errors.tp = `A tp of ${tp} needs at least ${tp} GPUs; there are ${gpus}.`;

  if (Object.keys(errors).length > 0) return { parsed: null, errors };
  const parsed: Parsed = {
    arch: {
      attention: attention!,
      layers: layers!,
      heads: heads!,
      kvHeads: kvHeads!,
      headDim: headDim!,
      ...(mla ? { kvLoraRank, ropeDim } : {}),
      ...(window !== undefined ? { window, globalLayers: globalLayers ?? 0 } : {}),
    },
    workload: { batch: batch!, tokens: tokens!, dtype: dtype!, ...(block ? { block } : {}), tp: tp! },
    hardware: {
      gpuMemGiB: gpuMemGiB!,
      gpus: gpus!,
      weightsParamsB: weightsParamsB!,
      weightsDtype: weightsDtype!,
      utilization: utilization!,
    },
  };
  // Past 2^53 bytes (8 PiB) no deployment exists and a browser's numbers stop being exact.
  if (kvCache(parsed.arch, parsed.workload).totalBytes > LIMIT_BYTES) {
    errors[Number(text('tokens')) >= Number(text('batch')) ? 'tokens' : 'batch'] =
      'This cache would exceed 2^53 bytes (8 PiB), far beyond any real deployment: lower the batch or the context length.';
    return { parsed: null, errors };
  }
  return { parsed, errors };
}

/** The query string for a set of values: the model, then only what differs from it and the defaults. */
export function toQuery(values: Values, presets: Record<string, Preset>): URLSearchParams {
  const preset = values.model ? presets[values.model] : undefined;
  const baseline: Values = { ...DEFAULTS, ...(preset ? presetValues(preset) : {}) };
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = values[f] ?? '';
    if (f === 'model' ? v !== '' : v !== (baseline[f] ?? '')) q.set(f, v);
  }
  return q;
}
