import { describe, expect, it } from 'vitest';
import {
  type Preset,
  type Values,
  harmonise,
  parseValues,
  resolveValues,
  toQuery,
} from '../../../src/lib/kv-cache/params';
import { DEEPSEEK_V3, LLAMA3_8B } from '../../fixtures/architectures';

const presets: Record<string, Preset> = {
  'llama-3-1-8b': { name: 'Llama 3.1 8B', ...LLAMA3_8B, paramsB: 8.03, dtype: 'bf16', maxContext: 131072 },
  'deepseek-v3': { name: 'DeepSeek-V3', ...DEEPSEEK_V3, paramsB: 671, dtype: 'bf16', maxContext: 163840 },
};
const fromUrl = (q: string) => {
  const { values } = resolveValues(new URLSearchParams(q), presets);
  return { values, ...parseValues(values, presets) };
};

describe('calculator URL state', () => {
  it('an empty query is the default model with default workload', () => {
    const { parsed, errors } = fromUrl('');
    expect(errors).toEqual({});
    expect(parsed?.arch).toMatchObject({ attention: 'gqa', layers: 32, kvHeads: 8 });
    expect(parsed?.workload).toMatchObject({ batch: 8, tokens: 8192, dtype: 'bf16', tp: 1 });
    expect(parsed?.hardware).toMatchObject({
      gpuMemGiB: 80,
      gpus: 1,
      weightsParamsB: 8.03,
      utilization: 0.9,
    });
  });

  it('explicit parameters override the preset', () => {
    const { parsed } = fromUrl('model=llama-3-1-8b&kv_heads=4&tokens=1000&dtype=int4');
    expect(parsed?.arch.kvHeads).toBe(4);
    expect(parsed?.workload).toMatchObject({ tokens: 1000, dtype: 'int4' });
  });

  it('attention=mqa without kv_heads keeps one KV head; with a contradicting kv_heads it is an error', () => {
    expect(fromUrl('attention=mqa').parsed?.arch.kvHeads).toBe(1);
    expect(fromUrl('attention=mqa&kv_heads=8').errors.kv_heads).toMatch(/exactly one KV head/);
  });

  it('a full architecture without a model does not fall back to the preset', () => {
    const { values, parsed } = fromUrl(
      'layers=2&heads=4&kv_heads=2&head_dim=16&attention=gqa&weights_params_b=0.1&weights_dtype=fp16&dtype=fp16',
    );
    expect(values.model).toBe('');
    expect(parsed?.arch).toMatchObject({ layers: 2, heads: 4, kvHeads: 2, headDim: 16 });
  });

  it('an MLA preset needs no head fields and parses its latent', () => {
    expect(fromUrl('model=deepseek-v3').parsed?.arch).toMatchObject({
      attention: 'mla',
      kvLoraRank: 512,
      ropeDim: 64,
    });
  });

  it.each([
    ['empty', 'layers=', 'layers', /Enter the number of layers/],
    ['negative', 'batch=-3', 'batch', /at least 1, not zero or less/],
    ['zero', 'tokens=0', 'tokens', /at least 1/],
    ['fractional heads', 'heads=31.5', 'heads', /whole number/],
    ['not a number', 'head_dim=abc', 'head_dim', /must be a number/],
    ['heads not divisible', 'kv_heads=5', 'kv_heads', /does not divide 32/],
    ['more KV heads than heads', 'kv_heads=64', 'kv_heads', /more KV heads/],
    ['window zero', 'window=0', 'window', /at least 1/],
    ['window negative', 'window=-4096', 'window', /not zero or less/],
    ['too many global layers', 'window=4096&global_layers=33', 'global_layers', /only 32 layers/],
    ['global layers without window', 'global_layers=4', 'global_layers', /set the window/],
    ['absurd value', 'tokens=1e15', 'tokens', /too large/],
    ['cache beyond 2^53 bytes', 'tokens=1000000000&batch=100000', 'tokens', /exceed 2\^53 bytes/],
    ['unknown preset', 'model=gpt-9', 'model', /Unknown model "gpt-9"/],
    ['unknown dtype', 'dtype=fp12', 'dtype', /Unknown KV dtype "fp12"/],
    ['unknown attention', 'attention=linear', 'attention', /Unknown attention type/],
    ['tp not splitting heads', 'tp=3&gpus=4', 'tp', /divides 8/],
    ['tp above gpus', 'tp=8', 'tp', /at least 8 GPUs/],
    ['utilisation above 1', 'utilization=1.5', 'utilization', /at most 1/],
    ['utilisation zero', 'utilization=0', 'utilization', /more than 0/],
    ['infinite', 'gpu_mem_gib=Infinity', 'gpu_mem_gib', /must be a number/],
  ])('%s gets a message on its field and no result', (_, query, field, message) => {
    const { parsed, errors } = fromUrl(query);
    expect(parsed).toBeNull();
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it('serialises only what differs from the model and the defaults, and round-trips', () => {
    const { values } = fromUrl('model=llama-3-1-8b&tokens=131072&batch=8');
    const q = toQuery(values, presets);
    expect(q.toString()).toBe('model=llama-3-1-8b&tokens=131072');
    expect(fromUrl(q.toString()).values).toEqual(values);
  });
});

describe('harmonising related fields', () => {
  const base: Values = { model: 'llama-3-1-8b', attention: 'gqa', heads: '32', kv_heads: '8' };
  it('MHA follows the query heads; MQA sets one KV head', () => {
    expect(harmonise({ ...base, attention: 'mha' }, 'attention', presets).kv_heads).toBe('32');
    expect(harmonise({ ...base, attention: 'mqa' }, 'attention', presets).kv_heads).toBe('1');
    expect(harmonise({ ...base, attention: 'mha', heads: '40' }, 'heads', presets).kv_heads).toBe('40');
  });
  it('a KV-head count names its attention kind', () => {
    expect(harmonise({ ...base, kv_heads: '32' }, 'kv_heads', presets).attention).toBe('mha');
    expect(harmonise({ ...base, kv_heads: '1' }, 'kv_heads', presets).attention).toBe('mqa');
    expect(harmonise({ ...base, attention: 'mha', kv_heads: '4' }, 'kv_heads', presets).attention).toBe(
      'gqa',
    );
  });
  it('choosing a model fills in its architecture', () => {
    expect(harmonise({ ...base, model: 'deepseek-v3' }, 'model', presets)).toMatchObject({
      attention: 'mla',
      kv_lora_rank: '512',
    });
  });
});
