import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  type Hardware,
  type RooflineModel,
  attainable,
  attentionFlopsPerToken,
  batchLimits,
  causalPairs,
  decodeStep,
  denseTflops,
  hardware,
  isDense,
  kvBytesPerSequence,
  prefill,
  prefillAttentionFlops,
  ridgePoint,
  rooflineModel,
  tokensPerSecond,
} from '../../src/lib/roofline';
import { GpuSchema } from '../../src/schemas/gpu';
import { ModelSchema } from '../../src/schemas/model';

const gpu = (id: string) => GpuSchema.parse(parse(readFileSync(`content/gpus/${id}.yaml`, 'utf8')));
const preset = (id: string) => ModelSchema.parse(parse(readFileSync(`content/models/${id}.yaml`, 'utf8')));

// A toy small enough to check by hand: 10^9 parameters in 2-byte weights; 2 layers of full
// multi-head attention, 4 heads of width 8, 2-byte cache.
//   KV bytes per token      = 2 layers · 2 (K and V) · 4 heads · 8 · 2 bytes = 256
//   attention FLOPs/position = 4 · (4 heads · 8) · 2 layers                   = 256
const toy: RooflineModel = {
  params: 1e9,
  weightBytes: 2,
  arch: { attention: 'mha', layers: 2, heads: 4, kvHeads: 4, headDim: 8 },
  kvDtype: 'bf16',
};
// 100 TFLOP/s over 1 TB/s: ridge at 100 FLOPs/byte; 10 GB of memory.
const hw: Hardware = { peakFlops: 100e12, bandwidth: 1e12, memory: 10e9 };

describe('roofline basics', () => {
  it('puts the ridge at peak / bandwidth and the roof at min(peak, bandwidth · I)', () => {
    expect(ridgePoint(hw)).toBe(100);
    expect(attainable(hw, 1)).toBe(1e12); // 1 TB/s · 1 FLOP/byte
    expect(attainable(hw, 100)).toBe(100e12); // exactly on the ridge
    expect(attainable(hw, 1000)).toBe(100e12); // flat roof
  });

  it.each([
    // [prompt, window, Σ_{i≤P} min(i, W)]
    [0, Infinity, 0],
    [1, Infinity, 1],
    [5, Infinity, 15], // 1+2+3+4+5
    [5, 3, 12], // 1+2+3+3+3
    [5, 5, 15], // window reaches back to the first token
    [4096, Infinity, 8_390_656], // 4096 · 4097 / 2
  ])('causalPairs(%i, %s) = %i', (prompt, window, pairs) => expect(causalPairs(prompt, window)).toBe(pairs));

  it('counts attention FLOPs and cache bytes per layer, windows included', () => {
    expect(attentionFlopsPerToken(toy, 1000)).toBe(256_000); // 256 per position
    expect(kvBytesPerSequence(toy, 1000)).toBe(256_000); // 256 bytes per token
    expect(kvBytesPerSequence(toy, 0)).toBe(0);
    // One global layer and one with a 3-token window, at T = 10: 10 + 3 = 13 positions.
    const windowed: RooflineModel = { ...toy, arch: { ...toy.arch, window: 3, globalLayers: 1 } };
    expect(attentionFlopsPerToken(windowed, 10)).toBe(4 * 32 * 13); // 1,664
    expect(kvBytesPerSequence(windowed, 10)).toBe(13 * 2 * 4 * 8 * 2); // 13 token-layers · 128 bytes
    // Prefill of 5 tokens: the global layer sees 15 pairs, the windowed one 12.
    expect(prefillAttentionFlops(windowed, 5)).toBe(4 * 32 * (15 + 12)); // 3,456
    expect(prefillAttentionFlops(toy, 5)).toBe(4 * 32 * 2 * 15); // 3,840
  });
});

