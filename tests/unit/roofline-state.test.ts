import { describe, expect, it } from 'vitest';
import {
  BATCH_STOPS,
  type Catalogue,
  type RooflineState,
  capContext,
  checkNumber,
  nearestStop,
  resolveState,
  stateParams,
  tokenStops,
} from '../../src/lib/roofline-state';

describe('checkNumber', () => {
  it.each([
    // [field, typed, last valid, max, expected value, expected message]
    ['batch', '16', 1, undefined, 16, null],
    ['batch', ' 4,096 ', 1, undefined, 4096, null], // separators and spaces are ignored
    ['batch', '12.4', 1, undefined, 12, 'Rounded to 12: it counts whole sequences.'],
    ['gpus', '2.5', 1, undefined, 3, 'Rounded to 3: it counts whole GPUs.'], // Math.round(2.5) = 3
    ['batch', '0', 5, undefined, 1, 'The batch is at least 1; set to 1.'],
    ['batch', '-3', 5, undefined, 1, 'The batch is at least 1; set to 1.'],
    ['batch', '99999', 5, undefined, 4096, 'The batch is at most 4,096; set to 4,096.'],
    ['batch', '1e9', 5, undefined, 4096, 'The batch is at most 4,096; set to 4,096.'],
    ['batch', 'abc', 5, undefined, 5, 'The batch needs a whole number from 1 to 4,096; keeping 5.'],
    ['batch', '', 5, undefined, 5, 'The batch needs a whole number from 1 to 4,096; keeping 5.'],
    ['batch', 'Infinity', 5, undefined, 5, 'The batch needs a whole number from 1 to 4,096; keeping 5.'],
    ['batch', '<img src=x>', 7, undefined, 7, 'The batch needs a whole number from 1 to 4,096; keeping 7.'],
    ['gpus', '17', 1, undefined, 16, 'The number of GPUs is at most 16; set to 16.'],
    ['prompt', '0.2', 9, undefined, 1, 'The prompt is at least 1; set to 1.'], // rounds to 0, then clamps
  ] as const)('%s "%s" → %s', (field, raw, fallback, max, value, message) => {
    expect(checkNumber(field, raw, fallback, max)).toEqual({ value, message });
  });

  it('names the model when the context is capped by it', () => {
    expect(checkNumber('context', '9000', 1, 4096, ' for Llama 2 7B')).toEqual({
      value: 4096,
      message: 'The context is at most 4,096 for Llama 2 7B; set to 4,096.',
    });
  });
});

describe('slider stops', () => {
  it('steps the batch by about ×1.5 from 1 to 4096', () => {
    expect(BATCH_STOPS[0]).toBe(1);
    expect(BATCH_STOPS.at(-1)).toBe(4096);
    for (let i = 1; i < BATCH_STOPS.length; i++)
      expect(BATCH_STOPS[i]! / BATCH_STOPS[i - 1]!).toBeLessThanOrEqual(2);
  });
  it('ends the token stops at the model’s longest context', () => {
    expect(tokenStops(4096)).toEqual([
      16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
    ]);
    expect(tokenStops(2048).at(-1)).toBe(2048);
    expect(tokenStops(131072).at(-2)).toBe(98304); // 65536 · 1.5
  });
  it.each([
    [16, 7], // exact stop
    [5, 4], // ln 6 − ln 5 = 0.18 < ln 5 − ln 4 = 0.22: nearer to 6
    [1, 0],
    [100_000, 23], // beyond the end: the last stop
  ])('nearestStop(BATCH_STOPS, %i) = %i', (value, index) =>
    expect(nearestStop(BATCH_STOPS, value)).toBe(index),
  );
});

const catalogue: Catalogue = {
  models: ['llama-3-1-8b', 'llama-2-7b'],
  gpus: ['h100-sxm', 'a100-80gb-sxm'],
  maxContext: (m) => (m === 'llama-2-7b' ? 4096 : 131072),
  modelName: (m) => (m === 'llama-2-7b' ? 'Llama 2 7B' : 'Llama 3.1 8B'),
};
const defaults: RooflineState = {
  model: 'llama-3-1-8b',
  gpu: 'h100-sxm',
  gpus: 1,
  batch: 16,
  context: 4096,
  prompt: 2048,
};

describe('resolveState', () => {
  it('reads a shared hash and writes the same parameters back', () => {
    const params = new URLSearchParams(
      'model=llama-2-7b&gpu=a100-80gb-sxm&gpus=2&batch=64&context=1024&prompt=512',
    );
    const { state, messages } = resolveState(params, defaults, catalogue);
    expect(state).toEqual({
      model: 'llama-2-7b',
      gpu: 'a100-80gb-sxm',
      gpus: 2,
      batch: 64,
      context: 1024,
      prompt: 512,
    });
    expect(messages).toEqual({});
    expect(new URLSearchParams(stateParams(state)).toString()).toBe(params.toString());
  });
  it('falls back with a message for unknown presets and bad numbers, and caps the context by the model', () => {
    const params = new URLSearchParams('model=gpt-9&gpu=tpu&batch=lots&context=99999&prompt=5000');
    const { state, messages } = resolveState(params, { ...defaults, model: 'llama-2-7b' }, catalogue);
    expect(state).toEqual({
      model: 'llama-2-7b',
      gpu: 'h100-sxm',
      gpus: 1,
      batch: 16,
      context: 4096,
      prompt: 4096,
    });
    expect(messages.model).toBe('There is no model preset named “gpt-9”; showing the default instead.');
    expect(messages.gpu).toBe('There is no GPU preset named “tpu”; showing the default instead.');
    expect(messages.batch).toBe('The batch needs a whole number from 1 to 4,096; keeping 16.');
    expect(messages.context).toBe('Llama 2 7B reads at most 4,096 tokens; set to 4,096.');
    expect(messages.prompt).toBe('Llama 2 7B reads at most 4,096 tokens; set to 4,096.');
  });
  it('uses the defaults for an empty hash', () => {
    expect(resolveState(new URLSearchParams(''), defaults, catalogue)).toEqual({
      state: defaults,
      messages: {},
    });
  });
});

describe('capContext', () => {
  it('brings context and prompt down to the new model’s limit', () => {
    const state = { ...defaults, model: 'llama-2-7b', context: 131072, prompt: 100 };
    expect(capContext(state, catalogue)).toEqual({
      context: 'Llama 2 7B reads at most 4,096 tokens; set to 4,096.',
    });
    expect(state.context).toBe(4096);
    expect(state.prompt).toBe(100);
  });
});
