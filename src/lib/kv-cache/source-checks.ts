/**
 * Isomorphic: figures that primary sources state outright, recomputed by the calculator's own model.
 * The tool page runs them at build time and a failing check fails the build; the unit tests run them
 * too. Each check uses the configuration the source itself states, not our presets.
 */
import { groupDigits } from '../bytes';
import { type Architecture, elementsPerTokenLayer, kvCache } from './model';

export interface SourceCheck {
  id: string;
  /** Paper id in content/papers/. */
  source: string;
  /** Where in the source the figure is. */
  where: string;
  /** What the source states. */
  stated: string;
  /** What the calculator computes for the same setting. */
  computed: string;
  pass: boolean;
}

const mha = (layers: number, heads: number, headDim: number): Architecture => ({
  attention: 'mha',
  layers,
  heads,
  kvHeads: heads,
  headDim,
});

function opt13b(): SourceCheck {
  // OPT-13B: 40 layers, hidden size 5120 = 40 heads × 128, fp16.
  const perToken = kvCache(mha(40, 40, 128), { batch: 1, tokens: 1, dtype: 'fp16' }).perTokenBytes;
  return {
    id: 'pagedattention-opt-13b',
    source: 'kwon-2023-pagedattention',
    where: '§3 (memory challenges)',
    stated:
      'One token of OPT-13B takes 800 KB of KV cache: 2 (key and value) × 5120 (hidden size) × 40 (layers) × 2 (bytes, FP16).',
    computed: `${groupDigits(perToken)} bytes per token = 800 KiB`,
    pass: perToken === 2n * 5120n * 40n * 2n && perToken === 800n * 1024n,
  };
}

function deepseekV2(): SourceCheck {
  // DeepSeek-V2: d_h = 128 per head, n_h = 128 heads, l = 60 layers, d_c = 4 d_h, d_R = d_h / 2.
  const dh = 128;
  const nh = 128;
  const l = 60;
  const perToken = (a: Architecture) => elementsPerTokenLayer(a) * l;
  const latent: Architecture = {
    attention: 'mla',
    layers: l,
    heads: nh,
    kvHeads: nh,
    headDim: dh,
    kvLoraRank: 4 * dh,
    ropeDim: dh / 2,
  };
  const groups = 8;
  const rows = {
    mha: perToken(mha(l, nh, dh)) === 2 * nh * dh * l,
    gqa:
      perToken({ attention: 'gqa', layers: l, heads: nh, kvHeads: groups, headDim: dh }) ===
      2 * groups * dh * l,
    mqa: perToken({ attention: 'mqa', layers: l, heads: nh, kvHeads: 1, headDim: dh }) === 2 * dh * l,
    mla: perToken(latent) === (9 / 2) * dh * l,
  };
  return {
    id: 'deepseek-v2-table-1',
    source: 'deepseek-2024-v2',
    where: 'Table 1 and §2.1.4',
    stated:
      'KV cache elements per token: MHA 2·n_h·d_h·l, GQA 2·n_g·d_h·l, MQA 2·d_h·l, MLA (d_c + d_h^R)·l ≈ (9/2)·d_h·l with d_c = 4d_h and d_h^R = d_h/2, the same as GQA with 2.25 groups.',
    computed: `MLA: ${groupDigits(perToken(latent))} elements per token for l = 60, d_h = 128, i.e. 4.5·d_h·l; MHA, GQA (8 groups) and MQA rows match their formulas: ${Object.values(rows).every(Boolean) ? 'yes' : 'no'}`,
    pass: Object.values(rows).every(Boolean) && elementsPerTokenLayer(latent) === 2 * 2.25 * dh,
  };
}

function mistralRollingBuffer(): SourceCheck {
  // Mistral 7B: 32 layers, 8 KV heads of 128, window W = 4096, sequence length 32k.
  const arch: Architecture = { attention: 'gqa', layers: 32, heads: 32, kvHeads: 8, headDim: 128 };
  const tokens = 32 * 1024;
  const full = kvCache(arch, { batch: 1, tokens, dtype: 'fp16' }).totalBytes;
  const windowed = kvCache(
    { ...arch, window: 4096, globalLayers: 0 },
    { batch: 1, tokens, dtype: 'fp16' },
  ).totalBytes;
  return {
    id: 'mistral-rolling-buffer',
    source: 'jiang-2023-mistral',
    where: '§2 (rolling buffer cache)',
    stated:
      'With a fixed attention span W = 4096, a rolling buffer cache reduces cache memory 8× on a 32k-token sequence.',
    computed: `${groupDigits(full)} bytes without the window, ${groupDigits(windowed)} with it: ${Number(full / windowed)}×`,
    pass: full === windowed * 8n,
  };
}

export function sourceChecks(): SourceCheck[] {
  return [opt13b(), deepseekV2(), mistralRollingBuffer()];
}
