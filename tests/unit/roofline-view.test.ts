import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chartGeometry, powerLabel, powersOfTen } from '../../src/lib/roofline-chart';
import type { RooflineState } from '../../src/lib/roofline-state';
import {
  batchingSentence,
  chartNodes,
  compute,
  decodeSentence,
  fitWarning,
  formatFlops,
  formatIntensity,
  formatRate,
  formatTime,
  gpuFigures,
  prefillSentence,
  verdictNodes,
  viewNodes,
} from '../../src/lib/roofline-view';
import { toHtml } from '../../src/lib/view-tree';
import { GpuSchema } from '../../src/schemas/gpu';
import { ModelSchema } from '../../src/schemas/model';

const gpu = (id: string) => GpuSchema.parse(parse(readFileSync(`content/gpus/${id}.yaml`, 'utf8')));
const model = (id: string) => ModelSchema.parse(parse(readFileSync(`content/models/${id}.yaml`, 'utf8')));
const presets = { model: model('llama-3-1-8b'), gpu: gpu('h100-sxm') };
const base: RooflineState = {
  model: 'llama-3-1-8b',
  gpu: 'h100-sxm',
  gpus: 1,
  batch: 16,
  context: 4096,
  prompt: 2048,
};

describe('formatting', () => {
  it.each([
    [0.007358, '7.36 ms'],
    [2.5e-5, '25 µs'],
    [1.234, '1.23 s'],
    [0.0343516, '34.4 ms'],
  ])('formatTime(%f) = %s', (s, text) => expect(formatTime(s)).toBe(text));
  it.each([
    [1.097, '1.10'],
    [33.914, '33.9'],
    [295.37, '295'],
    [2081.7, '2,082'],
    [Infinity, 'unbounded'],
  ])('formatIntensity(%f) = %s', (i, text) => expect(formatIntensity(i)).toBe(text));
  it.each([
    [18.2e9, '18.2 GFLOP'],
    [33.99e12, '34 TFLOP'],
    [291.3e9, '291 GFLOP'],
    [512, '512 FLOP'],
  ])('formatFlops(%f) = %s', (f, text) => expect(formatFlops(f)).toBe(text));
  it('rounds large rates and keeps three figures for small ones', () => {
    expect(formatRate(2174.45)).toBe('2,174');
    expect(formatRate(52.345)).toBe('52.3');
  });
  it('states the dense peak and where it came from', () => {
    expect(gpuFigures(gpu('h100-sxm'))).toBe(
      'NVIDIA H100 SXM: 989.5 TFLOP/s dense bf16 (half the datasheet’s 1,979, which is with sparsity), 3,350 GB/s, 80 GB.',
    );
    expect(gpuFigures(gpu('a100-80gb-sxm'))).toBe(
      'NVIDIA A100 80GB SXM: 312 TFLOP/s dense bf16, 2,039 GB/s, 80 GB.',
    );
  });
});

describe('verdicts', () => {
  it('explains the default: decode memory-bound, prefill compute-bound, the cap below the ridge', () => {
    const c = compute(base, presets);
    // 16.06e9 bytes of weights + 16 · 536,870,912 of cache = 24.65e9 bytes / 3.35e12 = 7.36 ms.
    expect(decodeSentence(base, c)).toBe(
      'At B = 16 and T = 4,096, decode is memory-bound. Each step reads 16.06 GB of weights and 8.59 GB of KV cache (16 sequences × 4,096 tokens), which takes at least 7.36 ms at 3.35 TB/s; its 291 GFLOP would need only 294 µs at peak. So each sequence gets a token at most every 7.36 ms, and the batch at most 2,174 tokens/s.',
    );
    expect(prefillSentence(base, c)).toBe(
      'A 2,048-token prompt is compute-bound: its 34 TFLOP take at least 34.4 ms at peak, longer than reading 16.33 GB (4.87 ms). That is the floor under the time to first token.',
    );
    const batching = batchingSentence(base, presets, c);
    expect(batching).toContain('At T = 4,096 decode never reaches the ridge');
    expect(batching).toContain('toward 33.9 FLOPs/byte, below the ridge at 295');
    expect(batching).toContain('Memory holds at most 119 sequences of 4,096 tokens');
    expect(fitWarning(base, presets, c)).toBeNull();
  });
  it('names the batch at the ridge when the context is short', () => {
    const state = { ...base, context: 128 };
    expect(batchingSentence(state, presets, compute(state, presets))).toMatch(
      /^Decode reaches the ridge at B = 425: /,
    );
  });
  it('says when memory runs out before the ridge', () => {
    // Llama 3.1 70B on two A100s at T = 512: 160 GB − 141.2 GB of weights leaves room for
    // 18.8e9 / 167,772,160 = 112 caches, but the ridge (153.0) needs
    // B* = ⌈153.016 · 141.2e9 / (142,542,177,280 − 153.016 · 167,772,160)⌉ = ⌈184.9⌉ = 185.
    const state = { ...base, model: 'llama-3-1-70b', gpu: 'a100-80gb-sxm', gpus: 2, context: 512 };
    const p = { model: model('llama-3-1-70b'), gpu: gpu('a100-80gb-sxm') };
    expect(batchingSentence(state, p, compute(state, p))).toMatch(
      /^Decode would reach the ridge at B = 185, but memory runs out first\. Memory holds at most 112 sequences of 512 tokens/,
    );
  });
  it('warns when the chosen batch does not fit, and when the weights alone do not', () => {
    const big = { ...base, batch: 4096 };
    expect(fitWarning(big, presets, compute(big, presets))).toMatch(
      /^B = 4,096 does not fit: 16.06 GB of weights \+ 2.199 TB of cache = 2.215 TB, more than the 80 GB/,
    );
    const seventy = { ...base, model: 'llama-3-1-70b' };
    const p70 = { ...presets, model: model('llama-3-1-70b') };
    expect(batchingSentence(seventy, p70, compute(seventy, p70))).toBe(
      'The weights alone, 141.2 GB, do not fit in the 80 GB of one NVIDIA H100 SXM: add GPUs before any batch fits.',
    );
  });
  it('renders verdicts that name the failure without markup from data', () => {
    const html = verdictNodes({ ...base, batch: 4096 }, presets, compute({ ...base, batch: 4096 }, presets))
      .map(toHtml)
      .join('');
    expect(html).toContain('<p class="rf-warning" data-rf-warning="">B = 4,096 does not fit');
  });
});

