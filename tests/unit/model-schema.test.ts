import { describe, expect, it } from 'vitest';
import { ModelSchema } from '../../src/schemas/model';

const base = {
  name: 'M',
  attention: 'gqa',
  layers: 32,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  paramsB: 8,
  dtype: 'bf16',
  maxContext: 8192,
  sources: ['paper-a'],
};
const problems = (data: object) =>
  ModelSchema.safeParse(data).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('model preset schema', () => {
  it('accepts a consistent GQA model', () => expect(problems(base)).toEqual([]));
  it.each([
    ['MHA with fewer KV heads', { attention: 'mha' }, 'kvHeads: mha means kvHeads equals heads'],
    ['MQA with 8 KV heads', { attention: 'mqa' }, 'kvHeads: mqa means kvHeads is 1'],
    [
      'GQA that does not divide',
      { kvHeads: 5 },
      'kvHeads: gqa means 1 < kvHeads < heads, with heads divisible by kvHeads',
    ],
    [
      'MLA without its latent',
      { attention: 'mla', kvHeads: 32 },
      'kvLoraRank: an MLA model needs kvLoraRank and ropeDim',
    ],
    ['global layers without a window', { globalLayers: 4 }, 'globalLayers: globalLayers needs a window'],
    [
      'a mixture of experts using all its parameters',
      { activeParamsB: 8 },
      'activeParamsB: a mixture of experts uses fewer parameters per token than it has: keep activeParamsB below paramsB',
    ],
    [
      'more global layers than layers',
      { window: 4096, globalLayers: 40 },
      'globalLayers: cannot exceed layers',
    ],
  ])('rejects %s', (_, change, message) => expect(problems({ ...base, ...change })).toContain(message));
});
