import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/lib/kv-cache/explain';
import { type Scenario, memoryOf, rankLevers } from '../../../src/lib/kv-cache/levers';
import { sourceChecks } from '../../../src/lib/kv-cache/source-checks';
import { DEEPSEEK_V3, LLAMA31_70B } from '../../fixtures/architectures';

const llama70b: Scenario = {
  arch: LLAMA31_70B,
  workload: { batch: 32, tokens: 131_072, dtype: 'bf16', tp: 8 },
  hardware: { gpuMemGiB: 80, gpus: 8, weightsParamsB: 70.6, weightsDtype: 'bf16', utilization: 0.9 },
};

describe('levers', () => {
  it('memory is weights plus the cache on every GPU', () => {
    const m = memoryOf(llama70b);
    expect(m.kvBytes).toBe(32n * 131_072n * 80n * 8n * 128n * 2n * 2n);
    expect(m.weightsBytes).toBe(141_200_000_000n);
  });

  it('ranks levers by bytes saved, best first', () => {
    const { outcomes } = rankLevers(llama70b);
    const saved = outcomes.map((o) => o.savedBytes);
    expect([...saved].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))).toEqual(saved);
    // At 128k tokens the 4k window removes almost all of the cache: it beats int4's 4x.
    expect(outcomes[0]?.id).toBe('window');
  });

  it('MQA saves nothing when tensor parallelism would replicate the single head on every GPU', () => {
    const mqa = rankLevers(llama70b).outcomes.find((o) => o.id === 'mqa')!;
    expect(mqa.savedBytes).toBe(0n);
  });

  it('a lever that does not apply says why and saves nothing', () => {
    const mla: Scenario = { ...llama70b, arch: DEEPSEEK_V3 };
    const mqa = rankLevers(mla).outcomes.find((o) => o.id === 'mqa')!;
    expect(mqa.notApplicable).toMatch(/latent/);
    expect(mqa.savedFraction).toBe(0);
  });

  it('at a short context the weights dominate and quantising them wins', () => {
    const short: Scenario = { ...llama70b, workload: { batch: 1, tokens: 2048, dtype: 'bf16', tp: 8 } };
    expect(rankLevers(short).outcomes[0]?.id).toBe('weights-fp8');
  });
});

describe('worked steps', () => {
  it('show the substituted formula and end at the total', () => {
    const steps = explain(llama70b.arch, { batch: 8, tokens: 4096, dtype: 'bf16' });
    expect(steps[0]?.formula).toBe('H_kv × d_head × 2 = 8 × 128 × 2');
    expect(steps[0]?.result).toBe('2,048 elements');
    expect(steps.at(-1)?.result).toMatch(/^10,737,418,240 bytes = 10 GiB/);
  });
  it('name the window, the blocks and tensor parallelism when they apply', () => {
    const arch = { ...llama70b.arch, window: 4096, globalLayers: 10 };
    const text = explain(arch, { batch: 2, tokens: 10_000, dtype: 'int4', block: 16, tp: 16 })
      .map((s) => `${s.what} ${s.formula} ${s.result}`)
      .join('\n');
    expect(text).toMatch(/10 layers × 10,000 tokens \+ 70 layers × 4,096 tokens/);
    expect(text).toMatch(/blocks of 16/);
    expect(text).toMatch(/copied 2 times/);
    expect(text).toMatch(/0\.5 bytes per element/);
  });
});

describe('source checks', () => {
  it.each(sourceChecks().map((c) => [c.id, c] as const))('%s passes', (_, check) => {
    expect(check.pass).toBe(true);
  });
});