describe('chart', () => {
  it('labels powers of ten', () => {
    expect(powersOfTen(0.6, 5000)).toEqual([1, 10, 100, 1000]);
    expect(powerLabel(1000)).toBe('1,000');
    expect(powerLabel(0.1)).toBe('0.1');
  });
  it('bends the roof at the ridge and puts the points on it', () => {
    const g = chartGeometry({
      peakFlops: 100e12,
      bandwidth: 1e12,
      ridge: 100,
      decodeLimit: 50,
      decode: { intensity: 10, flops: 10e12 },
      prefill: { intensity: 1000, flops: 100e12 },
      path: [{ intensity: 1, flops: 1e12, batch: 1 }],
    });
    // x from min(1, 1/1.6) = 0.625 to max(400, 2000, 80) = 2000; the ridge is at the top of the roof.
    expect(g.ridge.y).toBeCloseTo(g.prefill.y, 9);
    expect(g.decode.x).toBeLessThan(g.ridge.x);
    expect(g.prefill.x).toBeGreaterThan(g.ridge.x);
    expect(g.limitX).not.toBeNull();
    expect(g.xTicks.map((t) => t.label)).toEqual(['1', '10', '100', '1,000']);
    // The roof path starts at the left edge, bends at the ridge, ends at the right edge.
    const points = g.roof
      .replace(/^M/, '')
      .split('L')
      .map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(3);
    // linePath writes three decimals.
    expect(points[0]![0]).toBeCloseTo(g.left, 2);
    expect(points[1]![0]).toBeCloseTo(g.ridge.x, 2);
    expect(points[2]![0]).toBeCloseTo(g.right, 2);
  });
  it('draws every decode batch with a target, hollow when it does not fit', () => {
    const c = compute(base, presets);
    const html = chartNodes(base, c).map(toHtml).join('');
    expect(html).toContain('data-batch="64"');
    expect(html).toContain('class="rf-step rf-nofit" data-batch="128"'); // 119 fit at T = 4096
    expect(html).toContain('class="rf-step" data-batch="64"');
    expect(html).not.toMatch(/NaN|Infinity/);
  });
  it('gives the chart a name and a description, and the table a row per batch and the prefill', () => {
    const html = viewNodes(base, compute(base, presets), 'rf').map(toHtml).join('');
    expect(html).toContain('aria-labelledby="rf-chart-title"');
    expect(html).toContain('<desc id="rf-chart-desc">');
    expect(html.match(/<tr data-batch=|<tr class="rf-chosen" data-batch=/g)).toHaveLength(13); // 1 … 4096, 16 among them
    expect(html).toContain('<th scope="row">prefill P = 2,048</th>');
  });
});

describe('chart labels', () => {
  // Boxes estimated for the larger narrow-screen labels (22 units, bold): 13 units per character.
  const box = (node: { attrs: Record<string, string>; children: unknown[] }) => {
    const x = Number(node.attrs.x);
    const y = Number(node.attrs.y);
    const w = String(node.children[0]).length * 13;
    const left = node.attrs['text-anchor'] === 'end' ? x - w : x;
    return { left, right: left + w, top: y - 18, bottom: y + 4 };
  };
  const states = [1, 16, 512, 4096].flatMap((batch) =>
    [16, 64, 512, 2048, 131072].flatMap((prompt) =>
      [128, 4096].flatMap((context) =>
        ['h100-sxm', 'a100-80gb-sxm'].map((g) => ({ ...base, batch, prompt, context, gpu: g })),
      ),
    ),
  );
  it.each(states)('decode and prefill labels do not overlap (%o)', (state) => {
    const p = { model: presets.model, gpu: gpu(state.gpu) };
    const nodes = chartNodes(state, compute(state, p)).filter(
      (n): n is Exclude<typeof n, string> => typeof n !== 'string',
    );
    const label = (cls: string) => box(nodes.find((n) => n.attrs.class?.includes(cls))!);
    const a = label('rf-decode-label');
    const b = label('rf-prefill-label');
    const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    expect(overlap).toBe(false);
  });
});
