import { describe, expect, it } from 'vitest';
import { fitBudget, weightsBytes } from '../../../src/lib/kv-cache/budget';
import { LLAMA3_8B as llama3_8b } from '../../fixtures/architectures';
const GIB = 2n ** 30n;
const hw = { gpuMemGiB: 80, gpus: 1, weightsParamsB: 8, weightsDtype: 'bf16' as const, utilization: 0.9 };

describe('budget fit', () => {
  it('weights are parameters × bytes', () => {
    expect(weightsBytes(8, 'bf16')).toBe(16_000_000_000n);
    expect(weightsBytes(70.6, 'fp8')).toBe(70_600_000_000n);
    expect(weightsBytes(1e-9, 'int4')).toBe(1n); // half a byte rounds up
  });

  it('free memory is utilisation × pool − weights, and the counts follow from it', () => {
    const fit = fitBudget(llama3_8b, { batch: 8, tokens: 8192, dtype: 'bf16' }, hw);
    const pool = (80n * GIB * 9n) / 10n;
    expect(fit.poolBytes).toBe(pool);
    expect(fit.kvBudgetBytes).toBe(pool - 16_000_000_000n);
    expect(fit.tokenCostBytes).toBe(131_072n);
    expect(fit.maxTokens).toBe(fit.kvBudgetBytes / 131_072n);
    expect(fit.maxBatch).toBe(fit.kvBudgetBytes / (8192n * 131_072n));
    // Longest context at B = 8: the largest T with 8 · T · 131072 ≤ budget.
    expect(fit.maxTokensAtBatch).toBe(fit.kvBudgetBytes / (8n * 131_072n));
  });

  it('weights larger than the pool leave no cache, reported as zero (not negative)', () => {
    const fit = fitBudget(llama3_8b, { batch: 1, tokens: 1, dtype: 'bf16' }, { ...hw, weightsParamsB: 405 });
    expect(fit.kvBudgetBytes < 0n).toBe(true);
    expect(fit.maxTokens).toBe(0n);
    expect(fit.maxBatch).toBe(0n);
    expect(fit.maxTokensAtBatch).toBe(0n);
  });

  it('when every layer is windowed any context fits once the window does', () => {
    const windowed = { ...llama3_8b, window: 4096, globalLayers: 0 };
    expect(
      fitBudget(windowed, { batch: 1, tokens: 1_000_000, dtype: 'bf16' }, hw).maxTokensAtBatch,
    ).toBeNull();
  });

  it('replicated KV heads under tensor parallelism cost their copies', () => {
    const w = { batch: 1, tokens: 1000, dtype: 'bf16' as const };
    const eight = fitBudget(llama3_8b, { ...w, tp: 8 }, { ...hw, gpus: 16 });
    const sixteen = fitBudget(llama3_8b, { ...w, tp: 16 }, { ...hw, gpus: 16 });
    expect(eight.tokenCostBytes).toBe(131_072n);
    expect(sixteen.tokenCostBytes).toBe(2n * 131_072n);
  });
});
