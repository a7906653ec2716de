/**
 * Isomorphic: everything the roofline demo shows for one state — the verdicts in words, the results,
 * the chart and its table — as a view tree (view-tree.ts). The page renders it at build time and the
 * island re-renders it after every change, so what a reader sees without JavaScript is the same demo.
 */
import type { GpuPreset } from '../schemas/gpu';
import type { ModelPreset } from '../schemas/model';
import { decimal } from './bytes';
import {
  type BatchLimits,
  type Hardware,
  type Pass,
  type RooflineModel,
  batchLimits,
  decodeStep,
  denseTflops,
  hardware,
  kvBytesPerSequence,
  prefill,
  ridgePoint,
  rooflineModel,
  tokensPerSecond,
  weightBytes,
} from './roofline';
import { CHART, type ChartGeometry, chartGeometry } from './roofline-chart';
import { type RooflineState, groupNumber } from './roofline-state';
import { type ViewElement, type ViewNode, h } from './view-tree';

/** Batches drawn along the roof: powers of two up to the batch slider's end. */
export const PATH_BATCHES: readonly number[] = Array.from({ length: 13 }, (_, i) => 2 ** i);

// ---- Numbers for people -------------------------------------------------------------------------

const sig = (x: number, digits = 3) =>
  Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** Decimal bytes, 4 significant figures: "16.06 GB". */
export const formatBytes = (bytes: number): string => decimal(BigInt(Math.round(bytes)));

/** Seconds as "7.36 ms", "412 µs" or "1.23 s". */
export function formatTime(seconds: number): string {
  if (seconds >= 1) return `${sig(seconds)} s`;
  if (seconds >= 1e-3) return `${sig(seconds * 1e3)} ms`;
  return `${sig(seconds * 1e6)} µs`;
}

/** FLOPs as "18.2 GFLOP" or "33.4 TFLOP". */
export function formatFlops(flops: number): string {
  for (const [scale, unit] of [
    [1e15, 'PFLOP'],
    [1e12, 'TFLOP'],
    [1e9, 'GFLOP'],
    [1e6, 'MFLOP'],
  ] as const)
    if (flops >= scale) return `${sig(flops / scale)} ${unit}`;
  return `${sig(flops)} FLOP`;
}

/** FLOPs per byte with precision that suits the size: "1.10", "33.9", "2,040". */
export function formatIntensity(i: number): string {
  if (!Number.isFinite(i)) return 'unbounded';
  if (i < 10) return i.toFixed(2);
  if (i < 100) return i.toFixed(1);
  return Math.round(i).toLocaleString('en-US');
}

/** Tokens per second: "2,174" or "52.3". */
export const formatRate = (r: number): string => (r >= 100 ? Math.round(r).toLocaleString('en-US') : sig(r));

const TB_PER_S = (bw: number) => `${sig(bw / 1e12)} TB/s`;
const TFLOPS = (f: number) => `${sig(f / 1e12, 4)} TFLOP/s`;

// ---- The computation for one state ----------------------------------------------------------------

export interface Presets {
  model: ModelPreset;
  gpu: GpuPreset;
}

export interface Computed {
  model: RooflineModel;
  hw: Hardware;
  ridge: number;
  decode: Pass;
  prefill: Pass;
  limits: BatchLimits;
  /** Bytes of cache one sequence holds at the context T. */
  kvPerSequence: number;
  /** Decode at each batch of PATH_BATCHES (and the chosen batch), in batch order. */
  path: { batch: number; step: Pass; fits: boolean }[];
  /** The chosen batch fits in memory beside the weights. */
  fits: boolean;
}

export function compute(state: RooflineState, presets: Presets): Computed {
  const model = rooflineModel(presets.model);
  const hw = hardware(presets.gpu, state.gpus);
  const limits = batchLimits(model, hw, state.context);
  const batches = [...new Set([...PATH_BATCHES, state.batch])].sort((a, b) => a - b);
  return {
    model,
    hw,
    ridge: ridgePoint(hw),
    decode: decodeStep(model, hw, state.batch, state.context),
    prefill: prefill(model, hw, state.prompt),
    limits,
    kvPerSequence: kvBytesPerSequence(model, state.context),
    path: batches.map((batch) => ({
      batch,
      step: decodeStep(model, hw, batch, state.context),
      fits: batch <= limits.maxBatch,
    })),
    fits: state.batch <= limits.maxBatch,
  };
}