describe('decode', () => {
  it('at B = 1 reads the weights for 2 FLOPs per parameter: intensity 1 for this toy', () => {
    const s = decodeStep(toy, hw, 1, 1000);
    expect(s.flops).toBe(2_000_256_000); // 2·10^9 + 256,000
    expect(s.weightBytes).toBe(2e9);
    expect(s.kvBytes).toBe(256_000);
    expect(s.bytes).toBe(2_000_256_000);
    expect(s.intensity).toBe(1);
    expect(s.bound).toBe('memory');
    expect(s.memoryTime).toBeCloseTo(2.000256e-3, 12); // bytes / 10^12
    expect(s.computeTime).toBeCloseTo(2.000256e-5, 12); // FLOPs / 10^14
    expect(s.time).toBe(s.memoryTime);
    expect(tokensPerSecond(s)).toBeCloseTo(1 / 2.000256e-3, 6); // ≈ 499.94
  });

  it('grows nearly linearly with the batch while the cache is small', () => {
    // B = 100: 100 · 2,000,256,000 FLOPs over 2·10^9 + 25,600,000 bytes = 98.7488...
    const s = decodeStep(toy, hw, 100, 1000);
    expect(s.intensity).toBeCloseTo(200_025_600_000 / 2_025_600_000, 10);
    expect(s.bound).toBe('memory');
    // With no cache at all the intensity is exactly B (2 FLOPs per 2-byte weight).
    expect(decodeStep(toy, hw, 64, 0).intensity).toBe(64);
  });

  it('finds the batch at the ridge, the memory limit and the cap (T = 1000)', () => {
    const l = batchLimits(toy, hw, 1000);
    // B·2,000,256,000 / (2e9 + B·256,000) ≥ 100 ⇔ B ≥ 2e11 / 1,974,656,000 = 101.28 → 102.
    expect(l.ridgeBatch).toBe(102);
    expect(decodeStep(toy, hw, 101, 1000).intensity).toBeLessThan(100);
    expect(decodeStep(toy, hw, 102, 1000).intensity).toBeGreaterThanOrEqual(100);
    expect(l.maxBatch).toBe(31_250); // (10e9 − 2e9) / 256,000
    expect(l.intensityLimit).toBe(7813.5); // 2,000,256,000 / 256,000
    expect(l.evenBatch).toBe(7812.5); // 2e9 / 256,000
    expect(l.tokensPerSecondLimit).toBeCloseTo(100e12 / 2_000_256_000, 6); // past the ridge: peak / FLOPs per token
  });

  it('never reaches the ridge when each sequence brings too much cache (T = 100,000)', () => {
    const l = batchLimits(toy, hw, 100_000);
    // per token 2e9 + 25.6e6 FLOPs, 25.6e6 bytes of cache: cap 79.125 < 100.
    expect(l.ridgeBatch).toBeNull();
    expect(l.intensityLimit).toBeCloseTo(79.125, 10);
    expect(l.tokensPerSecondLimit).toBeCloseTo(1e12 / 25.6e6, 6); // 39,062.5: bandwidth / cache per sequence
    expect(l.maxBatch).toBe(312); // 8e9 / 25.6e6 = 312.5
  });

  it('fits no batch when the weights alone exceed memory', () => {
    expect(batchLimits(toy, { ...hw, memory: 1e9 }, 1000).maxBatch).toBe(0);
  });
});

describe('prefill', () => {
  it('shares one read of the weights among the prompt: intensity ≈ P', () => {
    const p = prefill(toy, hw, 1000);
    // 2e9·1000 + 4·32·2·(1000·1001/2) = 2e12 + 128,128,000
    expect(p.flops).toBe(2_000_128_128_000);
    expect(p.bytes).toBe(2_000_256_000); // weights once + 1000 tokens of cache written
    expect(p.intensity).toBeCloseTo(2_000_128_128_000 / 2_000_256_000, 10); // 999.94
    expect(p.bound).toBe('compute');
    expect(p.time).toBeCloseTo(0.02000128128, 12); // FLOPs / 10^14
  });
});

describe('presets', () => {
  const h100 = gpu('h100-sxm');
  const a100 = gpu('a100-80gb-sxm');
  it('halves a peak quoted with sparsity', () => {
    expect(denseTflops(h100)).toBe(989.5); // 1,979 / 2
    expect(denseTflops(a100)).toBe(312); // already dense
  });
  it('puts the ridges at 295.4 (H100 SXM) and 153.0 (A100 80GB SXM) FLOPs/byte', () => {
    expect(ridgePoint(hardware(h100))).toBeCloseTo(989.5e12 / 3.35e12, 9); // 295.373...
    expect(ridgePoint(hardware(a100))).toBeCloseTo(312e12 / 2.039e12, 9); // 153.016...
    // More GPUs add peak and bandwidth alike: the ridge stays.
    expect(ridgePoint(hardware(h100, 8))).toBeCloseTo(ridgePoint(hardware(h100)), 9);
    expect(hardware(h100, 2).memory).toBe(160e9);
  });
  it('keeps mixtures of experts and latent attention out', () => {
    expect(isDense(preset('llama-3-1-8b'))).toBe(true);
    expect(isDense(preset('mixtral-8x7b'))).toBe(false);
    expect(isDense(preset('deepseek-v3'))).toBe(false);
  });
  it('Llama 3.1 8B on one H100 at T = 4096: memory-bound, capped at 33.9 FLOPs/byte, 119 sequences fit', () => {
    const m = rooflineModel(preset('llama-3-1-8b'));
    const hw1 = hardware(h100);
    // KV: 32 layers · 2 · 8 heads · 128 · 2 bytes = 131,072 per token; · 4096 = 536,870,912.
    expect(kvBytesPerSequence(m, 4096)).toBe(536_870_912);
    // Attention: 4 · (32 · 128) · 32 layers · 4096 = 2,147,483,648 FLOPs per token.
    expect(attentionFlopsPerToken(m, 4096)).toBe(2_147_483_648);
    const s = decodeStep(m, hw1, 1, 4096);
    expect(s.intensity).toBeCloseTo((16.06e9 + 2_147_483_648) / (16.06e9 + 536_870_912), 9); // 1.097
    const l = batchLimits(m, hw1, 4096);
    expect(l.ridgeBatch).toBeNull();
    expect(l.intensityLimit).toBeCloseTo((16.06e9 + 2_147_483_648) / 536_870_912, 9); // 33.91
    expect(l.maxBatch).toBe(119); // (80e9 − 16.06e9) / 536,870,912 = 119.1
    // At T = 128 the cache is 32 times smaller and decode does reach the ridge, at B = 425.
    // perToken = 16.06e9 + 67,108,864; gain = perToken − 295.37·16,777,216; 295.37·16.06e9 / gain = 424.6.
    expect(batchLimits(m, hw1, 128).ridgeBatch).toBe(425);
  });
});
