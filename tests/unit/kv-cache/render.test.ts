import { describe, expect, it } from 'vitest';
import { chartModel, nearestIndex, tokensLabel } from '../../../src/lib/kv-cache/chart';
import { contextGrid, memoryCurves } from '../../../src/lib/kv-cache/curves';
import type { Scenario } from '../../../src/lib/kv-cache/levers';
import type { Parsed } from '../../../src/lib/kv-cache/params';
import { escapeHtml, renderOutputs } from '../../../src/lib/kv-cache/render';
import { resultItems, stateText } from '../../../src/lib/kv-cache/view';
import { LLAMA3_8B } from '../../fixtures/architectures';

const llama3_8b: Parsed = {
  arch: LLAMA3_8B,
  workload: { batch: 8, tokens: 4096, dtype: 'bf16', tp: 1 },
  hardware: { gpuMemGiB: 80, gpus: 1, weightsParamsB: 8.03, weightsDtype: 'bf16', utilization: 0.9 },
};

describe('curves and chart', () => {
  it('the grid runs from 1k to 1M in powers of two', () => {
    const grid = contextGrid();
    expect(grid[0]).toBe(1024);
    expect(grid.at(-1)).toBe(1 << 20);
    expect(grid).toHaveLength(11);
    expect(tokensLabel(1 << 20)).toBe('1M');
    expect(tokensLabel(131072)).toBe('128k');
  });

  it('draws the baseline and only the levers that change the cache', () => {
    const curves = memoryCurves(llama3_8b as Scenario, contextGrid());
    expect(curves.map((c) => c.id)).toEqual(['baseline', 'mqa', 'fp8', 'int4', 'window']);
    // Halving the batch halves the cache exactly as fp8 does: one line, both names.
    expect(curves.find((c) => c.id === 'fp8')?.label).toBe(
      'Store the cache in fp8; halve the batch (same line)',
    );
    // The window lever only bites beyond 4096 tokens.
    const window = curves.find((c) => c.id === 'window')!;
    expect(window.bytes[2]).toBe(curves[0]!.bytes[2]); // T = 4096
    expect(window.bytes.at(-1)! < curves[0]!.bytes.at(-1)!).toBe(true);
  });

  it('puts every point inside the plot and the budget line where the budget is', () => {
    const grid = contextGrid();
    const curves = memoryCurves(llama3_8b as Scenario, grid);
    const m = chartModel(curves, grid, 10n * 2n ** 30n, { width: 720, height: 320, logX: true });
    expect(m.xs[0]).toBeCloseTo(m.left);
    expect(m.xs.at(-1)).toBeCloseTo(m.right);
    expect(m.budget?.label).toBe('room for the cache: 10 GiB');
    expect(m.budget!.y).toBeGreaterThan(m.top);
    expect(m.budget!.y).toBeLessThan(m.bottom);
    for (const l of m.lines) expect(l.d).not.toMatch(/NaN|Infinity/);
    expect(nearestIndex(m.xs, m.right + 50)).toBe(grid.length - 1);
  });

  it('a logarithmic memory axis has finite power-of-two ticks inside the plot', () => {
    const grid = contextGrid();
    const m = chartModel(memoryCurves(llama3_8b as Scenario, grid), grid, 10n * 2n ** 30n, {
      width: 720,
      height: 320,
      logX: true,
      logY: true,
    });
    expect(m.yTicks.length).toBeGreaterThan(2);
    expect(m.yTicks.length).toBeLessThanOrEqual(6);
    for (const t of m.yTicks) {
      expect(t.y).toBeGreaterThanOrEqual(m.top);
      expect(t.y).toBeLessThanOrEqual(m.bottom);
    }
    for (const l of m.lines) expect(l.d).not.toMatch(/NaN|Infinity/);
  });

  it('a budget of nothing draws no budget line', () => {
    const grid = contextGrid();
    const m = chartModel(memoryCurves(llama3_8b as Scenario, grid), grid, -5n, {
      width: 720,
      height: 320,
      logX: false,
    });
    expect(m.budget).toBeNull();
  });
});

describe('rendered outputs', () => {
  it('carry the exact integers in data-value', () => {
    const items = resultItems(llama3_8b);
    expect(items.find((i) => i.key === 'total-bytes')?.value).toBe(String(8 * 4096 * 131072));
    const html = renderOutputs(llama3_8b, true).results;
    expect(html).toContain(`data-kv="total-bytes" data-value="${8 * 4096 * 131072}"`);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });
  it('say plainly when the weights leave no room for a cache', () => {
    const heavy = { ...llama3_8b, hardware: { ...llama3_8b.hardware, weightsParamsB: 405 } };
    const room = resultItems(heavy).find((i) => i.key === 'kv-budget-bytes')!;
    expect(room.value).toBe('0');
    expect(room.text).toMatch(/^None: the weights/);
  });
  it('say the state in words for the companion: the inputs set, then every figure shown', () => {
    const items = resultItems(llama3_8b);
    const text = stateText(new URLSearchParams('model=llama-3-8b&batch=8'), items);
    expect(text.startsWith('the KV-cache calculator is set to model = llama-3-8b, batch = 8, and shows KV cache for 8 sequences of 4,096 tokens: ')).toBe(true);
    for (const item of items) expect(text).toContain(`${item.label}: ${item.text}`);
    expect(stateText(new URLSearchParams(), items)).toMatch(/^the KV-cache calculator is set to its defaults, and shows /);
  });
  it('escape text', () => {
    expect(escapeHtml('<img src=x onerror="a">&\'')).toBe(
      '&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;',
    );
  });
});