// ---- Words ------------------------------------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`) => `${groupNumber(n)} ${n === 1 ? one : many}`;
const device = (state: RooflineState, gpu: GpuPreset) =>
  state.gpus === 1 ? `one ${gpu.name}` : `${state.gpus} × ${gpu.name} (treated as one device)`;

/** The decode verdict: which bound binds, why, and the time and rate it implies. */
export function decodeSentence(state: RooflineState, c: Computed): string {
  const d = c.decode;
  const what =
    d.bound === 'memory'
      ? `memory-bound. Each step reads ${formatBytes(d.weightBytes)} of weights and ${formatBytes(d.kvBytes)} of KV cache (${plural(state.batch, 'sequence')} × ${groupNumber(state.context)} tokens), which takes at least ${formatTime(d.memoryTime)} at ${TB_PER_S(c.hw.bandwidth)}; its ${formatFlops(d.flops)} would need only ${formatTime(d.computeTime)} at peak.`
      : `compute-bound. Its ${formatFlops(d.flops)} take at least ${formatTime(d.computeTime)} at ${TFLOPS(c.hw.peakFlops)}, longer than the ${formatTime(d.memoryTime)} it takes to read ${formatBytes(d.bytes)} of weights and cache.`;
  return `At B = ${groupNumber(state.batch)} and T = ${groupNumber(state.context)}, decode is ${what} So each sequence gets a token at most every ${formatTime(d.time)}, and the batch at most ${formatRate(tokensPerSecond(d))} tokens/s.`;
}

/** The prefill verdict and the floor it puts under the time to first token. */
export function prefillSentence(state: RooflineState, c: Computed): string {
  const p = c.prefill;
  const bound =
    p.bound === 'compute'
      ? `compute-bound: its ${formatFlops(p.flops)} take at least ${formatTime(p.computeTime)} at peak, longer than reading ${formatBytes(p.bytes)} (${formatTime(p.memoryTime)})`
      : `memory-bound: reading ${formatBytes(p.bytes)} takes at least ${formatTime(p.memoryTime)}, longer than its ${formatFlops(p.flops)} need at peak (${formatTime(p.computeTime)})`;
  return `A ${groupNumber(state.prompt)}-token prompt is ${bound}. That is the floor under the time to first token.`;
}

/** Where a bigger batch stops helping, given the ridge, the cache each sequence adds and the memory. */
export function batchingSentence(state: RooflineState, presets: Presets, c: Computed): string {
  const { limits, hw } = c;
  const T = groupNumber(state.context);
  const weights = weightBytes(c.model);
  if (weights >= hw.memory)
    return `The weights alone, ${formatBytes(weights)}, do not fit in the ${formatBytes(hw.memory)} of ${device(state, presets.gpu)}: add GPUs before any batch fits.`;
  if (limits.maxBatch === 0)
    return `Even one sequence of ${T} tokens does not fit: its cache needs ${formatBytes(c.kvPerSequence)} and only ${formatBytes(hw.memory - weights)} remain beside the weights. Shorten the context or add GPUs.`;
  const best = decodeStep(c.model, hw, limits.maxBatch, state.context);
  const fit = `Memory holds at most ${plural(limits.maxBatch, 'sequence')} of ${T} tokens beside the weights (${formatBytes(c.kvPerSequence)} of cache each), for at most ${formatRate(tokensPerSecond(best))} tokens/s.`;
  if (limits.ridgeBatch !== null && limits.ridgeBatch <= limits.maxBatch)
    return `Decode reaches the ridge at B = ${groupNumber(limits.ridgeBatch)}: from there each step is compute-bound and tokens/s stays near ${formatRate(limits.tokensPerSecondLimit)} however many sequences join; a bigger batch only makes every token slower. ${fit}`;
  if (limits.ridgeBatch !== null)
    return `Decode would reach the ridge at B = ${groupNumber(limits.ridgeBatch)}, but memory runs out first. ${fit}`;
  return `At T = ${T} decode never reaches the ridge: each extra sequence brings ${formatBytes(c.kvPerSequence)} of cache to read, so the intensity creeps toward ${formatIntensity(limits.intensityLimit)} FLOPs/byte, below the ridge at ${formatIntensity(c.ridge)}, and tokens/s toward ${formatRate(limits.tokensPerSecondLimit)} (bandwidth ÷ cache per sequence). From B ≈ ${groupNumber(Math.round(limits.evenBatch))} the cache read outweighs the weight read. ${fit}`;
}

