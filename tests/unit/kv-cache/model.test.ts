import { describe, expect, it } from 'vitest';
import { type Architecture, kvCache, replication, sequenceBytes } from '../../../src/lib/kv-cache/model';
import {
  DEEPSEEK_V3 as deepseekV3,
  FALCON_7B as falcon7b,
  LLAMA2_7B as llama2_7b,
  LLAMA3_8B as llama3_8b,
} from '../../fixtures/architectures';

describe('KV-cache memory', () => {
  it('MHA: Llama 2 7B holds 512 KiB per token and 16 GiB for 8 sequences of 4096 tokens', () => {
    const r = kvCache(llama2_7b, { batch: 8, tokens: 4096, dtype: 'fp16' });
    expect(r.perTokenBytes).toBe(524_288n);
    expect(r.totalBytes).toBe(17_179_869_184n);
    expect(r.totalBytes).toBe(16n * 2n ** 30n);
  });

  it('GQA counts KV heads, not query heads: Llama 3 8B is a quarter of Llama 2 7B', () => {
    const r = kvCache(llama3_8b, { batch: 8, tokens: 4096, dtype: 'bf16' });
    expect(r.perTokenBytes).toBe(131_072n);
    expect(r.totalBytes).toBe(4n * 2n ** 30n);
  });

  it('MQA ignores the kvHeads field and keeps one head; an explicit head_dim is used as given', () => {
    expect(kvCache({ ...falcon7b, kvHeads: 71 }, { batch: 1, tokens: 1, dtype: 'bf16' }).perTokenBytes).toBe(
      32n * 1n * 64n * 2n * 2n,
    );
  });

  it('MLA caches latent + RoPE key per layer: no factor 2, no heads', () => {
    const r = kvCache(deepseekV3, { batch: 1, tokens: 1, dtype: 'bf16' });
    expect(r.elementsPerTokenLayer).toBe(576);
    expect(r.perTokenBytes).toBe(61n * 576n * 2n);
  });

  it.each([
    ['fp32', 4n],
    ['fp16', 2n],
    ['bf16', 2n],
    ['fp8', 1n],
    ['int8', 1n],
  ] as const)('%s stores %i bytes per element', (dtype, bytes) => {
    expect(kvCache(llama3_8b, { batch: 1, tokens: 1, dtype }).perTokenBytes).toBe(
      32n * 8n * 128n * 2n * bytes,
    );
  });

  it('int4 stores half a byte per element and rounds a final half byte up', () => {
    expect(kvCache(llama3_8b, { batch: 1, tokens: 1, dtype: 'int4' }).perTokenBytes).toBe(32_768n);
    const odd: Architecture = {
      attention: 'mla',
      layers: 1,
      heads: 1,
      kvHeads: 1,
      headDim: 1,
      kvLoraRank: 2,
      ropeDim: 1,
    };
    expect(kvCache(odd, { batch: 1, tokens: 1, dtype: 'int4' }).totalBytes).toBe(2n); // 3 elements = 1.5 bytes
  });

  it('sliding-window layers keep min(T, window); global layers keep T', () => {
    const hybrid: Architecture = { ...llama3_8b, window: 1000, globalLayers: 2 };
    const perTokenLayer = 8n * 128n * 2n * 2n;
    const r = kvCache(hybrid, { batch: 1, tokens: 5000, dtype: 'fp16' });
    expect(r.totalBytes).toBe((2n * 5000n + 30n * 1000n) * perTokenLayer);
    // Shorter than the window: every layer keeps all tokens.
    expect(sequenceBytes(hybrid, 800, 'fp16')).toBe(32n * 800n * perTokenLayer);
  });

  it('paged blocks round each layer up to whole blocks and report the waste', () => {
    const r = kvCache(llama3_8b, { batch: 2, tokens: 17, dtype: 'fp16', block: 16 });
    expect(r.exactBytes).toBe(2n * 17n * 131_072n);
    expect(r.totalBytes).toBe(2n * 32n * 131_072n);
    expect(r.blockWasteBytes).toBe(2n * 15n * 131_072n);
  });

  it('tensor parallelism splits KV heads, and replicates them when tp exceeds H_kv', () => {
    const w = { batch: 1, tokens: 1000, dtype: 'fp16' as const };
    const total = kvCache(llama3_8b, w).totalBytes;
    expect(kvCache(llama3_8b, { ...w, tp: 4 }).perGpuBytes).toBe(total / 4n);
    expect(kvCache(llama3_8b, { ...w, tp: 8 }).perGpuBytes).toBe(total / 8n);
    // 16 GPUs, 8 heads: each GPU still holds one whole head, so each head is on two GPUs.
    expect(kvCache(llama3_8b, { ...w, tp: 16 }).perGpuBytes).toBe(total / 8n);
    expect(replication(llama3_8b, 16)).toBe(2);
    expect(replication(falcon7b, 8)).toBe(8);
  });

  it("MLA's latent is replicated on every GPU", () => {
    const w = { batch: 1, tokens: 1000, dtype: 'bf16' as const };
    const total = kvCache(deepseekV3, w).totalBytes;
    expect(kvCache(deepseekV3, { ...w, tp: 8 }).perGpuBytes).toBe(total);
    expect(replication(deepseekV3, 8)).toBe(8);
  });

  it('stays exact beyond 2^53 element-bits (BigInt inside)', () => {
    const r = kvCache(llama2_7b, { batch: 4096, tokens: 1_000_000, dtype: 'fp32' });
    expect(r.totalBytes).toBe(4096n * 1_000_000n * 32n * 32n * 128n * 2n * 4n);
  });
});