/** A warning when the chosen batch's cache does not fit, else null. */
export function fitWarning(state: RooflineState, presets: Presets, c: Computed): string | null {
  if (c.fits) return null;
  const need = weightBytes(c.model) + c.decode.kvBytes;
  return `B = ${groupNumber(state.batch)} does not fit: ${formatBytes(c.decode.weightBytes)} of weights + ${formatBytes(c.decode.kvBytes)} of cache = ${formatBytes(need)}, more than the ${formatBytes(c.hw.memory)} of ${device(state, presets.gpu)}. The bounds below are for a device with enough memory.`;
}

// ---- The chart ------------------------------------------------------------------------------------

export function geometry(c: Computed): ChartGeometry {
  const pt = (p: Pass) => ({ intensity: p.intensity, flops: p.attainableFlops });
  return chartGeometry({
    peakFlops: c.hw.peakFlops,
    bandwidth: c.hw.bandwidth,
    ridge: c.ridge,
    decodeLimit: c.limits.intensityLimit,
    decode: pt(c.decode),
    prefill: pt(c.prefill),
    path: c.path
      .filter((p) => PATH_BATCHES.includes(p.batch))
      .map((p) => ({ ...pt(p.step), batch: p.batch })),
  });
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The chart's SVG children (the <svg> element itself, with its accessible name, is the page's). */
export function chartNodes(state: RooflineState, c: Computed, g: ChartGeometry = geometry(c)): ViewNode[] {
  const nodes: ViewNode[] = [];
  for (const t of g.yTicks)
    nodes.push(
      h('line', { class: 'rf-grid', x1: g.left, x2: g.right, y1: r1(t.y), y2: r1(t.y) }),
      h(
        'text',
        { class: 'rf-tick', x: g.left - 6, y: r1(t.y), 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        t.label,
      ),
    );
  for (const t of g.xTicks)
    nodes.push(
      h('line', { class: 'rf-grid', x1: r1(t.x), x2: r1(t.x), y1: g.top, y2: g.bottom }),
      h('text', { class: 'rf-tick', x: r1(t.x), y: g.bottom + 16, 'text-anchor': 'middle' }, t.label),
    );
  nodes.push(
    h('line', { class: 'rf-axis', x1: g.left, x2: g.right, y1: g.bottom, y2: g.bottom }),
    h('line', { class: 'rf-axis', x1: g.left, x2: g.left, y1: g.top, y2: g.bottom }),
    h(
      'text',
      { class: 'rf-axis-title', x: (g.left + g.right) / 2, y: CHART.height - 10, 'text-anchor': 'middle' },
      'arithmetic intensity (FLOPs per byte moved)',
    ),
    // The y axis is named above it, not rotated beside it, so narrow screens can enlarge the text.
    h('text', { class: 'rf-axis-title', x: 4, y: g.top - 12, 'text-anchor': 'start' }, 'attainable TFLOP/s'),
    h('line', { class: 'rf-ridge', x1: r1(g.ridge.x), x2: r1(g.ridge.x), y1: g.top, y2: g.bottom }),
    h(
      'text',
      { class: 'rf-note', x: r1(g.ridge.x) + 4, y: g.top - 8, 'text-anchor': 'start' },
      `ridge ${formatIntensity(c.ridge)}`,
    ),
  );
  if (g.limitX !== null)
    nodes.push(
      h('line', { class: 'rf-limit', x1: r1(g.limitX), x2: r1(g.limitX), y1: g.top, y2: g.bottom }),
      h(
        'text',
        { class: 'rf-note rf-limit-label', x: r1(g.limitX) - 4, y: g.bottom - 8, 'text-anchor': 'end' },
        `decode cap ${formatIntensity(c.limits.intensityLimit)}`,
      ),
    );
  nodes.push(h('path', { class: 'rf-roof', d: g.roof }));
  for (const p of g.path) {
    const fits = p.batch <= c.limits.maxBatch;
    nodes.push(
      h(
        'g',
        { class: fits ? 'rf-step' : 'rf-step rf-nofit', 'data-batch': p.batch },
        h(
          'title',
          {},
          `B = ${groupNumber(p.batch)}: ${formatIntensity(p.intensity)} FLOPs/byte${fits ? '' : ', does not fit in memory'}`,
        ),
        h('circle', { class: 'rf-hit', cx: r1(p.x), cy: r1(p.y), r: 11 }),
        h('circle', { class: 'rf-dot', cx: r1(p.x), cy: r1(p.y), r: 3.5 }),
      ),
    );
  }
  const d = g.decode;
  const p = g.prefill;
  const decodeAbove = d.x > g.right - 160;
  // The prefill label goes above the roof, to the left unless that would run off the plot. When the
  // decode label takes the space above nearby, it goes below the roof instead: to the right of a
  // point on the slope, to the left of one on the flat part, so it never crosses the roof.
  const prefillBelow = decodeAbove && Math.abs(p.x - d.x) < 200;
  const prefillLabel = prefillBelow
    ? p.x < g.ridge.x
      ? { class: 'rf-label rf-prefill-label', x: r1(p.x) + 10, y: r1(p.y) + 24, 'text-anchor': 'start' }
      : { class: 'rf-label rf-prefill-label', x: r1(p.x) - 10, y: r1(p.y) + 24, 'text-anchor': 'end' }
    : p.x < g.left + 160
      ? { class: 'rf-label rf-prefill-label', x: r1(p.x) + 10, y: r1(p.y) - 12, 'text-anchor': 'start' }
      : { class: 'rf-label rf-prefill-label', x: r1(p.x) - 10, y: r1(p.y) - 12, 'text-anchor': 'end' };
  nodes.push(
    h('rect', {
      class: 'rf-prefill',
      x: r1(p.x) - 6,
      y: r1(p.y) - 6,
      width: 12,
      height: 12,
      transform: `rotate(45 ${r1(p.x)} ${r1(p.y)})`,
    }),
    h('text', prefillLabel, `prefill P = ${groupNumber(state.prompt)}`),
    h('circle', { class: c.fits ? 'rf-decode' : 'rf-decode rf-nofit', cx: r1(d.x), cy: r1(d.y), r: 7 }),
    h(
      'text',
      // Below the roof to the right; near the right edge, above the roof to the left instead (below
      // it there, the prefill's label may already sit).
      decodeAbove
        ? { class: 'rf-label rf-decode-label', x: r1(d.x) - 10, y: r1(d.y) - 14, 'text-anchor': 'end' }
        : { class: 'rf-label rf-decode-label', x: r1(d.x) + 10, y: r1(d.y) + 20, 'text-anchor': 'start' },
      `decode B = ${groupNumber(state.batch)}`,
    ),
  );
  return nodes;
}

/** One sentence naming what the chart shows, for the <svg>'s accessible description. */
export function chartSummary(state: RooflineState, c: Computed): string {
  return `Log-log roofline: attainable TFLOP/s rises with intensity at ${TB_PER_S(c.hw.bandwidth)} until the ridge at ${formatIntensity(c.ridge)} FLOPs/byte, then stays flat at ${TFLOPS(c.hw.peakFlops)}. Decode at B = ${groupNumber(state.batch)} sits at ${formatIntensity(c.decode.intensity)} (${c.decode.bound}-bound); prefill of ${groupNumber(state.prompt)} tokens at ${formatIntensity(c.prefill.intensity)} (${c.prefill.bound}-bound). The table below lists every point.`;
}

// ---- Results and table ------------------------------------------------------------------------------

const result = (key: string, label: string, value: string, raw: number | string) =>
  h('div', { class: 'rf-result' }, h('dt', {}, label), h('dd', { 'data-rf': key, 'data-value': raw }, value));

/** The key figures as a description list. */
export function resultNodes(state: RooflineState, c: Computed): ViewElement {
  const d = c.decode;
  const p = c.prefill;
  return h(
    'dl',
    { class: 'rf-results' },
    result('ridge', 'Ridge point, peak ÷ bandwidth', `${formatIntensity(c.ridge)} FLOPs/byte`, c.ridge),
    result(
      'decode-intensity',
      `Decode intensity at B = ${groupNumber(state.batch)}`,
      `${formatIntensity(d.intensity)} FLOPs/byte, ${d.bound}-bound`,
      d.intensity,
    ),
    result('tpot', 'Time per output token, at least', formatTime(d.time), d.time),
    result(
      'tokens-per-second',
      'Decode tokens/s, at most',
      formatRate(tokensPerSecond(d)),
      tokensPerSecond(d),
    ),
    result(
      'prefill-intensity',
      `Prefill intensity at P = ${groupNumber(state.prompt)}`,
      `${formatIntensity(p.intensity)} FLOPs/byte, ${p.bound}-bound`,
      p.intensity,
    ),
    result('ttft', 'Time to first token, at least', formatTime(p.time), p.time),
    result(
      'ridge-batch',
      `Batch where decode reaches the ridge at T = ${groupNumber(state.context)}`,
      c.limits.ridgeBatch === null
        ? `never (cap ${formatIntensity(c.limits.intensityLimit)} FLOPs/byte)`
        : groupNumber(c.limits.ridgeBatch),
      c.limits.ridgeBatch ?? 'never',
    ),
    result(
      'max-batch',
      'Largest batch that fits in memory',
      groupNumber(c.limits.maxBatch),
      c.limits.maxBatch,
    ),
  );
}

/** The chart's numbers: the roof, the two operating points and decode along the batch axis. */
export function tableNode(state: RooflineState, c: Computed): ViewElement {
  const cell = (text: string, label: string) => h('td', { 'data-label': label }, text);
  const rows = c.path.map(({ batch, step, fits }) =>
    h(
      'tr',
      { class: batch === state.batch ? 'rf-chosen' : null, 'data-batch': batch },
      h(
        'th',
        { scope: 'row' },
        `decode B = ${groupNumber(batch)}${batch === state.batch ? ' (chosen)' : ''}`,
      ),
      cell(formatIntensity(step.intensity), 'FLOPs/byte'),
      cell(step.bound, 'Bound'),
      cell(formatTime(step.time), 'Step at least'),
      cell(formatRate(tokensPerSecond(step)), 'Tokens/s at most'),
      cell(formatBytes(step.kvBytes), 'KV cache read'),
      cell(fits ? 'yes' : 'no', 'Fits in memory'),
    ),
  );
  const p = c.prefill;
  rows.push(
    h(
      'tr',
      { class: 'rf-prefill-row' },
      h('th', { scope: 'row' }, `prefill P = ${groupNumber(state.prompt)}`),
      cell(formatIntensity(p.intensity), 'FLOPs/byte'),
      cell(p.bound, 'Bound'),
      cell(formatTime(p.time), 'Step at least'),
      cell(formatRate(state.prompt / p.time), 'Tokens/s at most'),
      cell(formatBytes(p.kvBytes), 'KV cache written'),
      cell(weightBytes(c.model) + p.kvBytes <= c.hw.memory ? 'yes' : 'no', 'Fits in memory'),
    ),
  );
  return h(
    'table',
    {},
    h(
      'caption',
      {},
      `Roof: ${TFLOPS(c.hw.peakFlops)} peak, ${TB_PER_S(c.hw.bandwidth)}, ridge at ${formatIntensity(c.ridge)} FLOPs/byte. Decode at T = ${groupNumber(state.context)} as the batch grows, then the prefill.`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Pass'),
        h('th', { scope: 'col' }, 'FLOPs/byte'),
        h('th', { scope: 'col' }, 'Bound'),
        h('th', { scope: 'col' }, 'Time at least'),
        h('th', { scope: 'col' }, 'Tokens/s at most'),
        h('th', { scope: 'col' }, 'KV cache moved'),
        h('th', { scope: 'col' }, 'Fits'),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

/** The GPU's figures in words, with the dense peak derived from the datasheet. */
export function gpuFigures(gpu: GpuPreset): string {
  const dense = denseTflops(gpu);
  const peak = gpu.quotedWithSparsity
    ? `${sig(dense, 5)} TFLOP/s dense bf16 (half the datasheet’s ${groupNumber(gpu.bf16TflopsQuoted)}, which is with sparsity)`
    : `${sig(dense, 5)} TFLOP/s dense bf16`;
  return `${gpu.name}: ${peak}, ${groupNumber(gpu.bandwidthGBs)} GB/s, ${groupNumber(gpu.memoryGB)} GB.`;
}

// ---- The whole demo -------------------------------------------------------------------------------

/** The verdicts in words: a fit warning if needed, then decode, prefill and where batching stops helping. */
export function verdictNodes(state: RooflineState, presets: Presets, c: Computed): ViewNode[] {
  const warning = fitWarning(state, presets, c);
  return [
    warning ? h('p', { class: 'rf-warning', 'data-rf-warning': '' }, warning) : null,
    h('p', { 'data-rf-sentence': 'decode' }, h('strong', {}, 'Decode. '), decodeSentence(state, c)),
    h('p', { 'data-rf-sentence': 'prefill' }, h('strong', {}, 'Prefill. '), prefillSentence(state, c)),
    h(
      'p',
      { 'data-rf-sentence': 'batching' },
      h('strong', {}, 'Where batching stops helping. '),
      batchingSentence(state, presets, c),
    ),
  ].filter((n): n is ViewElement => n !== null);
}

const swatch = (...children: ViewNode[]) =>
  h(
    'svg',
    {
      class: 'rf-swatch',
      viewBox: '0 0 24 14',
      width: 24,
      height: 14,
      'aria-hidden': 'true',
      focusable: 'false',
    },
    ...children,
  );

/** The figure (chart and legend), the key results and the chart's table. */
export function viewNodes(state: RooflineState, c: Computed, id: string): ViewNode[] {
  const title = `${id}-chart-title`;
  const desc = `${id}-chart-desc`;
  return [
    h(
      'figure',
      { class: 'rf-figure' },
      h(
        'svg',
        {
          class: 'rf-chart',
          viewBox: `0 0 ${CHART.width} ${CHART.height}`,
          role: 'img',
          'aria-labelledby': title,
          'aria-describedby': desc,
          'data-rf-chart': '',
        },
        h(
          'title',
          { id: title },
          'Roofline: attainable TFLOP/s against arithmetic intensity, both on log scales',
        ),
        h('desc', { id: desc }, chartSummary(state, c)),
        ...chartNodes(state, c),
      ),
      h(
        'figcaption',
        {},
        h(
          'ul',
          { class: 'rf-legend' },
          h(
            'li',
            {},
            swatch(h('path', { class: 'rf-roof', d: 'M1 12 L12 3 L23 3' })),
            'the roof: min(peak, bandwidth × intensity)',
          ),
          h(
            'li',
            {},
            swatch(h('line', { class: 'rf-ridge', x1: 12, x2: 12, y1: 0, y2: 14 })),
            'the ridge, where the two limits meet',
          ),
          h(
            'li',
            {},
            swatch(h('line', { class: 'rf-limit', x1: 12, x2: 12, y1: 0, y2: 14 })),
            'decode’s cap at this context: no batch gets past it',
          ),
          h(
            'li',
            {},
            swatch(
              h('circle', { class: 'rf-dot', cx: 7, cy: 7, r: 3.5 }),
              h('circle', { class: 'rf-dot rf-nofit', cx: 17, cy: 7, r: 3.5 }),
            ),
            'decode at B = 1, 2, 4, … 4,096 (hollow: the cache does not fit); select one to choose it',
          ),
          h(
            'li',
            {},
            swatch(h('circle', { class: 'rf-decode', cx: 12, cy: 7, r: 5 })),
            'decode at the chosen batch',
          ),
          h(
            'li',
            {},
            swatch(
              h('rect', {
                class: 'rf-prefill',
                x: 8,
                y: 3,
                width: 8,
                height: 8,
                transform: 'rotate(45 12 7)',
              }),
            ),
            'prefill of the chosen prompt',
          ),
        ),
      ),
    ),
    resultNodes(state, c),
    h(
      'details',
      { class: 'rf-table' },
      h('summary', {}, 'The chart’s numbers as a table'),
      h(
        'div',
        { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Roofline numbers' },
        tableNode(state, c),
      ),
    ),
  ];
}

/** The model's and GPU's figures the demo works from, in words. */
export function presetFigures(presets: Presets): string {
  const m = rooflineModel(presets.model);
  return `${presets.model.name}: ${sig(presets.model.paramsB, 4)} billion parameters in ${presets.model.dtype} (${formatBytes(weightBytes(m))} of weights), ${formatBytes(kvBytesPerSequence(m, 1))} of KV cache per token. ${gpuFigures(presets.gpu)}`;
}
